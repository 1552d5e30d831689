"""`archwright validate ARCH...`: every problem of every file, one line each."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import EXIT_BAD_INPUT


def command(
    files: list[Path] = typer.Argument(
        ..., metavar="ARCH...", help="Architecture files (YAML or JSON)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Check architecture files: shape, kinds, references, journeys and units.

    Exit 0 when every file is valid, 2 when any is not (one line per problem on stderr).
    Technologies missing from the catalog are warnings: the file is valid, but analyses
    fall back to the kind's reference technology for them. So are likely traffic
    mistakes (docs/model.md): a gateway whose shares add up to more than 1, a cycle of
    synchronous calls, a synchronous call into telemetry, a fallback also called directly.
    """
    from archwright.cli.output import print_json
    from archwright.model.collector import collector_paused

    # Python's cyclic collector walked the loaded model three times after loading (the
    # catalog's validation and the traffic checks allocate enough to start collections
    # of every generation): a quarter of a validate at 10,000 components (issue 16).
    # The model and the checks' tables hold no cycles; reference counting frees them.
    with collector_paused():
        report, bad = _validate_all(files, fmt)
    if fmt == "json":
        print_json({"files": report, "valid": not bad})
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


def _validate_all(files: list[Path], fmt: str) -> tuple[list[dict[str, object]], bool]:
    """Each file's entry of the JSON report, and whether any file is invalid; problems
    and warnings are printed on stderr as they are found, the table's lines on stdout."""
    import sys

    from archwright.archfile import FileProblem, load_architecture, warning_lines
    from archwright.cost.traffic_checks import check_traffic

    report: list[dict[str, object]] = []
    bad = False
    for path in files:
        try:
            arch = load_architecture(path)
        except FileProblem as exc:
            bad = True
            for line in exc.lines():
                print(line, file=sys.stderr)
            report.append({"file": str(path), "valid": False, "problems": exc.lines()})
            continue
        warnings = _unknown_technologies(arch, str(path))
        warnings += warning_lines(path, check_traffic(arch))
        for line in warnings:
            print(line, file=sys.stderr)
        report.append(
            {
                "file": str(path),
                "valid": True,
                "problems": [],
                "warnings": warnings,
                "components": len(arch.components),
                "connections": len(arch.connections),
            }
        )
        if fmt != "json":
            print(
                f"{path}: ok ({len(arch.components)} components, "
                f"{len(arch.connections)} connections)"
            )
    return report, bad


def _unknown_technologies(arch: object, source: str) -> list[str]:
    import difflib

    from archwright.kb import load_catalog
    from archwright.model import Architecture

    assert isinstance(arch, Architecture)
    catalog = load_catalog()
    names = [t.name for t in catalog.technologies]
    out = []
    for i, comp in enumerate(arch.components):
        if comp.technology and catalog.find(comp.technology) is None:
            close = difflib.get_close_matches(comp.technology.lower(), names, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            out.append(
                f"{source}: warning: components[{i}].technology: "
                f"{comp.technology!r} is not in the catalog{hint}"
            )
    return out
