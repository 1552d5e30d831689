"""A cycle of calls that never settles is sized from a lower bound, and the design says so.

Issue 17: simulate, chaos and cost print the one `cost.traffic.Unsettled` line when a loop's
gain reaches 1; sizing (`generate/provision`) and the hosted-model quotas
(`generate/quotas`) read the same 200th pass silently. Both now return that line, which
the engine records with the design's assumptions.
"""

from __future__ import annotations

from archwright.cost.traffic import Unsettled
from archwright.generate.provision import loads_at, provision
from archwright.generate.quotas import size_quotas
from archwright.generate.sizing import envelope
from archwright.kb.catalog import load_catalog
from archwright.kb.patterns import PatternComponent
from archwright.model import Architecture, Requirements

LINE = Unsettled(("a", "b"), 200).line


def _loop(back: float, model: str | None = None) -> Architecture:
    """u → a → b, and b calls a back `back` times per request (a loop of gain `back`);
    `model`, when given, is an LLM that a calls."""
    comps = [
        {"id": "u", "kind": "client"},
        {"id": "a", "kind": "service"},
        {"id": "b", "kind": "service"},
    ]
    conns = [
        {"source": "u", "target": "a"},
        {"source": "a", "target": "b"},
        {"source": "b", "target": "a", "calls": back},
    ]
    if model is not None:
        comps.append({"id": "m", "kind": "llm", "technology": model})
        conns.append({"source": "a", "target": "m"})
    return Architecture.model_validate(
        {
            "name": "loop",
            "requirements": {"scale": {"avg_rps": 5, "peak_rps": 10}},
            "components": comps,
            "connections": conns,
        }
    )


def test_the_load_sizing_reads_carries_the_loops_that_did_not_settle() -> None:
    """`loads_at` is the rates and the cycles: gain 1 names a, b after 200 passes (1 req/s
    in: 200 req/s at a and b, the 200th pass); gain ½ names none."""
    endless = loads_at(_loop(1.0), 1.0)
    assert endless.rates == {"u": 1.0, "a": 200.0, "b": 200.0}
    assert endless.warnings == [LINE]
    assert loads_at(_loop(0.5), 1.0).warnings == []


def _provision(back: float) -> list[str]:
    arch = _loop(back)
    req = Requirements.model_validate({"scale": {"avg_rps": 5, "peak_rps": 10}})
    roles = {
        c.id: PatternComponent(id=c.id, name=c.id, kind=c.kind, role="test")
        for c in arch.components
    }
    techs = dict.fromkeys(roles)
    return provision(arch, envelope(req), roles, techs, dict.fromkeys(roles, 0.0))


def test_provision_returns_the_line_of_a_loop_it_sized_from_a_lower_bound() -> None:
    assert _provision(1.0) == [LINE]
    assert _provision(0.5) == []


def test_quota_sizing_states_the_loop_before_any_quota() -> None:
    """A hosted model behind a loop of gain 1: its quota is raised for the 200th pass,
    a lower bound, so the loop's line comes first among the quota notes; a loop that
    settles adds no line."""
    catalog = load_catalog()
    model = next(
        t.name for t in catalog.technologies if t.tokens is not None and t.kind.value == "llm"
    )
    endless = size_quotas(_loop(1.0, model), catalog)
    assert endless[0] == LINE
    settled = size_quotas(_loop(0.5, model), catalog)
    assert LINE not in settled
