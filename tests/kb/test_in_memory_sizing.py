"""A vector store that serves from an HNSW index held in memory (catalog
`capacity.in_memory`) needs the nodes whose memory holds the index, not only the disk
(issue 13: pgvector edged Qdrant at 50M filtered vectors because 300 GB fitted one node's
disk). The figures are the catalog's; the count is kb/scoring.nodes_to_hold, the one
that cost and the scalability ceiling read."""

from __future__ import annotations

import math

from archwright.kb import load_catalog
from archwright.kb.scoring import monthly_cost, nodes_to_hold
from archwright.kb.tradeoffs import load_tradeoffs

CATALOG = load_catalog()
RULES = load_tradeoffs().technology


def test_memory_not_disk_counts_the_nodes_of_an_in_memory_index() -> None:
    tech = CATALOG.get("qdrant")
    memory, disk = tech.capacity.in_memory, tech.capacity.max_storage_gb
    assert memory is not None and disk is not None
    held = 300.0  # fits one node's disk
    assert held <= disk
    expected = math.ceil(held * memory.per_data_gb / memory.node_gb)
    assert expected > 1
    assert nodes_to_hold(tech, held) == expected


def test_a_store_without_an_in_memory_index_is_counted_by_disk() -> None:
    tech = next(
        t
        for t in CATALOG.technologies
        if t.capacity.in_memory is None and t.capacity.max_storage_gb
    )
    disk = tech.capacity.max_storage_gb
    assert disk is not None
    assert nodes_to_hold(tech, disk * 2.5) == 3


def test_the_memory_nodes_are_priced() -> None:
    """The bill carries the nodes the memory needs: 300 GB of vectors cost more than
    3 GB on the same store (one node's memory holds the small one)."""
    tech = CATALOG.get("pgvector")
    small, _ = monthly_cost(tech, "aws", 500, RULES, 3.0)
    large, basis = monthly_cost(tech, "aws", 500, RULES, 300.0)
    assert small is not None and large is not None
    assert large > 5 * small, basis
    assert "in memory" in basis
