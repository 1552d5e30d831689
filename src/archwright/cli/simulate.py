"""`archwright simulate ARCH [--rps N | --scale X] [--des REQUESTS [--seed S]]
[--format table|json]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import BadInput, input_errors
from archwright.cli.load_options import check_options
from archwright.cli.numbers import number_option
from archwright.cli.output import warn_inferred


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    rps: float | None = number_option(
        None,
        "--rps",
        bound="count",
        above_low=True,
        help="External requests/s (default: the recorded scale.peak_rps, else 100).",
    ),
    scale: float = number_option(
        1.0,
        "--scale",
        bound="scale",
        above_low=True,
        help="Multiply the load: 10 for 'what at 10x'.",
    ),
    des: int | None = number_option(
        None,
        "--des",
        bound="des_requests",
        help="Run the discrete-event simulator for this many external requests instead "
        "(1,000 to 2,000,000; a progress bar on a terminal).",
    ),
    seed: int = number_option(1, "--seed", bound="seed", help="Seed of --des."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Load and capacity: utilization, latency, bottleneck and ceiling of every component."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json

    with input_errors():
        check_options(fmt)
        if scale <= 0:
            raise BadInput("--scale must be positive")
        arch = load_architecture(arch_file)
        if des is not None:
            _des(arch, rps, scale, des, seed, fmt)
            return
        from archwright.simulate.load import simulate

        result = simulate(arch, rps, scale)
    warn_inferred(arch)
    if fmt == "json":
        print_json(result)
        return
    from archwright.cli.simulate_table import render_simulation

    render_simulation(result)


def _des(arch: object, rps: float | None, scale: float, requests: int, seed: int, fmt: str) -> None:
    """The discrete-event reference at the same load, as the web's DES job runs it."""
    from archwright.cli.output import print_json
    from archwright.cli.progress import progress_bar
    from archwright.model import Architecture
    from archwright.simulate import DesConfig, build, default_rps, run
    from archwright.simulate.des import measurements

    assert isinstance(arch, Architecture)
    load = (rps if rps is not None else default_rps(arch)) * scale
    with progress_bar(f"DES {requests:,} requests") as progress:
        stats = run(build(arch), load, DesConfig(requests=requests, seed=seed), progress)
    result = measurements(stats, load, requests)
    if fmt == "json":
        print_json(result)
        return
    from archwright.cli.simulate_table import render_des

    render_des(result)
