"""Back-of-envelope capacity estimate with every step shown.

The point of an estimate is the reasoning, not the number: each step records its formula
with the figures substituted, so a reviewer can check (or change) any one of them.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Inputs:
    dau: float
    actions_per_user: float = 10.0
    payload_kb: float = 1.0
    read_write: float = 10.0  # reads per write
    retention_days: float = 365.0
    peak_factor: float = 3.0
    replication: int = 3
    cache_fraction: float = 0.2  # the hot share of a day's reads worth keeping in memory
    server_rps: float = 1000.0
    target_utilization: float = 0.7
    server_source: str = "stated"

    def problems(self) -> list[str]:
        out = []
        for name in ("dau", "actions_per_user", "payload_kb", "server_rps"):
            if getattr(self, name) <= 0:
                out.append(f"--{name.replace('_', '-')} must be above 0")
        if self.read_write < 0 or self.retention_days < 0:
            out.append("--read-write and --retention-days cannot be negative")
        if self.peak_factor < 1:
            out.append("--peak-factor must be at least 1")
        if not 0 < self.target_utilization <= 1 or not 0 <= self.cache_fraction <= 1:
            out.append("--target-utilization and --cache-fraction are fractions (0..1)")
        if self.replication < 1:
            out.append("--replication must be at least 1")
        return out


def human_bytes(kb: float) -> str:
    value, unit = kb * 1024, "B"
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if value < 1024 or unit == "PB":
            break
        value /= 1024
    return f"{value:,.1f} {unit}"


def estimate(inp: Inputs) -> dict[str, Any]:
    """Every step as {name, formula, value, unit}, then the headline figures."""
    steps: list[dict[str, Any]] = []

    def step(name: str, formula: str, value: float, unit: str) -> float:
        steps.append({"name": name, "formula": formula, "value": round(value, 3), "unit": unit})
        return value

    per_day = step(
        "requests per day",
        f"{inp.dau:,.0f} DAU x {inp.actions_per_user:g} actions",
        inp.dau * inp.actions_per_user,
        "requests/day",
    )
    avg = step("average QPS", f"{per_day:,.0f} / 86,400 s", per_day / SECONDS_PER_DAY, "req/s")
    peak = step(
        "peak QPS", f"{avg:,.1f} x peak factor {inp.peak_factor:g}", avg * inp.peak_factor, "req/s"
    )
    write_share = 1 / (1 + inp.read_write)
    writes = step(
        "average write QPS", f"{avg:,.1f} x 1/(1+{inp.read_write:g})", avg * write_share, "req/s"
    )
    reads = step("average read QPS", f"{avg:,.1f} - {writes:,.1f}", avg - writes, "req/s")
    step(
        "peak write QPS", f"{writes:,.1f} x {inp.peak_factor:g}", writes * inp.peak_factor, "req/s"
    )
    step("peak read QPS", f"{reads:,.1f} x {inp.peak_factor:g}", reads * inp.peak_factor, "req/s")
    new_kb = step(
        "new data per day",
        f"{writes * SECONDS_PER_DAY:,.0f} writes x {inp.payload_kb:g} KB",
        writes * SECONDS_PER_DAY * inp.payload_kb,
        "KB/day",
    )
    stored_kb = step(
        "storage held",
        f"{human_bytes(new_kb)}/day x {inp.retention_days:g} days x {inp.replication} copies",
        new_kb * inp.retention_days * inp.replication,
        "KB",
    )
    mbit = 8 * 1024 / 1e6  # KB/s -> Mbit/s
    ingress = step(
        "peak ingress",
        f"{writes * inp.peak_factor:,.1f} writes/s x {inp.payload_kb:g} KB x 8",
        writes * inp.peak_factor * inp.payload_kb * mbit,
        "Mbit/s",
    )
    egress = step(
        "peak egress",
        f"{reads * inp.peak_factor:,.1f} reads/s x {inp.payload_kb:g} KB x 8",
        reads * inp.peak_factor * inp.payload_kb * mbit,
        "Mbit/s",
    )
    cache_kb = step(
        "cache memory",
        f"{reads * SECONDS_PER_DAY:,.0f} reads/day x {inp.payload_kb:g} KB x "
        f"{inp.cache_fraction:g} hot",
        reads * SECONDS_PER_DAY * inp.payload_kb * inp.cache_fraction,
        "KB",
    )
    usable = inp.server_rps * inp.target_utilization
    servers = step(
        "application servers",
        f"ceil({peak:,.1f} / ({inp.server_rps:g} req/s x {inp.target_utilization:g})) + 1 spare",
        math.ceil(peak / usable) + 1,
        "servers",
    )
    return {
        "inputs": asdict(inp),
        "steps": steps,
        "summary": {
            "avg_qps": round(avg, 1),
            "peak_qps": round(peak, 1),
            "storage": human_bytes(stored_kb),
            "storage_gb": round(stored_kb / 1024**2, 1),
            "ingress_mbit_s": round(ingress, 2),
            "egress_mbit_s": round(egress, 2),
            "cache_memory": human_bytes(cache_kb),
            "cache_gb": round(cache_kb / 1024**2, 2),
            "servers": int(servers),
        },
    }
