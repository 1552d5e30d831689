"""Extraction is table-driven: each row is a phrase and the requirement it must set."""

from __future__ import annotations

from typing import Any

import pytest

from archwright.generate.extract import extract

CASES: list[tuple[str, str, Any]] = [
    ("5M DAU", "scale.dau", 5_000_000),
    ("about 5 million daily active users", "scale.dau", 5_000_000),
    ("50M-DAU consumer app", "scale.dau", 50_000_000),
    ("a 1,000-user internal tool", "scale.dau", 1_000),
    ("2M monthly active users", "scale.mau", 2_000_000),
    ("100K concurrent riders", "scale.concurrent", 100_000),
    ("up to 20k simultaneous connections", "scale.concurrent", 20_000),
    ("2,000 writes/s", "scale.events_per_second", 2_000),
    ("1.5k events per second", "scale.events_per_second", 1_500),
    ("86,400 orders per day", "scale.events_per_second", 1),
    ("peak of 20,000 rps", "scale.peak_rps", 20_000),
    ("average 300 requests per second", "scale.avg_rps", 300),
    ("10 TB/year", "scale.data_gb", 10_000),
    ("500 GB of data", "scale.data_gb", 500),
    ("200 KB photos", "scale.payload_kb", 200),
    ("growing 3x a year", "scale.growth_per_year", 3),
    ("p99 < 200 ms", "slo.p99_latency_ms", 200),
    ("p99 latency under 1.5 s", "slo.p99_latency_ms", 1_500),
    ("four nines", "slo.availability", 99.99),
    ("five nines", "slo.availability", 99.999),
    ("99.95% uptime", "slo.availability", 99.95),
    ("RPO 5 min", "slo.rpo_minutes", 5),
    ("RTO of 1 hour", "slo.rto_minutes", 60),
    ("zero data loss", "slo.rpo_minutes", 0),
    ("read-heavy 10:1", "scale.read_write_ratio", 10),
    ("100:1 read to write", "scale.read_write_ratio", 100),
    ("team of 3", "team.size", 3),
    ("a team of three engineers", "team.size", 3),
    ("platform team of 40", "team.size", 40),
    ("$5k/month", "budget.monthly_usd", 5_000),
    ("2,000 USD per month", "budget.monthly_usd", 2_000),
    ("$60k per year", "budget.monthly_usd", 5_000),
    ("free tier budget", "budget.monthly_usd", 0),
    ("on AWS", "constraints.cloud", "aws"),
    ("Google Cloud", "constraints.cloud", "gcp"),
    ("Azure shop", "constraints.cloud", "azure"),
    ("runs on-prem", "constraints.cloud", "on_prem"),
    ("in eu-west-1", "constraints.regions", ["eu-west-1"]),
    ("HIPAA", "compliance", ["HIPAA"]),
    ("PCI DSS and SOC 2", "compliance", ["PCI-DSS", "SOC2"]),
    ("no vendor lock-in", "constraints.no_lock_in", True),
    ("managed services preferred", "constraints.managed_preferred", True),
    ("we self-host everything", "constraints.managed_preferred", False),
    ("exactly-once delivery", "needs.delivery", "exactly-once"),
    ("strict ordering per account", "needs.ordering", "per-key"),
    ("no Kafka experience", "avoid", ["kafka"]),
    ("Kafka in production", "team.existing_stack", ["kafka"]),
    ("experience with Python and PostgreSQL", "team.experience", ["python", "postgresql"]),
]


def _get(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        value = value[part]
    return value


@pytest.mark.parametrize(("text", "path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrase_sets_requirement(text: str, path: str, expected: Any) -> None:
    data = extract(text).requirements.model_dump(mode="json")
    value = _get(data, path)
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        assert value == pytest.approx(expected, rel=0.01)
    else:
        assert value == expected


def test_full_description_reads_every_figure() -> None:
    ext = extract(
        "Chat app, 5M DAU, 100K concurrent riders, 2,000 writes/s, p99 < 200 ms, four nines, "
        "RPO 5 min, team of 3, no Kafka experience, $5k/month, AWS eu-west-1, HIPAA."
    )
    req = ext.requirements
    assert (req.scale.dau, req.scale.concurrent, req.scale.events_per_second) == (
        5_000_000,
        100_000,
        2_000,
    )
    assert (req.slo.availability, req.slo.p99_latency_ms, req.slo.rpo_minutes) == (99.99, 200, 5)
    assert req.team.size == 3 and req.budget.monthly_usd == 5_000
    assert "realtime-messaging" in ext.features
    assert ext.not_understood == []


def test_not_understood_fragments_are_reported_verbatim() -> None:
    ext = extract("A chat app. Flibbertigibbet the wombats; 5M DAU")
    assert ext.not_understood == ["Flibbertigibbet the wombats"]


def test_assumptions_are_listed() -> None:
    ext = extract("a read-heavy app, latency 300 ms")
    assert any("reads per write" in a for a in ext.assumptions)
    assert any("P99" in a for a in ext.assumptions)


def test_features_come_from_pattern_triggers() -> None:
    ext = extract("users upload photos, search products and get push notifications")
    assert {"media-upload-cdn", "search-index", "notifications"} <= set(ext.features)


@pytest.mark.parametrize(
    "text",
    ["1," * 9_000, "9" * 19_000, "1:" * 9_000, " " * 19_000, "team of " * 2_400, "no " * 6_000],
    ids=["commas", "digits", "ratios", "spaces", "team", "negations"],
)
def test_hostile_input_is_read_without_blowing_up(text: str) -> None:
    # Before the digit runs and separators were bounded, these took minutes (quadratic
    # backtracking); a regression shows as a hung test, not a timing assertion.
    ext = extract(text)
    assert ext.requirements.description == text.strip()


def test_over_long_description_is_refused() -> None:
    from archwright.generate.extract import MAX_DESCRIPTION, DescriptionTooLong

    with pytest.raises(DescriptionTooLong, match="limit"):
        extract("chat " * (MAX_DESCRIPTION // 4))
