"""Rich tables for the simulation commands (presentation only, no analysis)."""

from __future__ import annotations

from typing import Any

from archwright.cli.output import console


def _ms(value: float | None) -> str:
    return "saturated" if value is None else f"{value:,.1f}"


def _pct(value: float | None) -> str:
    return "saturated" if value is None else f"{value:.0%}"


def render_simulation(result: dict[str, Any]) -> None:
    from rich.table import Table

    out = console()
    ceiling = result["max_rps"]
    out.print(
        f"load {result['rps']:,.0f} rps · max sustainable "
        f"{'∞' if ceiling is None else f'{ceiling:,.0f}'} rps · bottleneck "
        f"{result['bottleneck'] or '-'}"
    )
    table = Table(title="components")
    for col in ("component", "arrival rps", "servers", "util", "mean ms", "p99 ms", "saturates at"):
        table.add_column(col, justify="left" if col == "component" else "right")
    for cid, comp in result["components"].items():
        sat = comp["saturates_at_rps"]
        servers = comp["servers"]
        table.add_row(
            cid,
            f"{comp['arrival_rps']:,.1f}",
            "∞" if servers is None else f"{servers:,.0f}",
            _pct(comp["utilization"]),
            _ms(comp["latency_ms"]["mean"]),
            _ms(comp["latency_ms"]["p99"]),
            "∞" if sat is None else f"{sat:,.0f}",
        )
    out.print(table)
    journeys = Table(title="journeys")
    for col in ("journey", "share", "mean ms", "p50 ms", "p95 ms", "p99 ms"):
        journeys.add_column(col, justify="left" if col == "journey" else "right")
    for name, journey in result["journeys"].items():
        lat = journey["latency_ms"]
        journeys.add_row(
            name,
            f"{journey['share']:.0%}",
            _ms(lat["mean"]),
            _ms(lat["p50"]),
            _ms(lat["p95"]),
            _ms(lat["p99"]),
        )
    out.print(journeys)
    for rec in result.get("recommendations", []):
        out.print(f"• {rec['text']}")
    for warning in result.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {warning}")
