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


# Patterns written before patterns carried their sources. The list only shrinks: a new
# pattern states the public pages its shape and figures come from.
UNSOURCED = {
    "api-gateway",
    "async-offload",
    "audit-logging",
    "auth-sso",
    "cache-aside",
    "collaborative-editing",
    "content-moderation",
    "core",
    "cqrs",
    "document-processing",
    "double-entry-ledger",
    "drift-monitoring",
    "event-sourcing",
    "feed-fanout-pull",
    "feed-fanout-push",
    "file-sync",
    "geo-matching",
    "ha-multi-az",
    "inventory-reservation",
    "leaderboard",
    "llm-agents",
    "llm-gateway",
    "llm-guardrails",
    "llm-observability",
    "media-upload-cdn",
    "ml-data-prep",
    "model-fallback",
    "model-serving",
    "multi-region",
    "multi-tenancy-pooled",
    "multi-tenancy-silo",
    "notifications",
    "payments",
    "presence",
    "rag",
    "rate-limiting",
    "realtime-gateway",
    "realtime-media",
    "realtime-messaging",
    "recommender-retrieval",
    "saga-orchestration",
    "scheduled-jobs",
    "search-index",
    "secrets-management",
    "semantic-cache",
    "social-graph",
    "stream-feature-pipeline",
    "stream-processing",
    "timeseries-iot",
    "typeahead",
    "url-shortening",
    "video-streaming",
    "waf-edge",
    "web-crawler",
    "webhooks",
}


def test_new_patterns_state_their_sources() -> None:
    unsourced = {p.id for p in PATTERNS if not p.sources}
    assert unsourced <= UNSOURCED, f"patterns without sources: {sorted(unsourced - UNSOURCED)}"
    assert unsourced >= UNSOURCED, f"now sourced, remove from UNSOURCED: {UNSOURCED - unsourced}"
    assert all(u.startswith("https://") for p in PATTERNS for u in p.sources)
