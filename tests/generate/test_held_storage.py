"""A store's `storage_gb` is its held share of the data, not the whole stated data.

A senior engineer signs a file-sync design whose metadata database holds the file
records and whose object store holds the file bytes; one that writes the whole horizon
onto the database (tens of petabytes on Aurora) prices the blobs twice and the wrong
store. The share is `generate.provision.held_by`, the figure sizing already reads.
"""

from __future__ import annotations

import pytest

from archwright.generate import design
from archwright.generate.provision import STORED_KINDS
from archwright.generate.sizing import defaults, envelope
from archwright.kb.held import Payload, per_record
from archwright.kb.patterns import load_patterns
from archwright.kb.specs import load_specs
from archwright.model import Architecture, Kind

SPECS = load_specs()


def _designed(name: str) -> Architecture:
    spec = SPECS.find(name)
    assert spec is not None
    return design(spec.requirements, name=spec.title).architecture


def test_file_sync_database_holds_records_and_the_chunk_store_the_bytes() -> None:
    arch = _designed("file-sync")
    by_id = arch.components_by_id()
    data_gb = arch.requirements.scale.data_gb or 0.0
    db, chunks, assets = by_id["db"], by_id["chunks"], by_id["assets"]
    assert chunks.storage_gb is not None and chunks.storage_gb >= data_gb
    assert db.storage_gb is not None and db.storage_gb < chunks.storage_gb / 100
    assert assets.storage_gb is not None and assets.storage_gb < 100  # built assets only
    cache = by_id["cache"]
    assert cache.storage_gb is not None and 0 < cache.storage_gb < db.storage_gb  # hot set


@pytest.mark.parametrize("name", ["file-sync", "photo-sharing", "chat", "url-shortener"])
def test_every_store_states_what_it_holds_and_nothing_else_does(name: str) -> None:
    arch = _designed(name)
    for comp in arch.components:
        if comp.kind in STORED_KINDS:
            assert comp.storage_gb, f"{comp.id} ({comp.kind.value}) states no held data"
        else:
            assert comp.storage_gb is None, f"{comp.id} ({comp.kind.value}) is no store"
    assert not any(c.storage_gb for c in arch.components if c.kind is Kind.STREAM)


def _records_gb(arch: Architecture, share: float, kind: Kind) -> float:
    """What `kb/held.yaml` says a store of `kind` keeps for `share` of the records."""
    rule = per_record(kind, frozenset({Payload.MEDIA}))
    assert rule is not None
    env = envelope(arch.requirements)
    record_kb = float(defaults()["defaults"]["record_kb"])
    return env.records_horizon_gb * share * rule.gb_per_record_gb(record_kb)


def test_a_video_catalogue_indexes_its_items_not_the_video_bytes() -> None:
    """The search index, the ANN candidate index and the feature store of a video
    service hold per record (kb/held.yaml), beside the petabytes the media store holds."""
    arch = _designed("video-streaming")
    by_id = arch.components_by_id()
    media = by_id["media"].storage_gb
    assert media is not None and media >= (arch.requirements.scale.data_gb or 0.0)
    for cid in ("search", "candidates", "feature-store"):
        comp = by_id[cid]
        assert comp.storage_gb is not None and comp.storage_gb < media / 1000, cid
        assert comp.storage_gb == pytest.approx(
            _records_gb(arch, _share(cid), comp.kind), rel=1e-3
        ), cid


def test_rag_vectors_index_the_documents_text_beside_the_document_store() -> None:
    """A RAG system's chunk vectors grow with its documents' text (the document store's
    `payload: text`), though the documents live in an object store: they hold the whole
    horizon's share, not a vector per write."""
    arch = _designed("rag-assistant")
    by_id = arch.components_by_id()
    assert any(c.kind is Kind.OBJECT_STORE for c in arch.components)
    env = envelope(arch.requirements)
    assert by_id["vectors"].storage_gb == pytest.approx(env.data_horizon_gb, rel=1e-3)
    assert env.records_horizon_gb < env.data_horizon_gb
    assert per_record(Kind.VECTOR_DB, frozenset({Payload.TEXT})) is None


def test_a_crawlers_search_index_holds_the_page_text() -> None:
    """The page store holds text (`payload: text`): the index reads it, so it holds its
    share of the data, while the crawl database beside it keeps records."""
    arch = _designed("web-crawler")
    by_id = arch.components_by_id()
    env = envelope(arch.requirements)
    search = by_id["search"].storage_gb
    assert search is not None and search > env.records_horizon_gb


def _share(role_id: str) -> float:
    for pattern in load_patterns().patterns:
        for pc in pattern.components:
            if pc.id == role_id:
                return min(pc.load.share, 1.0)
    raise AssertionError(role_id)
