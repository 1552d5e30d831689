"""Above the last cost band every bill scored 1, $75k and $2.5M a month alike (issue 13):
there, a bill within `cost_top_ratio` times the cheapest candidate's still scores 2.
The figures come from the data (kb/tradeoffs/technology.yaml) and the cost engine."""

from __future__ import annotations

from archwright.kb import load_catalog
from archwright.kb.context import Context, context_from
from archwright.kb.scoring import (
    candidates,
    cloud_of,
    cost_at_load,
    rank,
    role_of,
    score_technology,
)
from archwright.kb.specs import load_specs
from archwright.kb.tradeoffs import load_tradeoffs

KB = load_tradeoffs()
RULES = KB.technology
TOP = RULES.cost_bands[-1][0]


def _context() -> Context:
    found = load_specs().find("ab-testing")  # an LLM role priced in the millions a month
    assert found is not None
    return context_from(found.requirements, KB)


def test_a_big_bill_near_the_cheapest_scores_above_one_far_from_it() -> None:
    ctx, role = _context(), role_of("llm")
    tech = load_catalog().get("openai-gpt-4o-mini")
    usd = cost_at_load(tech, ctx, RULES, role)
    assert usd is not None and usd > TOP * RULES.cost_top_ratio

    def cost_score(cheapest: float) -> int:
        return score_technology(tech, ctx, RULES, ["cost"], role, cheapest)["cost"].score

    assert cost_score(usd) == 2  # the cheapest itself
    assert cost_score(usd / RULES.cost_top_ratio) == 2  # at the ratio
    assert cost_score(usd / RULES.cost_top_ratio / 1.01) == 1  # beyond it


def test_in_a_ranking_only_bills_near_the_cheapest_keep_the_point() -> None:
    ctx, role = _context(), role_of("llm")
    ranked = rank(candidates(load_catalog(), role, cloud_of(ctx)), ctx, KB, role).ranked
    priced = [r for r in ranked if r.monthly_usd is not None]
    cheapest = min(r.monthly_usd for r in priced if r.monthly_usd is not None)
    big = [r for r in priced if r.monthly_usd is not None and r.monthly_usd > TOP]
    assert len({r.cells["cost"].score for r in big}) == 2, "big bills told apart"
    for r in big:
        assert r.monthly_usd is not None
        near = r.monthly_usd <= cheapest * RULES.cost_top_ratio
        assert r.cells["cost"].score == (2 if near else 1), r.tech.name
