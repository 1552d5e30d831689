"""Filtered vector search is a need the one scorer reads (`needs.filtering`, the
`guarantees` dimension beside ordering and delivery): a store that filters after its
approximate search (pgvector's HNSW) loses recall as filters narrow, while Qdrant,
Pinecone, Weaviate, Milvus and OpenSearch filter inside or before the search (catalog
`filtering`, a documented source each)."""

from __future__ import annotations

from typing import Any

from archwright.advise.select import select
from archwright.kb import load_catalog
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements

POSTGRES_TEAM: dict[str, Any] = {
    "description": "Twelve engineers who run PostgreSQL on AWS serve 40M product embeddings "
    "at 800 queries per second.",
    "scale": {"peak_rps": 800, "data_gb": 250},
    "team": {"size": 12, "experience": ["postgresql"], "existing_stack": ["postgresql"]},
    "constraints": {"cloud": "aws"},
}


def _select(needs: dict[str, str] | None) -> dict[str, Any]:
    spec = dict(POSTGRES_TEAM, needs=needs) if needs else POSTGRES_TEAM
    return select("vector_db", Requirements.model_validate(spec), load_catalog(), load_tradeoffs())


def _guarantees(answer: dict[str, Any]) -> dict[str, int]:
    return {r["technology"]: r["scores"]["guarantees"] for r in answer["ranking"]}


def test_every_vector_store_states_how_it_filters_with_a_source() -> None:
    stated = {
        t.name: t.filtering.mode
        for t in load_catalog().technologies
        if t.filtering is not None and t.filtering.source.startswith("https://")
    }
    assert stated["pgvector"] == "post-filter"
    assert stated["qdrant"] == "in-index"
    for name in ("weaviate", "milvus", "pinecone", "aws-opensearch-service"):
        assert stated[name] in ("in-index", "pre-filter"), name


def test_selective_filters_score_post_filtering_low_and_flip_the_pick() -> None:
    """Without filters the team's PostgreSQL wins; with filters that keep under 1% of the
    items, pgvector's post-filtering scores 2 and a store that filters in the search wins."""
    plain = _select(None)
    assert plain["recommendation"] == "pgvector"
    assert set(_guarantees(plain).values()) == {3}
    selective = _select({"filtering": "selective"})
    cells = _guarantees(selective)
    assert cells["pgvector"] == 2
    assert cells["qdrant"] == cells["pinecone"] == cells["weaviate"] == 5
    assert cells["chroma"] == 3  # not in the catalog: neither credited nor blamed
    assert selective["recommendation"] != "pgvector"
    assert selective["need"]["filtering"] == "selective"


def test_broad_metadata_filters_cost_post_filtering_a_point_only() -> None:
    cells = _guarantees(_select({"filtering": "metadata"}))
    assert cells["pgvector"] == 4 and cells["qdrant"] == 5


def test_the_prose_states_the_need() -> None:
    """'highly selective filters' in the description is read as the need, as design reads it."""
    spec = dict(
        POSTGRES_TEAM,
        description=POSTGRES_TEAM["description"] + " Every query has highly selective filters.",
    )
    answer = select(
        "vector_db", Requirements.model_validate(spec), load_catalog(), load_tradeoffs()
    )
    assert answer["need"]["filtering"] == "selective"
    assert _guarantees(answer)["pgvector"] == 2
