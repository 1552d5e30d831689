"""Equal totals are broken by name, never by the order the options were given in."""

from __future__ import annotations

from archwright.advise.tradeoff import Candidate, evaluate
from archwright.kb.context import context_from
from archwright.kb.tradeoffs import Score, load_tradeoffs


def _option(name: str) -> Candidate:
    scores = {"cost": Score(score=3, reason="same"), "latency": Score(score=4, reason="same")}
    return Candidate(name=name, title=name, source="pattern", family="test", base=scores)


def test_a_tie_recommends_the_first_name_whatever_the_argument_order() -> None:
    kb = load_tradeoffs()
    ctx = context_from(None, kb)
    dims = ["cost", "latency"]
    forward = evaluate([_option("zeta"), _option("alpha")], dims, ctx, kb)
    backward = evaluate([_option("alpha"), _option("zeta")], dims, ctx, kb)
    assert forward["totals"]["zeta"] == forward["totals"]["alpha"]
    assert forward["recommendation"] == backward["recommendation"] == "alpha"
