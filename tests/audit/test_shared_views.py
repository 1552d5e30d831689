"""The audit's context and the simulator's network it builds for REL014 share one
computation of each answer they both need: the design's journeys, the order of the
synchronous calls and the load at one request per second. Each used to be computed
twice per audit (0.1-0.2 s each at 10,000 components, issue 16)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from archwright.audit import audit
from archwright.audit.context import Context
from archwright.cost import traffic
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture
from archwright.model import journeys as journeys_module
from archwright.simulate.availability import journey_figures
from archwright.simulate.load import default_rps


def _design() -> Architecture:
    """No declared journeys (the defaults are walked), an availability SLO that REL014
    judges, a cycle of synchronous calls and a cache-aside miss path."""
    components: list[dict[str, Any]] = [
        {"id": "web", "kind": "client"},
        {"id": "gw", "kind": "api_gateway", "replicas": 2},
        {"id": "cache", "kind": "cache", "replicas": 2},
    ]
    components += [{"id": f"svc-{i}", "kind": "service", "replicas": 2} for i in range(6)]
    components.append({"id": "db", "kind": "sql_db", "replicas": 2})
    connections: list[dict[str, Any]] = [
        {"source": "web", "target": "gw"},
        {"source": "gw", "target": "svc-0"},
        {"source": "svc-0", "target": "cache", "fallback": "db"},
        {"source": "svc-3", "target": "svc-1", "share": 0.1},  # closes a sync cycle
    ]
    connections += [{"source": f"svc-{i}", "target": f"svc-{i + 1}"} for i in range(5)]
    connections.append({"source": "svc-5", "target": "db"})
    return Architecture.model_validate(
        {
            "name": "shared",
            "requirements": {"slo": {"availability": 99.999}, "scale": {"peak_rps": 300}},
            "components": components,
            "connections": connections,
        }
    )


def _spy(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count calls of `module.name`, wherever an archwright module bound it by name."""
    original: Callable[..., Any] = getattr(module, name)
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    for mod in list(sys.modules.values()):
        if getattr(mod, "__name__", "").startswith("archwright") and (
            getattr(mod, name, None) is original
        ):
            monkeypatch.setattr(mod, name, counted)
    return calls


def test_rel014_walks_the_journeys_of_the_context() -> None:
    ctx = Context(_design(), load_catalog())
    assert ctx.journeys, "the design gets default journeys"
    assert [id(j) for j in ctx.network.journeys] == [id(j) for j in ctx.journeys]


def test_an_audit_walks_the_default_journeys_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import archwright.simulate.flow  # noqa: F401  (bound before the spy looks for it)

    calls = _spy(monkeypatch, journeys_module, "default_journeys")
    report = audit(_design(), only=["REL014", "PRF007"])
    assert report.rules_run == 2
    assert len(calls) == 1


def test_the_ceiling_and_the_network_share_the_sync_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import archwright.simulate.flow  # noqa: F401

    ctx = Context(_design(), load_catalog())
    ctx.flows, ctx.load  # noqa: B018  (built before counting: they order all flows)
    calls = _spy(monkeypatch, traffic, "scc_order")
    ctx.capacity_at_load  # noqa: B018
    net = ctx.network
    assert len(calls) == 1
    assert net.sync_order == list(reversed(ctx.flows.sync_groups()))
    cyclic = [g for g in net.sync_order if len(g) > 1]
    assert [[net.ids[i] for i in g] for g in cyclic] == [["svc-1", "svc-2", "svc-3"]]


def test_the_ceiling_and_rel014_share_the_unit_load(monkeypatch: pytest.MonkeyPatch) -> None:
    import archwright.simulate.flow  # noqa: F401

    arch = _design()
    ctx = Context(arch, load_catalog())
    ctx.load  # noqa: B018  (the load at the recorded peak: its own propagation)
    calls = _spy(monkeypatch, traffic, "propagate")
    ctx.capacity_at_load  # noqa: B018
    journey_figures(arch, default_rps(arch), net=ctx.network)
    assert len(calls) == 1
