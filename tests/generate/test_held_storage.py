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
