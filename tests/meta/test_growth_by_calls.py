"""Growth guarded without a clock: the Python lines an engine runs on a model four times
larger must grow about four times, not sixteen.

Issue 16's 10,000-component targets are measured in `benchmarks/`, never timed here. A
quadratic path slipped back in once anyway (the NAT estimate looked up the design's object
stores once per outbound call: 57 s of CPU for `audit` at 10k) and every test stayed green.
Counting lines is exact on a loaded machine, and a per-item scan of every item shows up as
a ratio near 16 between 70 and 280 services, where linear work gives about 4 (measured:
3.8-4.3 for every engine here; putting the NAT walk back gives 12.4 for cost, 9.2 for
audit).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from archwright.model import Architecture

SMALL, LARGE = 70, 280  # both past journeys.SMALL_GRAPH (200 components): one algorithm
# 4x the items: 4 for linear work, 4 * log(280)/log(70) ≈ 5.3 for n log n; quadratic is 16.
LIMIT = 6.0


def _model(services: int) -> Architecture:
    """Private services behind a gateway, each with its database, a third-party call (NAT
    traffic), an async log shipper and every fourth a cache: the shapes the cost, audit,
    simulate and export engines each walk."""
    comps: list[dict[str, Any]] = [
        {"id": "users", "kind": "client"},
        {"id": "gw", "kind": "api_gateway", "replicas": 2, "public": True},
        {"id": "psp", "kind": "external_api"},
    ]
    conns: list[dict[str, Any]] = [{"source": "users", "target": "gw", "auth": "jwt"}]
    for i in range(services):
        sid = f"svc-{i}"
        comps += [
            {"id": sid, "kind": "service", "replicas": 2, "zones": ["a", "b"]},
            {"id": f"db-{i}", "kind": "sql_db", "technology": "postgresql", "zones": ["a", "b"]},
            {"id": f"logs-{i}", "kind": "logging"},
        ]
        caller = "gw" if i < 4 else f"svc-{(i - 4) // 4}"  # a tree of fan-out four
        conns += [
            {"source": caller, "target": sid, "protocol": "grpc", "timeout_ms": 500},
            {"source": sid, "target": f"db-{i}", "protocol": "sql"},
            {"source": sid, "target": "psp", "protocol": "https", "calls": 0.1},
            {"source": sid, "target": f"logs-{i}", "mode": "async"},
        ]
        if i % 4 == 0:
            comps.append({"id": f"cache-{i}", "kind": "cache", "zones": ["a", "b"]})
            conns.append({"source": sid, "target": f"cache-{i}", "protocol": "redis"})
    return Architecture.model_validate(
        {
            "name": f"growth-{services}",
            "requirements": {"scale": {"peak_rps": 2000}, "slo": {"availability": 99.9}},
            "components": comps,
            "connections": conns,
        }
    )


def _lines(run: Callable[[Architecture], object], arch: Architecture) -> int:
    """Python lines executed (comprehension bodies count once per item, so a scan inside
    one comprehension shows, where counting calls would not)."""
    count = 0

    def trace(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        run(arch)
    finally:
        sys.settrace(None)
    return count


def _estimate(arch: Architecture) -> object:
    from archwright.cost import estimate
    from archwright.kb.catalog import load_catalog

    return estimate(arch, load_catalog(), "aws")


def _audit(arch: Architecture) -> object:
    from archwright.audit import audit

    return audit(arch)


def _simulate(arch: Architecture) -> object:
    from archwright.simulate.capacity import evaluate
    from archwright.simulate.flow import build

    return evaluate(build(arch), 1000.0)


def _sweep(arch: Architecture) -> object:
    from archwright.simulate.sweep import sweep

    return sweep(arch, 1000.0)


def _chaos(arch: Architecture) -> object:
    from archwright.simulate.chaos import Scenario, chaos

    return chaos(arch, Scenario(fail=["db-1"], zones=["a"]), 1000.0)


def _availability(arch: Architecture) -> object:
    from archwright.simulate.availability import availability

    return availability(arch, 1000.0)


def _export(name: str) -> Callable[[Architecture], object]:
    def run(arch: Architecture) -> object:
        from archwright.exporters import registry

        return registry.load(name).render(arch)

    return run


ENGINES: dict[str, Callable[[Architecture], object]] = {
    "cost": _estimate,
    "audit": _audit,
    "simulate": _simulate,
    "sweep": _sweep,
    "chaos": _chaos,
    "availability": _availability,
    "terraform": _export("terraform"),
    "kubernetes": _export("kubernetes"),
}


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_work_grows_no_worse_than_n_log_n(name: str) -> None:
    run = ENGINES[name]
    small, large = _model(SMALL), _model(LARGE)
    run(small)  # imports and caches (catalog, compiled rules) are filled before counting
    run(large)
    ratio = _lines(run, large) / _lines(run, small)
    assert 3.0 < ratio < LIMIT, f"{name}: {ratio:.1f}x the lines run for 4x the services"
