"""Rich tables for the simulation commands (presentation only, no analysis)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archwright.cli.output import MAX_TABLE_ROWS, capped, console

Column = tuple[str, bool]  # header, right-justified


def _table(
    out: Any,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    styled: Sequence[Sequence[str]] | None = None,
) -> None:
    """Print a table: its text written without Rich's layout when `cli.plain_table`
    reproduces it (no colour, plain cells: Rich's layout and import were a fifth of a
    50-component chaos or sweep, issue 16), else a Rich `Table` of `styled` (the rows
    with their colour markup) or of `rows`."""
    from archwright.cli.plain_table import print_table

    headers = [name for name, _ in columns]
    right = [flush for _, flush in columns]
    print_table(out, title, headers, rows, right, styled if styled is not None else rows)


def _numbers(first: str, *rest: str) -> list[Column]:
    """Columns of a figures table: the first (a name) left, the numbers right."""
    return [(first, False), *((name, True) for name in rest)]


def _words(*names: str) -> list[Column]:
    return [(name, False) for name in names]


def _ms(value: float | None) -> str:
    return "saturated" if value is None else f"{value:,.1f}"


def _pct(value: float | None) -> str:
    from archwright.simulate.capacity import utilization_percent

    return "saturated" if value is None else utilization_percent(value)


def render_simulation(result: dict[str, Any]) -> None:
    out = console()
    ceiling = result["max_rps"]
    out.print(
        f"load {result['rps']:,.0f} rps · max sustainable "
        f"{'∞' if ceiling is None else f'{ceiling:,.0f}'} rps · bottleneck "
        f"{result['bottleneck'] or '-'}"
    )
    if result.get("load_basis"):
        out.print(f"load used: {result['load_basis']}")
    columns = _numbers(
        "component", "arrival rps", "servers", "util", "mean ms", "p99 ms", "saturates at"
    )
    # busiest first when capped, so the bottleneck is never among the rows left out
    shown, more = capped(_busiest_first(result["components"]), "components")
    rows = []
    for cid, comp in shown:
        sat = comp["saturates_at_rps"]
        servers = comp["servers"]
        rows.append(
            (
                cid,
                f"{comp['arrival_rps']:,.1f}",
                "∞" if servers is None else f"{servers:,.0f}",
                _pct(comp["utilization"]),
                _ms(comp["latency_ms"]["mean"]),
                _ms(comp["latency_ms"]["p99"]),
                "∞" if sat is None else f"{sat:,.0f}",
            )
        )
    _table(out, "components", columns, rows)
    if more:
        out.print(more)
    journeys = [
        (
            name,
            f"{journey['share']:.0%}",
            *(_ms(journey["latency_ms"][k]) for k in ("mean", "p50", "p95", "p99")),
        )
        for name, journey in result["journeys"].items()
    ]
    columns = _numbers("journey", "share", "mean ms", "p50 ms", "p95 ms", "p99 ms")
    _table(out, "journeys", columns, journeys)
    if result.get("models"):
        _models_table(out, result["models"])
    for rec in result.get("recommendations", []):
        out.print(f"• {rec['text']}")
    for warning in result.get("warnings", []):
        out.print(f"[yellow]warning:[/yellow] {warning}")


def _models_table(out: Any, models: dict[str, Any]) -> None:
    """Token models: quota and what binds, GPUs, call time at the token tail, overflow."""
    cols = ("model", "arrival rps", "quota rps", "binds", "GPUs", "mean ms", "p99-token ms")
    columns = [(col, col not in {"model", "binds"}) for col in (*cols, "over context")]
    rows = []
    for cid, m in models.items():
        quota = m["quota_rps"]
        gpus = m["gpus"]
        rows.append(
            (
                cid,
                f"{m['arrival_rps']:,.1f}",
                "∞" if quota is None else f"{quota:,.1f}",
                m["quota_binding"],
                "-" if gpus is None else f"{gpus['needed']} of {gpus['have']}",
                _ms(m["call_ms"]["mean"]),
                _ms(m["call_ms"]["p99_tokens"]),
                f"{m['context_overflow_share']:.2%}",
            )
        )
    _table(out, "models (tokens)", columns, rows)


_STYLE = {"ok": "green", "degraded": "yellow", "failed": "red"}


def _styled(status: str) -> str:
    style = _STYLE[status]
    return f"[{style}]{status}[/{style}]"


def render_chaos(result: dict[str, Any]) -> None:
    out = console()
    out.print(f"failed: {', '.join(result['failed']) or '-'} at {result['rps']:,.0f} rps")
    shown, more = capped(_not_ok_first(result["components"]), "components")
    rows = [
        (
            cid,
            comp["status"],
            "∞" if comp["load_factor"] is None else f"{comp['load_factor']:.2f}",
            comp["cause"] or "",
        )
        for cid, comp in shown
    ]
    styled = [(cid, _styled(status), *rest) for cid, status, *rest in rows]
    _table(out, "components", _words("component", "status", "load ×", "cause"), rows, styled)
    if more:
        out.print(more)
    cascade = [
        (str(item["step"]), item["component"], item["status"], item["cause"])
        for item in result["cascade"]
    ]
    _table(out, "cascade", _words("step", "component", "status", "cause"), cascade)
    journeys = [
        (name, journey["status"], journey["reason"] or "")
        for name, journey in result["journeys"].items()
    ]
    styled = [(name, _styled(status), reason) for name, status, reason in journeys]
    _table(out, "journeys", _words("journey", "status", "reason"), journeys, styled)
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
    out = console()
    slo = result["slo_percent"]
    columns = _words(
        "journey",
        "availability",
        "method",
        "downtime min/month",
        "budget min/month",
        "meets SLO",
        "weakest",
    )
    rows = []
    styled = []
    for name, item in [*result["journeys"].items(), ("overall (by share)", result["overall"])]:
        value = f"{item['percent']:.4f}%"
        if item["ci95"]:
            lo, hi = item["ci95"]
            value += f" [{100 * lo:.4f}, {100 * hi:.4f}]"
        meets = item.get("meets_slo")
        row = (
            name,
            value,
            item["method"],
            f"{item['downtime_min_per_month']:,.1f}",
            "-"
            if "error_budget_min_per_month" not in item
            else f"{item['error_budget_min_per_month']:,.1f}",
            "-" if meets is None else ("yes" if meets else "no"),
            ", ".join(item.get("weakest", [])),
        )
        rows.append(row)
        styled.append((*row[:5], "[red]no[/red]" if meets is False else row[5], row[6]))
    _table(out, f"availability (SLO {'-' if slo is None else f'{slo}%'})", columns, rows, styled)


def render_sweep(ranked: list[dict[str, Any]]) -> None:
    columns = _words("rank", "component", "traffic lost", "journeys failed", "journeys degraded")
    shown, more = capped(ranked, "components")
    rows = [
        (
            str(row["rank"]),
            row["component"],
            f"{row['traffic_lost']:.1%}",
            ", ".join(row["journeys_failed"]) or "-",
            ", ".join(row["journeys_degraded"]) or "-",
        )
        for row in shown
    ]
    _table(console(), "single-failure sweep (worst first)", columns, rows)
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
    out = console()
    out.print(
        f"discrete-event simulation: {result['requests']:,} requests at {result['rps']:,.1f} rps"
        f" · completed {result['completed']:,} · failed {result['failed']:,}"
        f" · timeouts {result['timeouts']:,}"
    )
    shown, more = capped(list(result["components"].items()), "components")
    rows = [
        (
            cid,
            _pct(comp["utilization"]),
            _ms(comp["wait_ms"]),
            _ms(comp["sojourn_ms"]["p50"]),
            _ms(comp["sojourn_ms"]["p99"]),
        )
        for cid, comp in shown
    ]
    columns = _numbers("component", "util", "wait ms", "p50 ms", "p99 ms")
    _table(out, "components (measured)", columns, rows)
    if more:
        out.print(more)
    entries = [
        (cid, _ms(summary["p50"]), _ms(summary["p95"]), _ms(summary["p99"]))
        for cid, summary in result["end_to_end_ms"].items()
    ]
    _table(
        out, "end to end, per entry point", _numbers("entry", "p50 ms", "p95 ms", "p99 ms"), entries
    )
