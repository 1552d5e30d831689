"""The pattern library holds together: references resolve, sub-graphs join, each validates."""

from __future__ import annotations

from collections import Counter

import pytest

from archwright.generate.engine import design
from archwright.kb.patterns import Pattern, load_patterns
from archwright.model import Requirements, check

LIBRARY = load_patterns()
PATTERNS = LIBRARY.patterns


def test_at_least_forty_patterns_with_unique_ids() -> None:
    assert len(PATTERNS) >= 40
    dupes = [pid for pid, n in Counter(p.id for p in PATTERNS).items() if n > 1]
    assert dupes == []


def test_no_trigger_belongs_to_two_patterns() -> None:
    owners = Counter(t.lower() for p in PATTERNS for t in p.triggers)
    assert [t for t, n in owners.items() if n > 1] == []


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.id for p in PATTERNS])
def test_references_resolve(pattern: Pattern) -> None:
    for ref in [*pattern.requires, *pattern.alongside]:
        assert LIBRARY.find(ref) is not None, f"{pattern.id} refers to unknown pattern {ref}"
    closure = LIBRARY.closure(pattern.id)  # raises on unknown ids, terminates on cycles
    known = {c.id for p in closure for c in p.components}
    known |= {c.id for p in PATTERNS if p.always for c in p.components}
    known |= {c.id for a in pattern.alongside for p in LIBRARY.closure(a) for c in p.components}
    for conn in pattern.connections:
        assert conn.source in known, f"{pattern.id}: unknown source {conn.source}"
        assert conn.target in known, f"{pattern.id}: unknown target {conn.target}"
    assert pattern.reasons, "a pattern must say why"
    assert pattern.always or pattern.triggers or pattern.when is not None, "unreachable"


@pytest.mark.parametrize(
    "pattern", [p for p in PATTERNS if p.triggers], ids=[p.id for p in PATTERNS if p.triggers]
)
def test_each_pattern_designs_a_valid_architecture(pattern: Pattern) -> None:
    result = design(Requirements(features=[pattern.triggers[0]]))
    arch = result.architecture
    assert check(arch) == []
    ids = {c.id for c in arch.components}
    assert {c.id for c in pattern.components} <= ids
    if pattern.journey is not None:
        assert pattern.journey.name in {j.name for j in arch.journeys}


def test_every_threshold_field_is_evaluated() -> None:
    from archwright.generate.select import _WHEN_FIGURES
    from archwright.kb.patterns import When

    assert set(When.model_fields) - {"compliance_any"} == set(_WHEN_FIGURES)
