"""`archwright critique ARCH`: the skeptical reviewer, backed by the engines' figures."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    arch_path: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Failure modes, what breaks at 10x, hidden costs, simpler alternatives, tech debt."""
    from archwright.advise.critique import critique
    from archwright.archfile import load_architecture
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json, print_text
    from archwright.kb import load_catalog

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        result = critique(load_architecture(arch_path), load_catalog())
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import critique_text

    print_text(critique_text(result))
