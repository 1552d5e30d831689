"""kb/held.yaml and the patterns' `payload` hold together: every rule keeps something
per record, and only blob stores declare what bytes they hold."""

from __future__ import annotations

import pytest

from archwright.generate.provision import BLOB_KINDS
from archwright.kb.catalog import load_catalog
from archwright.kb.held import (
    Payload,
    embedding,
    per_record,
    per_text,
    sample_bytes,
    sampled_technologies,
)
from archwright.kb.patterns import load_patterns
from archwright.model import Kind

EVERY = frozenset(Payload)


def test_every_rule_keeps_something_per_record() -> None:
    ruled = [k for k in Kind if per_record(k, EVERY) is not None]
    assert Kind.SEARCH_INDEX in ruled and Kind.VECTOR_DB in ruled
    for kind in ruled:
        rule = per_record(kind, EVERY)
        assert rule is not None and rule.gb_per_record_gb(1.0) > 0, kind


def test_only_blob_stores_declare_a_payload() -> None:
    declared = [
        (p.id, pc.id, pc.kind)
        for p in load_patterns().patterns
        for pc in p.components
        if pc.payload is not None
    ]
    assert declared, "no blob store declares its payload"
    assert all(kind in BLOB_KINDS for _, _, kind in declared), declared


def test_indexes_hold_text_themselves_and_records_beside_media() -> None:
    for kind in (Kind.SEARCH_INDEX, Kind.VECTOR_DB):
        assert per_record(kind, frozenset({Payload.MEDIA})) is not None
        assert per_record(kind, frozenset({Payload.TEXT, Payload.OTHER})) is None
    assert per_record(Kind.SQL_DB, frozenset({Payload.OTHER})) is not None


def test_lakes_and_warehouses_hold_records_beside_media_only() -> None:
    """Beside media a lake or warehouse keeps rows per record; with no media store its
    share of the stated data is its own (an analytics lake of events)."""
    for kind in (Kind.DATA_LAKE, Kind.WAREHOUSE):
        assert per_record(kind, frozenset({Payload.MEDIA})) is not None, kind
        assert per_record(kind, frozenset({Payload.TEXT, Payload.OTHER})) is None, kind


def test_chunk_embeddings_are_larger_than_their_text() -> None:
    """One 1,536-dim float32 embedding (6,152 bytes) per 400 tokens of new text (800-token
    chunks overlapping by 400, ~4 bytes a token): ~3.8 GB of vectors per GB of text,
    beside text only; the embedding beside media is the same one."""
    emb = embedding()
    assert emb.bytes == 6152
    assert per_text(Kind.VECTOR_DB, frozenset({Payload.TEXT})) == 6152 / 1600
    assert per_text(Kind.VECTOR_DB, frozenset({Payload.MEDIA, Payload.OTHER})) is None
    assert per_text(Kind.SEARCH_INDEX, frozenset({Payload.TEXT})) is None
    media = per_record(Kind.VECTOR_DB, frozenset({Payload.MEDIA}))
    assert media is not None and media.gb_per_record_gb(1.0) == pytest.approx(6.152)


def test_every_stored_sample_figure_names_a_catalog_entry_of_its_kind() -> None:
    """A technology's own bytes per sample (kb/held.yaml `samples`) must name a catalog
    entry of that kind, or the figure would never be read; each is below the kind's
    figure, which is the upper one for an engine that states none."""
    catalog = load_catalog()
    named = sampled_technologies()
    assert named.get(Kind.TIMESERIES_DB), "no time-series engine states its own figure"
    for kind, names in named.items():
        default = sample_bytes(kind, None)
        assert default is not None, kind
        for name in names:
            tech = catalog.find(name)
            assert tech is not None and tech.kind is kind, name
            own = sample_bytes(kind, name)
            assert own is not None and own != default and own.bytes <= default.bytes, name
