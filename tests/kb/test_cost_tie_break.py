"""Equal scores break toward the simpler to run, then less to learn, then the cheaper at
the stated load, then by name (issue 13): never by the order the candidates came in, and
never toward the dearer of two technologies that score alike."""

from __future__ import annotations

import itertools

import pytest

from archwright.kb import load_catalog
from archwright.kb.context import context_from
from archwright.kb.scoring import Ranked, candidates, cloud_of, rank, role_of
from archwright.kb.specs import load_specs
from archwright.kb.tradeoffs import load_tradeoffs

KB = load_tradeoffs()
CATALOG = load_catalog()
# (spec, role): roles whose candidates tie on score in these specs' contexts.
CASES = [("ab-testing", "llm"), ("ad-click-aggregation", "sql_db"), ("agent-platform", "payment")]


def _ranking(spec: str, role_name: str, reverse: bool) -> tuple[Ranked, ...]:
    found = load_specs().find(spec)
    assert found is not None
    ctx = context_from(found.requirements, KB)
    role = role_of(role_name)
    techs = candidates(CATALOG, role, cloud_of(ctx))
    return rank(techs[::-1] if reverse else techs, ctx, KB, role).ranked


def _tied(a: Ranked, b: Ranked) -> bool:
    same = all(a.cells[d].score == b.cells[d].score for d in KB.technology.tie_break)
    return a.score == b.score and same


@pytest.mark.parametrize(("spec", "role"), CASES)
def test_equal_scores_go_to_the_cheaper_whatever_the_order(spec: str, role: str) -> None:
    forward, backward = _ranking(spec, role, False), _ranking(spec, role, True)
    assert [r.tech.name for r in forward] == [r.tech.name for r in backward]
    ties = [(a, b) for a, b in itertools.pairwise(forward) if _tied(a, b)]
    assert ties, f"{spec}/{role}: no tie to break (pick another case)"
    for a, b in ties:
        usd_a = a.monthly_usd if a.monthly_usd is not None else float("inf")
        usd_b = b.monthly_usd if b.monthly_usd is not None else float("inf")
        assert usd_a < usd_b or (usd_a == usd_b and a.tech.name < b.tech.name), (a, b)
