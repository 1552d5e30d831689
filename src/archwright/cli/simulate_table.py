"""Rich tables for the simulation commands (presentation only, no analysis)."""

from __future__ import annotations

from typing import Any

from archwright.cli.output import MAX_TABLE_ROWS, capped, console


def _ms(value: float | None) -> str:
    return "saturated" if value is None else f"{value:,.1f}"


def _pct(value: float | None) -> str:
    from archwright.simulate.capacity import utilization_percent

    return "saturated" if value is None else utilization_percent(value)


def render_simulation(result: dict[str, Any]) -> None:
    from rich.table import Table

    out = console()
    ceiling = result["max_rps"]
    out.print(
        f"load {result['rps']:,.0f} rps · max sustainable "
        f"{'∞' if ceiling is None else f'{ceiling:,.0f}'} rps · bottleneck "
        f"{result['bottleneck'] or '-'}"
    )
    if result.get("load_basis"):
        out.print(f"load used: {result['load_basis']}")
    table = Table(title="components")
    for col in ("component", "arrival rps", "servers", "util", "mean ms", "p99 ms", "saturates at"):
        table.add_column(col, justify="left" if col == "component" else "right")
    # busiest first when capped, so the bottleneck is never among the rows left out
    rows, more = capped(_busiest_first(result["components"]), "components")
    for cid, comp in rows:
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
    if more:
        out.print(more)
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
    if result.get("models"):
        out.print(_models_table(result["models"]))
    for rec in result.get("recommendations", []):
        out.print(f"• {rec['text']}")
    for warning in result.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {warning}")


def _models_table(models: dict[str, Any]) -> Any:
    """Token models: quota and what binds, GPUs, call time at the token tail, overflow."""
    from rich.table import Table

    table = Table(title="models (tokens)")
    cols = ("model", "arrival rps", "quota rps", "binds", "GPUs", "mean ms", "p99-token ms")
    for col in (*cols, "over context"):
        table.add_column(col, justify="left" if col in {"model", "binds"} else "right")
    for cid, m in models.items():
        quota = m["quota_rps"]
        gpus = m["gpus"]
        table.add_row(
            cid,
            f"{m['arrival_rps']:,.1f}",
            "∞" if quota is None else f"{quota:,.1f}",
            m["quota_binding"],
            "-" if gpus is None else f"{gpus['needed']} of {gpus['have']}",
            _ms(m["call_ms"]["mean"]),
            _ms(m["call_ms"]["p99_tokens"]),
            f"{m['context_overflow_share']:.2%}",
        )
    return table


_STYLE = {"ok": "green", "degraded": "yellow", "failed": "red"}


def render_chaos(result: dict[str, Any]) -> None:
    from rich.table import Table

    out = console()
    out.print(f"failed: {', '.join(result['failed']) or '-'} at {result['rps']:,.0f} rps")
    table = Table(title="components")
    for col in ("component", "status", "load ×", "cause"):
        table.add_column(col)
    rows, more = capped(_not_ok_first(result["components"]), "components")
    for cid, comp in rows:
        style = _STYLE[comp["status"]]
        factor = comp["load_factor"]
        table.add_row(
            cid,
            f"[{style}]{comp['status']}[/{style}]",
            "∞" if factor is None else f"{factor:.2f}",
            comp["cause"] or "",
        )
    out.print(table)
    if more:
        out.print(more)
    cascade = Table(title="cascade")
    for col in ("step", "component", "status", "cause"):
        cascade.add_column(col)
    for item in result["cascade"]:
        cascade.add_row(str(item["step"]), item["component"], item["status"], item["cause"])
    out.print(cascade)
    journeys = Table(title="journeys")
    for col in ("journey", "status", "reason"):
        journeys.add_column(col)
    for name, journey in result["journeys"].items():
        style = _STYLE[journey["status"]]
        journeys.add_row(name, f"[{style}]{journey['status']}[/{style}]", journey["reason"] or "")
    out.print(journeys)
    if result["backlog_per_s"]:
        for cid, growth in result["backlog_per_s"].items():
            out.print(f"backlog: {cid} grows by {growth:,.1f} messages/s")
    from archwright.simulate.chaos_report import throttling_lines

    for item in result.get("throttling", []):
        for line in throttling_lines(item):
            out.print(line)
    for warning in result.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {warning}")
    out.print(f"contained by: {', '.join(result['contained_by']) or 'nothing'}")
    if result["would_contain"]:
        out.print(
            "a breaker or fallback here would have contained it: "
            + ", ".join(result["would_contain"])
        )


def render_availability(result: dict[str, Any]) -> None:
    from rich.table import Table

    out = console()
    slo = result["slo_percent"]
    table = Table(title=f"availability (SLO {'-' if slo is None else f'{slo}%'})")
    for col in (
        "journey",
        "availability",
        "method",
        "downtime min/month",
        "budget min/month",
        "meets SLO",
        "weakest",
    ):
        table.add_column(col)
    rows = [*result["journeys"].items(), ("overall (by share)", result["overall"])]
    for name, item in rows:
        value = f"{item['percent']:.4f}%"
        if item["ci95"]:
            lo, hi = item["ci95"]
            value += f" [{100 * lo:.4f}, {100 * hi:.4f}]"
        meets = item.get("meets_slo")
        table.add_row(
            name,
            value,
            item["method"],
            f"{item['downtime_min_per_month']:,.1f}",
            "-"
            if "error_budget_min_per_month" not in item
            else f"{item['error_budget_min_per_month']:,.1f}",
            "-" if meets is None else ("yes" if meets else "[red]no[/red]"),
            ", ".join(item.get("weakest", [])),
        )
    out.print(table)


def render_sweep(ranked: list[dict[str, Any]]) -> None:
    from rich.table import Table

    table = Table(title="single-failure sweep (worst first)")
    for col in ("rank", "component", "traffic lost", "journeys failed", "journeys degraded"):
        table.add_column(col)
    shown, more = capped(ranked, "components")
    for row in shown:
        table.add_row(
            str(row["rank"]),
            row["component"],
            f"{row['traffic_lost']:.1%}",
            ", ".join(row["journeys_failed"]) or "-",
            ", ".join(row["journeys_degraded"]) or "-",
        )
    console().print(table)
    if more:
        console().print(more)


def _busiest_first(components: dict[str, Any]) -> list[tuple[str, Any]]:
    """Model order, or, past the table cap, the most utilized first (saturated on top)."""
    items = list(components.items())
    if len(items) <= MAX_TABLE_ROWS:
        return items
    return sorted(items, key=lambda kv: -_or_inf(kv[1]["utilization"]))


def _not_ok_first(components: dict[str, Any]) -> list[tuple[str, Any]]:
    """Model order, or, past the table cap, failed and degraded components first."""
    items = list(components.items())
    if len(items) <= MAX_TABLE_ROWS:
        return items
    return sorted(items, key=lambda kv: kv[1]["status"] == "ok")


def _or_inf(utilization: float | None) -> float:
    return float("inf") if utilization is None else utilization


def render_des(result: dict[str, Any]) -> None:
    """The discrete-event measurements: per component, then per entry point."""
    from rich.table import Table

    out = console()
    out.print(
        f"discrete-event simulation: {result['requests']:,} requests at {result['rps']:,.1f} rps"
        f" · completed {result['completed']:,} · failed {result['failed']:,}"
        f" · timeouts {result['timeouts']:,}"
    )
    table = Table(title="components (measured)")
    for col in ("component", "util", "wait ms", "p50 ms", "p99 ms"):
        table.add_column(col, justify="left" if col == "component" else "right")
    rows, more = capped(list(result["components"].items()), "components")
    for cid, comp in rows:
        sojourn = comp["sojourn_ms"]
        table.add_row(
            cid,
            _pct(comp["utilization"]),
            _ms(comp["wait_ms"]),
            _ms(sojourn["p50"]),
            _ms(sojourn["p99"]),
        )
    out.print(table)
    if more:
        out.print(more)
    entries = Table(title="end to end, per entry point")
    for col in ("entry", "p50 ms", "p95 ms", "p99 ms"):
        entries.add_column(col, justify="left" if col == "entry" else "right")
    for cid, summary in result["end_to_end_ms"].items():
        entries.add_row(cid, _ms(summary["p50"]), _ms(summary["p95"]), _ms(summary["p99"]))
    out.print(entries)
