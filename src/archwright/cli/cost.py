"""`archwright cost ARCH [--cloud aws|gcp|azure] [--format table|json]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from archwright.cli.errors import BadInput, input_errors


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    cloud: str | None = typer.Option(
        None,
        "--cloud",
        help="aws, gcp or azure (default: the model's constraint, else the cloud of its "
        "managed services, else aws; on-premises is priced on AWS as a proxy).",
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Estimate the monthly cost per component and in total, with the assumptions."""
    from archwright.archfile import load_architecture
    from archwright.cli.output import print_json
    from archwright.cost import CLOUDS, monthly_cost
    from archwright.kb.catalog import load_catalog

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r}; choose from: table, json")
        if cloud is not None and cloud not in CLOUDS:
            raise BadInput(f"unknown cloud {cloud!r}; choose from: {', '.join(CLOUDS)}")
        arch = load_architecture(arch_file)
    result = monthly_cost(arch, load_catalog(), cloud)
    if fmt == "json":
        from archwright.cost.report import to_json

        print_json(to_json(result))
        return
    _print_table(result)


def _print_table(result: Any) -> None:
    from archwright.cli.output import capped, console

    title = f"Monthly cost on {result.cloud} ({result.currency})"
    shown, more = capped(list(result.components.items()), "components")
    rows = [(cid, f"{c.monthly:,.2f}" if c.priced else "-", c.basis) for cid, c in shown]
    rows += [(line, f"{c.monthly:,.2f}", c.basis) for line, c in result.network.items()]
    rows.append(("total", f"{result.monthly_total:,.2f}", "infrastructure"))
    if result.monthly_low is not None and result.monthly_high is not None:
        rows.append(
            (
                "range",
                f"{result.monthly_low:,.2f} - {result.monthly_high:,.2f}",
                "low and high ends of the assumed usage (see assumptions)",
            )
        )
    if result.transaction_fees:
        rows.append(("fees", f"{result.transaction_fees:,.2f}", "payment transaction fees"))
    out = console()
    for warning in result.warnings:
        out.print(f"warning: {warning}", markup=False)
    _table(out, title, rows)
    if more:
        out.print(more)
    for alt in result.alternatives:
        out.print(
            f"cheaper: {alt.component}: {alt.suggestion} instead of {alt.current} saves "
            f"${alt.saving:,.2f}/month ({alt.tradeoff})"
        )
    out.print("assumptions:")
    for line in result.assumptions:
        out.print(f"  - {line}")


def _table(out: Any, title: str, rows: list[tuple[str, str, str]]) -> None:
    """The cost table (the last rows are the CLI's own words), monthly figures right."""
    from archwright.cli.plain_table import print_table

    print_table(out, title, ("component", "monthly", "basis"), rows, (False, True, False))
