"""`archwright availability ARCH [--rps N] [--monte-carlo] [--format table|json]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import input_errors
from archwright.cli.load_options import check_options
from archwright.cli.numbers import number_option


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    rps: float | None = number_option(
        None,
        "--rps",
        bound="count",
        above_low=True,
        help="Load that sets how many replicas each step needs (k of n).",
    ),
    monte_carlo: bool = typer.Option(
        False, "--monte-carlo", help="Sample (with a 95% interval) even where exact is possible."
    ),
    samples: int = number_option(
        200_000, "--samples", bound="samples", help="Monte Carlo samples (100 to 2,000,000)."
    ),
    seed: int = number_option(1, "--seed", bound="seed", help="Monte Carlo seed."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Composite availability of every journey against the SLO, with the error budget."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json

    with input_errors():
        check_options(fmt)
        arch = load_architecture(arch_file)
        from archwright.cli.progress import progress_bar
        from archwright.simulate.availability import availability
        from archwright.simulate.load import default_rps

        load = rps if rps is not None else default_rps(arch)
        method = "monte_carlo" if monte_carlo else "auto"
        with progress_bar("availability") as progress:
            result = availability(
                arch, load, method=method, samples=samples, seed=seed, progress=progress
            )
    if fmt == "json":
        print_json(result)
        return
    from archwright.cli.simulate_table import render_availability

    render_availability(result)
