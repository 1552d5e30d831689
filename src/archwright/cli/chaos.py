"""`archwright chaos ARCH --fail ID[,ID...] [--zone Z] [--region R] [--slow ID=MS]
[--throttle ID=RPS] [--rps N]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import BadInput, input_errors
from archwright.cli.load_options import check_options
from archwright.cli.numbers import number_option


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    fail: list[str] = typer.Option([], "--fail", help="Component ids to fail (comma-separated)."),
    zone: list[str] = typer.Option([], "--zone", help="Availability zone to lose (repeatable)."),
    region: str | None = typer.Option(None, "--region", help="Region to lose."),
    slow: list[str] = typer.Option([], "--slow", help="ID=MS: add MS to a component's service."),
    throttle: list[str] = typer.Option(
        [], "--throttle", help="ID=RPS: the provider cuts a model's quota to RPS requests/s."
    ),
    rps: float | None = number_option(
        None, "--rps", bound="count", above_low=True, help="Load (default: the stated peak)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Fail components, zones or a region (or slow or throttle a component) and show the
    cascade. A model asked for more than its quota is throttled in every scenario."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json

    with input_errors():
        check_options(fmt)
        ids = [part.strip() for item in fail for part in item.split(",") if part.strip()]
        zones = [part.strip() for item in zone for part in item.split(",") if part.strip()]
        if not (ids or zones or region or slow or throttle):
            raise BadInput("nothing to break: give --fail, --zone, --region, --slow or --throttle")
        arch = load_architecture(arch_file)
        from archwright.simulate.chaos import (
            ChaosInputError,
            Scenario,
            chaos,
            parse_slow,
            parse_throttle,
        )
        from archwright.simulate.load import default_rps

        try:
            scenario = Scenario(
                fail=ids,
                zones=zones,
                region=region,
                slow=parse_slow(slow),
                throttle=parse_throttle(throttle),
            )
            result = chaos(arch, scenario, rps if rps is not None else default_rps(arch))
        except ChaosInputError as exc:
            raise BadInput(str(exc)) from None
    if fmt == "json":
        print_json(result)
        return
    from archwright.cli.simulate_table import render_chaos

    render_chaos(result)
