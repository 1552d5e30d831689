"""kb/held.yaml and the patterns' `payload` hold together: every rule keeps something
per record, and only blob stores declare what bytes they hold."""

from __future__ import annotations

from archwright.generate.provision import BLOB_KINDS
from archwright.kb.held import Payload, per_record
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
