"""`archwright sweep ARCH [--rps N] [--top N] [--format table|json]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import input_errors
from archwright.cli.load_options import check_options
from archwright.cli.numbers import number_option


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    rps: float | None = number_option(
        None, "--rps", bound="count", above_low=True, help="Load (default: the stated peak)."
    ),
    top: int = number_option(0, "--top", bound="top", help="Show only the N worst (0: all)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Fail every component in turn and rank them by the traffic and journeys they take down."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json

    with input_errors():
        check_options(fmt)
        arch = load_architecture(arch_file)
        from archwright.simulate.load import default_rps
        from archwright.simulate.sweep import sweep

        ranked = sweep(arch, rps if rps is not None else default_rps(arch))
    if top:
        ranked = ranked[:top]
    if fmt == "json":
        print_json({"ranking": ranked})
        return
    from archwright.cli.simulate_table import render_sweep

    render_sweep(ranked)
