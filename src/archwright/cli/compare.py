"""`archwright compare A B`: structure, audit, cost, capacity and availability deltas."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    a: Path = typer.Argument(..., metavar="ARCH_A", help="The 'before' architecture."),
    b: Path = typer.Argument(..., metavar="ARCH_B", help="The 'after' architecture."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Compare two architectures side by side."""
    from archwright.advise.compare import compare
    from archwright.archfile import load_architecture
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json, print_text

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        result = compare(load_architecture(a), load_architecture(b))
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import compare_text

    print_text(compare_text(result))
