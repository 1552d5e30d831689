"""The casebook holds together: every case is complete, cites a public source, and names
only answers the knowledge base knows (catalog technologies or trade-off patterns)."""

from __future__ import annotations

from collections import Counter

import pytest

from archwright.generate import model_roles
from archwright.kb import load_catalog
from archwright.kb.casebook import FAMILIES, Case, CaseFile, load_cases
from archwright.kb.scoring import role_of
from archwright.kb.tradeoffs import load_tradeoffs

CASES = load_cases()


def test_at_least_eighty_cases_over_every_family_and_scale() -> None:
    assert len(CASES) >= 80
    assert set(Counter(c.family for c in CASES)) == set(FAMILIES)
    assert set(Counter(c.scale for c in CASES)) == {"small", "medium", "huge"}


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_answer_is_known(case: Case) -> None:
    kb, catalog = load_tradeoffs(), load_catalog()
    if case.role is not None:
        role = role_of(model_roles.parse(case.role)[0])
        for name in case.options:
            tech = catalog.find(name)
            assert tech is not None, f"{case.id}: {name} is not in the catalog"
            assert tech.name == name, f"{case.id}: write {tech.name}, not the alias {name}"
            kinds = {tech.kind, *tech.also}
            if name in case.right:
                assert kinds & set(role.kinds), f"{case.id}: {name} cannot fill {case.role}"
    else:
        for name in case.options:
            option = kb.find_option(name)
            assert option is not None and option.name == name, f"{case.id}: {name}"
            assert option.family == case.pattern_family, f"{case.id}: {name} family"


def test_sources_are_public_urls_and_cases_carry_prose() -> None:
    for case in CASES:
        assert case.source.url.startswith("https://")
        assert case.requirements.description and len(case.requirements.description) > 20


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": None}, "exactly one of role and pattern_family"),
        ({"family": "astrology"}, "unknown family"),
        ({"acceptable": ["redpanda", "nats"]}, "both right and wrong"),
        ({"requirements": {"team": {"size": 3}}}, "prose description"),
        ({"source": {"url": "http://example.com", "title": "plain http"}}, "url"),
        ({"wrong": []}, "wrong"),
    ],
)
def test_an_incomplete_case_is_refused(change: dict[str, object], message: str) -> None:
    kafka = next(c for c in CASES if c.id == "kafka-on-prem-platform-team")
    good = kafka.model_dump(mode="json", exclude_none=True)
    with pytest.raises(ValueError, match=message):
        CaseFile.model_validate({"cases": [{**good, **change}]})
