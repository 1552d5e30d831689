"""Design sizes a vector store on the memory its index needs, the count `select` prices
(`kb.capacity.memory_nodes`): one definition. Sizing once counted disk alone, so a
design of 300 GB of Qdrant vectors got one node while its price assumed fifteen."""

from __future__ import annotations

import math

from archwright.generate.sizing import Envelope, defaults, size
from archwright.kb.capacity import memory_nodes
from archwright.kb.catalog import load_catalog
from archwright.kb.scoring import nodes_to_hold
from archwright.model import Kind


def _env() -> Envelope:
    return Envelope(
        dau=1e5, avg_rps=100, peak_rps=300, read_rps=200, write_rps=100, events_rps=0,
        concurrent=1000, data_gb=300, data_horizon_gb=300, bandwidth_mb_s=1, hot_set_gb=1,
        llm_rps=0, media_rps=0, availability=99.9, event_kb=None,
    )  # fmt: skip


def test_a_vector_store_is_sized_by_the_memory_its_index_needs() -> None:
    qdrant = load_catalog().get("qdrant")
    memory = qdrant.capacity.in_memory
    assert memory is not None
    fill = float(defaults()["defaults"]["storage_fill"])
    held = 300.0
    sized = size(Kind.VECTOR_DB, qdrant, 50.0, _env(), managed=False, data_gb=held)
    expected = math.ceil(held * memory.per_data_gb / (memory.node_gb * fill))
    assert memory_nodes(qdrant, held, fill) == expected
    assert sized.shards == expected > math.ceil(held / qdrant.capacity.max_storage_gb)
    assert "held in memory" in sized.explanation
    # the scorer counts the same nodes at full fill
    assert nodes_to_hold(qdrant, held) == memory_nodes(qdrant, held) == 15


def test_a_store_served_from_disk_counts_no_memory_nodes() -> None:
    catalog = load_catalog()
    assert memory_nodes(catalog.get("aws-rds-postgresql"), 10_000.0) == 0
    assert memory_nodes(None, 10_000.0) == 0
    assert memory_nodes(catalog.get("qdrant"), 0.0) == 0
