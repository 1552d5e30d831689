"""The parse cache gives each caller its own model, equal to a fresh parse, and never
keeps a text that does not parse."""

from __future__ import annotations

import pytest
from web_client import THREE_TIER

from archwright.archfile import FileProblem, parse_architecture
from archwright.web import parsing


def test_each_caller_gets_its_own_copy_of_a_kept_model() -> None:
    first = parsing.architecture(THREE_TIER)
    first.components[0].name = "changed by an engine"
    first.components.pop()
    second = parsing.architecture(THREE_TIER)
    assert second == parse_architecture(THREE_TIER, "model")
    assert second is not first and second.components[0].name != "changed by an engine"


def test_a_bad_text_is_refused_every_time_with_the_same_problems() -> None:
    bad = THREE_TIER.replace("replicas: 3", "replicas: -3", 1)
    with pytest.raises(FileProblem) as one:
        parsing.architecture(bad)
    with pytest.raises(FileProblem) as two:
        parsing.architecture(bad)
    assert one.value.lines() == two.value.lines() and "replicas" in "".join(one.value.lines())


def test_the_cache_is_bounded() -> None:
    for i in range(parsing.CACHE_ENTRIES + 5):
        parsing.architecture(THREE_TIER.replace("name: Three-tier", f"name: T{i}", 1))
    assert len(parsing._cache) == parsing.CACHE_ENTRIES
