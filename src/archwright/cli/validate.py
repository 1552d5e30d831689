"""`archwright validate ARCH...`: every problem of every file, one line each."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import EXIT_BAD_INPUT


def command(
    files: list[Path] = typer.Argument(..., help="Architecture files (YAML or JSON)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Check architecture files: shape, kinds, references, journeys and units.

    Exit 0 when every file is valid, 2 when any is not (one line per problem on stderr).
    """
    import sys

    from archwright.archfile import FileProblem, load_architecture
    from archwright.cli.output import print_json

    report = []
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
        report.append(
            {
                "file": str(path),
                "valid": True,
                "problems": [],
                "components": len(arch.components),
                "connections": len(arch.connections),
            }
        )
        if fmt != "json":
            print(
                f"{path}: ok ({len(arch.components)} components, "
                f"{len(arch.connections)} connections)"
            )
    if fmt == "json":
        print_json({"files": report, "valid": not bad})
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
