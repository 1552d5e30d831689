"""Models priced per token: tiers, the semantic cache's hit ratio, embedders, rerankers."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.cost import estimate
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
MONTH_S = 730 * 3600  # 2,628,000 seconds


def _rag() -> Architecture:
    return load_architecture(ROOT / "examples" / "rag_assistant.yaml")


def test_rag_example_priced_per_token() -> None:
    result = estimate(_rag(), load_catalog(), "aws")
    # Average 2 questions/s; the semantic cache answers 30%: 1.4/s reach the model.
    calls = 1.4 * MONTH_S  # 3,679,200 calls a month
    # Sonnet: 4,000 input tokens at $3/M + 400 output tokens at $15/M = $0.018 a call.
    primary = result.components["primary-llm"]
    assert primary.monthly == pytest.approx(calls * (4000 * 3 + 400 * 15) / 1e6, abs=0.01)
    assert "4,000 input tokens at $3/M" in primary.basis
    # The embedder is an embedder: every question, 60 tokens at $0.02/M = $6.31 a month,
    # not the $344,925 a chat-model price per request gave.
    embedder = result.components["embedder"]
    assert embedder.monthly == pytest.approx(2 * MONTH_S * 60 * 0.02 / 1e6, abs=0.01)
    assert "aws-bedrock-titan-embeddings" in embedder.basis
    # The reranker is billed per search: 1.4/s x $2 per 1,000.
    assert result.components["reranker"].monthly == pytest.approx(calls / 1e3 * 2, abs=0.01)
    # The fallback model is a standby: called on failure only, so not billed for traffic.
    assert result.components["fallback-llm"].monthly == 0.0


@pytest.mark.parametrize("hit_ratio", [0.0, 0.3, 0.5, 0.9])
def test_semantic_cache_hit_ratio_is_an_explicit_input(hit_ratio: float) -> None:
    arch = _rag()
    cache = next(c for c in arch.components if c.id == "semantic-cache")
    cache.hit_ratio = hit_ratio
    primary = estimate(arch, load_catalog(), "aws").components["primary-llm"]
    # Misses only reach the model: 2/s x (1 - hit ratio) x $0.018 per call.
    expected = 2 * (1 - hit_ratio) * MONTH_S * 0.018
    assert primary.monthly == pytest.approx(expected, abs=0.01)


def _tiered(small_share: float) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "tiers",
            "requirements": {"scale": {"peak_rps": 20, "avg_rps": 10}},
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "app", "kind": "service"},
                {"id": "router", "kind": "service"},
                {"id": "small", "kind": "llm", "technology": "openai-gpt-4o-mini"},
                {"id": "large", "kind": "llm", "technology": "openai-gpt-4o"},
            ],
            "connections": [
                {"source": "users", "target": "app"},
                {"source": "app", "target": "router"},
                {"source": "router", "target": "small", "share": small_share},
                {"source": "router", "target": "large", "share": 1 - small_share},
            ],
        }
    )


def test_model_tiering_prices_each_tier_for_its_share() -> None:
    # 10 rps average; the catalog's typical request is 1,000 input + 300 output tokens.
    # mini: $0.15 + 0.3 x $0.60 = $0.00033 a call; GPT-4o: $2.50 + 0.3 x $10 = $0.0055.
    result = estimate(_tiered(0.8), load_catalog(), "aws")
    small, large = result.components["small"], result.components["large"]
    assert small.monthly == pytest.approx(8 * MONTH_S * 0.00033, abs=0.01)
    assert large.monthly == pytest.approx(2 * MONTH_S * 0.0055, abs=0.01)
    # Routing everything to the large model costs more than the tiered mix.
    everything = estimate(_tiered(0.0), load_catalog(), "aws")
    tiers = small.monthly + large.monthly
    assert everything.components["large"].monthly > tiers


def test_alternatives_stay_within_the_models_job() -> None:
    """A chat model is never offered as a cheaper embedder, nor a model server."""
    result = estimate(_rag(), load_catalog(), "aws")
    for alt in result.alternatives:
        if alt.component in {"embedder", "reranker"}:
            raise AssertionError(f"{alt.component}: {alt.suggestion} offered")
