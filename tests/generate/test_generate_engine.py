"""End-to-end designs: determinism, scale, constraints and conflicts change the answer."""

from __future__ import annotations

import pytest

from archwright.archfile import dumps_architecture
from archwright.generate import design
from archwright.generate.report import render
from archwright.kb.catalog import load_catalog
from archwright.model import Kind, check

FEATURES = "with chat, photo sharing, search and push notifications"
SMALL = f"A 1,000-user internal tool {FEATURES}."
LARGE = f"A 50M DAU consumer app {FEATURES}."


def test_same_description_gives_byte_identical_output() -> None:
    text = "Ride sharing with payments, 5M DAU, four nines, team of 6, AWS, $20k/month"
    first, second = design(text), design(text)
    assert dumps_architecture(first.architecture) == dumps_architecture(second.architecture)
    assert render(first) == render(second)


def test_scale_changes_replicas_caching_sharding_and_async_offload() -> None:
    small, large = design(SMALL), design(LARGE)
    s_ids = {c.id: c for c in small.architecture.components}
    l_ids = {c.id: c for c in large.architecture.components}
    # replicas: the load of 1,000 users needs one API instance (the floor of two is the
    # assumed 99.5% availability: five single tiers in a chain reach about 99%); the
    # consumer app needs many
    assert "= 1; minimum 2" in s_ids["api"].properties["sizing"]
    assert s_ids["api"].replicas == 2 and l_ids["api"].replicas >= 10
    # caching and async offload appear only at scale, and each design says why
    for pattern in ("cache-aside", "async-offload", "cdn-static"):
        assert pattern in l_ids["api"].properties.get("pattern", "") or any(
            u.id == pattern for u in large.patterns
        )
        assert all(u.id != pattern for u in small.patterns)
    why_large = {u.id: u.why for u in large.patterns}
    why_small = {u.id: u.why for u in small.skipped}
    assert "peak reads" in why_large["cache-aside"] and "≥" in why_large["cache-aside"]
    assert "peak reads" in why_small["cache-aside"] and "<" in why_small["cache-aside"]
    assert (
        "peak writes" in why_large["async-offload"] and "peak writes" in why_small["async-offload"]
    )
    # sharding: the consumer app's data outgrows one database node, the tool's does not
    assert s_ids["db"].shards == 1 and l_ids["db"].shards > 1
    assert "shards = max(storage" in l_ids["db"].properties["sizing"]
    # multi-AZ: the consumer app's 99.9% target spreads tiers over zones; the tool's 99.5%
    # does not call for the pattern (its two replicas may share a zone)
    assert l_ids["db"].replicas >= 2 and len(l_ids["api"].zones) >= 2
    assert "ha-multi-az" in {u.id for u in large.patterns}
    assert "ha-multi-az" not in {u.id for u in small.patterns}


def test_back_of_envelope_shows_the_arithmetic() -> None:
    result = design(LARGE)
    steps = {s.name: s for s in result.envelope.steps}
    assert steps["average QPS"].value == 50_000_000 * 30 / 86_400
    assert steps["average QPS"].formula == "50,000,000 DAU × 30 requests ÷ 86,400 s"
    assert steps["peak QPS"].value == steps["average QPS"].value * 3
    assert {"storage in 3 years", "peak bandwidth", "cache memory (hot set)"} <= set(steps)
    assert any("30 requests per active user per day" in a for a in result.assumptions)


def _messaging(text: str) -> tuple[str, str]:
    result = design(text)
    by_id = {c.id: c for c in result.architecture.components}
    bus = by_id["chat-bus"]
    decision = next(d for d in result.architecture.decisions if "chat-bus" in d.targets)
    return bus.technology or "", decision.rationale + " | " + "; ".join(
        f"{a.name}: {a.reason}" for a in decision.alternatives
    )


def test_constraints_change_the_messaging_choice_with_reasons() -> None:
    small_team, why_small = _messaging(
        "Chat app, 2M DAU, team of 3, no Kafka experience, AWS, managed services preferred"
    )
    platform, why_platform = _messaging(
        "Chat app, 2M DAU, platform team of 40, Kafka in production, on-prem"
    )
    assert small_team != platform
    assert "kafka" in platform
    assert "managed" in why_small and "no kafka experience" in why_small
    assert "kafka" in why_platform.lower() and "knows kafka" in why_platform


def test_contradictions_are_named_not_silently_resolved() -> None:
    result = design("free tier budget, 10M DAU, five nines")
    ids = {c.id for c in result.conflicts}
    assert {"free-tier-vs-scale", "budget-vs-availability", "budget-vs-cost"} <= ids
    text = render(result)
    assert "## Conflicts" in text and "Free tier versus the stated scale" in text
    assert result.architecture.properties["conflicts"]


def test_a_consistent_description_has_no_conflicts() -> None:
    result = design("Internal wiki with search for 200 employees, $2k/month budget, AWS")
    assert result.conflicts == []


def test_design_document_has_every_section() -> None:
    result = design("Social feed with photos, 5M DAU, team of 8, GCP, HIPAA, gibberish wombats")
    text = render(result)
    for heading in (
        "```mermaid",
        "## Components and responsibilities",
        "## Key decisions",
        "## Top risks",
        "## Back-of-envelope",
        "## Estimated monthly cost",
        "## Assumptions",
        "## Not understood",
    ):
        assert heading in text, heading
    assert "gibberish wombats" in text
    assert len(result.risks) == 5
    assert check(result.architecture) == []


def test_user_text_cannot_break_the_document() -> None:
    result = design("chat app | injected | {{ 7*7 }} {% raw %}\n## Fake heading")
    text = render(result)
    assert "{{ 7*7 }}" in text and "49" not in text.split("## Architecture")[0]
    assert "\n## Fake heading" not in text


def test_every_technology_chosen_resolves_in_the_catalog() -> None:
    catalog = load_catalog()
    for text in (SMALL, LARGE, "LLM RAG assistant on GCP", "Payments on Azure, HIPAA"):
        for comp in design(text).architecture.components:
            if comp.technology:
                assert catalog.find(comp.technology) is not None, comp.technology
                tech = catalog.find(comp.technology)
                assert tech is not None and comp.kind in (tech.kind, *tech.also)


def test_kinds_follow_the_chosen_technology() -> None:
    result = design("chat app with 1M DAU")
    for comp in result.architecture.components:
        assert isinstance(comp.kind, Kind)


@pytest.mark.parametrize(
    ("cloud", "region", "zone"),
    [
        ("AWS", "eu-west-1", "eu-west-1a"),
        ("GCP", "europe-west1", "europe-west1-a"),
        ("Azure", "westeurope", "westeurope-1"),
    ],
)
def test_zones_follow_each_clouds_spelling(cloud: str, region: str, zone: str) -> None:
    result = design(f"Chat app, 1M DAU, 99.95% uptime, {cloud} {region}")
    api = next(c for c in result.architecture.components if c.id == "api")
    assert api.region == region and api.zones[0] == zone and len(api.zones) >= 2
