"""Back-of-envelope capacity estimate with every step shown.

The point of an estimate is the reasoning, not the number: each step records its formula
with the figures substituted, so a reviewer can check (or change) any one of them. The
arithmetic is the design engine's own envelope (`generate.sizing.envelope`): `estimate`
and `design` give the same figures for the same inputs.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from archwright.generate.sizing import defaults as sizing_defaults
from archwright.generate.sizing import envelope
from archwright.kb.capacity import per_replica_rps
from archwright.kb.catalog import Catalog
from archwright.model import Kind, Requirements

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Inputs:
    dau: float
    actions_per_user: float = 10.0
    payload_kb: float = 1.0
    read_write: float = 10.0  # reads per write
    peak_factor: float = 3.0
    server_rps: float = 1000.0
    target_utilization: float = 0.7
    server_source: str = "stated"

    def problems(self) -> list[str]:
        out = []
        for name in ("dau", "actions_per_user", "payload_kb", "server_rps"):
            if getattr(self, name) <= 0:
                out.append(f"--{name.replace('_', '-')} must be above 0")
        if self.read_write <= 0:
            out.append("--read-write must be above 0")
        if self.peak_factor < 1:
            out.append("--peak-factor must be at least 1")
        if not 0 < self.target_utilization <= 1:
            out.append("--target-utilization is a fraction (0..1]")
        return out


def server_capacity(catalog: Catalog) -> tuple[float, str]:
    """Requests/s one application server sustains, and where that figure comes from: the
    catalog's reference service (what `design` sizes services with)."""
    ref = catalog.reference(Kind.SERVICE)
    source = f"catalog: {ref.name}" if ref else "kind default"
    return per_replica_rps(ref, Kind.SERVICE), source


def human_bytes(kb: float) -> str:
    value, unit = kb * 1024, "B"
    for unit in ("B", "KB", "MB", "GB", "TB", "PB"):
        if value < 1024 or unit == "PB":
            break
        value /= 1024
    return f"{value:,.1f} {unit}"


def estimate(inp: Inputs) -> dict[str, Any]:
    """Every step as {name, formula, value, unit}, then the headline figures."""
    avg = inp.dau * inp.actions_per_user / SECONDS_PER_DAY
    peak = avg * inp.peak_factor
    req = Requirements.model_validate(
        {
            "scale": {
                "dau": inp.dau,
                "avg_rps": avg,
                "peak_rps": peak,
                "read_write_ratio": inp.read_write,
                "payload_kb": inp.payload_kb,
            }
        }
    )
    env = envelope(req)
    steps: list[dict[str, Any]] = [
        _step(
            "average QPS",
            f"{inp.dau:,.0f} DAU x {inp.actions_per_user:g} actions / 86,400 s",
            avg,
            "req/s",
        ),
        _step("peak QPS", f"{avg:,.1f} x peak factor {inp.peak_factor:g}", peak, "req/s"),
    ]
    steps += [_step(s.name, s.formula, s.value, s.unit) for s in env.steps]
    usable = inp.server_rps * inp.target_utilization
    servers = math.ceil(peak / usable) + 1
    steps.append(
        _step(
            "application servers",
            f"ceil({peak:,.1f} / ({inp.server_rps:g} req/s x {inp.target_utilization:g}))"
            " + 1 spare",
            servers,
            "servers",
        )
    )
    horizon = sizing_defaults()["defaults"]["horizon_years"]
    return {
        "inputs": asdict(inp),
        "steps": steps,
        "assumptions": env.assumptions,
        "summary": {
            "avg_qps": round(avg, 1),
            "peak_qps": round(peak, 1),
            "peak_read_qps": round(env.read_rps, 1),
            "peak_write_qps": round(env.write_rps, 1),
            "storage_gb": round(env.data_gb, 1),
            f"storage_in_{horizon}_years_gb": round(env.data_horizon_gb, 1),
            "bandwidth_mb_s": round(env.bandwidth_mb_s, 2),
            "cache_gb": round(env.hot_set_gb, 2),
            "concurrent_connections": round(env.concurrent),
            "servers": servers,
        },
    }


def _step(name: str, formula: str, value: float, unit: str) -> dict[str, Any]:
    return {"name": name, "formula": formula, "value": round(value, 3), "unit": unit}
