"""Extraction is table-driven: each row is a phrase and the requirement it must set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.generate.extract import extract

# The phrase-by-phrase table lives in data/phrasings/ (test_extraction_corpus.py); the
# tests here cover a whole description, the reports and hostile input.


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
    [
        "1," * 9_000,
        "9" * 19_000,
        "1:" * 9_000,
        " " * 19_000,
        "team of " * 2_400,
        "no " * 6_000,
        "every " * 3_000,
        "keep data data " * 1_200,
        "from 1 to " * 1_900,
        "5 smart smart " * 1_300,
        "we know kafka and " * 1_000,
        "watch 2 hours " * 1_300,
    ],
    ids=[
        "commas",
        "digits",
        "ratios",
        "spaces",
        "team",
        "negations",
        "intervals",
        "retention",
        "ranges",
        "devices",
        "skills",
        "watch",
    ],
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


_WORDS = st.sampled_from(
    [
        "5M", "devices", "every", "5", "seconds", "keep", "13", "months", "under", "50",
        "ms", "p99", "GPT-4o", "no", "payments", "purchases", "team", "of", "İstanbul",
        "watched", "per", "user", "day", "2K→80K", "events/s", ",", ".", "wombats",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_every_reading_quotes_its_own_phrase(text: str) -> None:
    """Spans point at their phrase and unread fragments come from the text: what the
    design lists as read or not read is always the person's own words."""
    ext = extract(text)
    shown = text if len(text.lower()) == len(text) else text.lower()
    for span in ext.understood:
        assert 0 <= span.start < span.end <= len(shown)
        assert shown[span.start : span.end].strip() == span.text.strip()
    for fragment in ext.not_understood:
        assert all(piece.strip() in shown for piece in fragment.split(" … "))
