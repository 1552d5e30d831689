"""A vector store that serves from an HNSW index held in memory (catalog
`capacity.in_memory`) needs the nodes whose memory holds the index, not only the disk
(issue 13: pgvector edged Qdrant at 50M filtered vectors because 300 GB fitted one node's
disk). The figures are the catalog's; the count is kb/scoring.nodes_to_hold, the one
that cost and the scalability ceiling read."""

from __future__ import annotations

import math

from archwright.advise.select import select
from archwright.kb import load_catalog
from archwright.kb.scoring import monthly_cost, nodes_to_hold
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements

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


def test_weaviate_and_milvus_count_memory_from_their_own_published_figures() -> None:
    """Weaviate (memory = 2x the vectors, its resource planning page) and Milvus (HNSW
    1.5-2x the raw vectors, Zilliz) state their own figures; 300 GB of vectors needs 19
    nodes of 32 GB each, not the 1 node its disk would hold (before: no in_memory)."""
    own = {"weaviate": "weaviate.io", "milvus": "zilliz.com", "qdrant": "qdrant.tech"}
    for name, site in own.items():
        memory = CATALOG.get(name).capacity.in_memory
        assert memory is not None and memory.borrowed_from is None, name
        assert site in memory.source, name
    for name in ("weaviate", "milvus"):
        assert nodes_to_hold(CATALOG.get(name), 300.0) == math.ceil(300 * 2.0 / 32)


def test_a_borrowed_memory_figure_says_whose_it_is() -> None:
    """pgvector publishes no memory per GB: its figure is Qdrant's, and says so (its
    source is Qdrant's page and the ceiling's reason names Qdrant)."""
    pg, qdrant = CATALOG.get("pgvector"), CATALOG.get("qdrant")
    mine, theirs = pg.capacity.in_memory, qdrant.capacity.in_memory
    assert mine is not None and theirs is not None
    assert mine.borrowed_from == "qdrant"
    assert (mine.per_data_gb, mine.source) == (theirs.per_data_gb, theirs.source)
    for tech in CATALOG.technologies:
        memory = tech.capacity.in_memory
        if memory is not None and memory.borrowed_from is not None:
            lender = CATALOG.get(memory.borrowed_from).capacity.in_memory
            assert lender is not None and lender.borrowed_from is None, tech.name
    spec = Requirements.model_validate({"scale": {"peak_rps": 500, "data_gb": 300}})
    answer = select("vector_db", spec, CATALOG, load_tradeoffs())
    reasons = next(r["reasons"] for r in answer["ranking"] if r["technology"] == "pgvector")
    assert any("qdrant's figure" in line for line in reasons), reasons
