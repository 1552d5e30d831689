"""`archwright simulate ARCH [--rps N | --scale X] [--format table|json]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import BadInput, input_errors
from archwright.cli.load_options import check_options
from archwright.cli.output import warn_inferred


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    rps: float | None = typer.Option(
        None,
        "--rps",
        help="External requests/s (default: the recorded scale.peak_rps, else 100).",
    ),
    scale: float = typer.Option(1.0, "--scale", help="Multiply the load: 10 for 'what at 10x'."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Load and capacity: utilization, latency, bottleneck and ceiling of every component."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json

    with input_errors():
        check_options(fmt, rps)
        if scale <= 0:
            raise BadInput("--scale must be positive")
        arch = load_architecture(arch_file)
        from archwright.simulate.load import simulate

        result = simulate(arch, rps, scale)
    warn_inferred(arch)
    if fmt == "json":
        print_json(result)
        return
    from archwright.cli.simulate_table import render_simulation

    render_simulation(result)
