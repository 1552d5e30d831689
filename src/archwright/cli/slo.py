"""`archwright slo ARCH [-o DIR]`: SLIs, SLOs, error budgets and burn-rate alerts."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    arch_path: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    out: Path | None = typer.Option(None, "-o", "--output", help="Write Prometheus rules here."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Design SLOs per journey and component, with multi-window burn-rate alerts."""
    from archwright.advise.slo import design, prometheus_rules
    from archwright.archfile import dump_yaml, load_architecture, write_atomic
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        arch = load_architecture(arch_path)
        result = design(arch)
        if out is not None:
            target = out / "slo-rules.yaml"
            try:
                write_atomic(target, dump_yaml(prometheus_rules(result)))
            except OSError as exc:
                raise BadInput(f"cannot write {target}: {exc.strerror}") from None
            result["written"] = [str(target)]
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import slo_text

    print(slo_text(result), end="")
