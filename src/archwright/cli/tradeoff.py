"""`archwright tradeoff OPTION OPTION...`: options scored on dimensions under a context."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.numbers import number_option


def command(
    options: list[str] = typer.Argument(
        ..., metavar="OPTION...", help="Patterns, catalog technologies or architecture files."
    ),
    spec: Path | None = typer.Option(None, "--spec", help="Requirements file (the context)."),
    arch: Path | None = typer.Option(
        None, "--arch", help="Or take the requirements recorded in this architecture file."
    ),
    dimensions: str | None = typer.Option(
        None, "--dimensions", help="Comma-separated dimensions (default: the decision's own)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    adr: Path | None = typer.Option(None, "--adr", help="Also write a MADR record into DIR."),
    what_if: list[str] = typer.Option(
        [], "--what-if", help="FACT=VALUE to recompute with (repeatable), e.g. team.size=3."
    ),
    horizon: float | None = number_option(
        None,
        "--horizon",
        bound="horizon",
        above_low=True,
        help="Years of scale.growth_per_year the scalability ceiling looks ahead (default 2).",
    ),
) -> None:
    """Score options across dimensions, recommend one, and say what would flip it."""
    from archwright.advise.run import file_options, run_tradeoff
    from archwright.advise.tradeoff import TradeoffError
    from archwright.archfile import load_architecture, load_requirements
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        req = load_requirements(spec) if spec else None
        if req is None and arch is not None:
            req = load_architecture(arch).requirements
        archs = {name: load_architecture(Path(name)) for name in file_options(options)}
        dims = [d.strip() for d in dimensions.split(",") if d.strip()] if dimensions else None
        try:
            result = run_tradeoff(options, req, dims, archs, what_if, horizon)
        except TradeoffError as exc:
            raise BadInput(str(exc)) from None
        if adr is not None:
            from archwright.advise.adr import next_number, tradeoff_record, write_records

            write_records(adr, [tradeoff_record(result, next_number(adr))])
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import tradeoff_text

    print(tradeoff_text(result), end="")
