"""Models priced per token: tiers, the semantic cache's hit ratio, embedders, rerankers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from archwright.archfile import load_architecture
from archwright.cost import estimate
from archwright.kb.catalog import Price, load_catalog
from archwright.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
MONTH_S = 730 * 3600  # 2,628,000 seconds


def _rag() -> Architecture:
    return load_architecture(ROOT / "examples" / "rag_assistant.yaml")


def test_rag_example_priced_per_token() -> None:
    result = estimate(_rag(), load_catalog(), "aws")
    # Average 2 questions/s; the semantic cache answers 30%: 1.4/s reach the model.
    calls = 1.4 * MONTH_S  # 3,679,200 calls a month
    # Sonnet: 4,000 input tokens, 30% of them (1,200) a cached prefix at $0.30/M, the
    # other 2,800 at $3/M, + 400 output tokens at $15/M = $0.01476 a call, $54,304.99.
    primary = result.components["primary-llm"]
    assert primary.monthly == pytest.approx(calls * (2800 * 3 + 1200 * 0.3 + 400 * 15) / 1e6)
    assert primary.monthly == pytest.approx(54_304.99, abs=0.01)
    # The cache saves 1,200 x ($3 - $0.30) per million tokens on every call: $11,920.61.
    assert "4,000 input tokens at $3/M (30% cached at $0.3/M, saving $11,920.61)" in primary.basis
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
    # Misses only reach the model: 2/s x (1 - hit ratio) x $0.01476 per call.
    expected = 2 * (1 - hit_ratio) * MONTH_S * 0.01476
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


def _one_model(technology: str, **tokens: object) -> Architecture:
    """10 rps average into one model with the catalog's 1,000 + 300-token request."""
    return Architecture.model_validate(
        {
            "name": "one model",
            "requirements": {"scale": {"peak_rps": 20, "avg_rps": 10}},
            "components": [
                {"id": "jobs", "kind": "client"},
                {"id": "model", "kind": "llm", "technology": technology, "tokens": tokens},
            ],
            "connections": [{"source": "jobs", "target": "model"}],
        }
    )


def _model_cost(arch: Architecture, cloud: str = "aws") -> tuple[float, str]:
    found = estimate(arch, load_catalog(), cloud).components["model"]
    return found.monthly, found.basis


CALLS = 10 * MONTH_S  # 26,280,000 calls a month


def test_prompt_cache_prices_the_cached_share() -> None:
    # GPT-4o, half of 1,000 input tokens cached: 500 x $2.50 + 500 x $1.25 (cached)
    # + 300 x $10 = $0.004875 a call, against $0.0055 uncached.
    cached, basis = _model_cost(_one_model("openai-gpt-4o", cached_input_share=0.5))
    assert cached == pytest.approx(CALLS * 0.004875, abs=0.01)
    # Saving 500 x $1.25 per million tokens a call: $0.000625 x 26,280,000 = $16,425.
    assert "(50% cached at $1.25/M, saving $16,425.00)" in basis
    plain, _ = _model_cost(_one_model("openai-gpt-4o"))
    assert plain == pytest.approx(CALLS * 0.0055, abs=0.01)
    # Claude Sonnet reads its cache at a tenth of the input price: 1,000 x 80% cached
    # = 200 x $3 + 800 x $0.30 + 300 x $15 = $0.00534 a call.
    sonnet, _ = _model_cost(_one_model("anthropic-claude-sonnet", cached_input_share=0.8))
    assert sonnet == pytest.approx(CALLS * 0.00534, abs=0.01)


def test_batch_api_halves_the_token_bill() -> None:
    # Claude Haiku through the batch API: (1,000 x $0.80 + 300 x $4) x 50% = $0.001 a call.
    batch, basis = _model_cost(_one_model("anthropic-claude-haiku", batch=True))
    assert batch == pytest.approx(CALLS * 0.001, abs=0.01)
    assert f"batch API 50% off (saving ${CALLS * 0.001:,.2f})" in basis
    online, _ = _model_cost(_one_model("anthropic-claude-haiku"))
    assert online == pytest.approx(2 * batch, abs=0.01)


def test_cache_and_batch_stack() -> None:
    # GPT-4o-mini, 60% cached, batch: (400 x $0.15 + 600 x $0.075 + 300 x $0.60) x 50%
    # per million tokens = ($60 + $45 + $180) / 2 per million calls = $0.0001425 a call.
    both, _ = _model_cost(_one_model("openai-gpt-4o-mini", cached_input_share=0.6, batch=True))
    assert both == pytest.approx(CALLS * 0.0001425, abs=0.01)


def test_without_a_listed_price_the_discount_is_not_assumed() -> None:
    # Titan embeddings list no cached-input price nor batch discount: full price, said so.
    arch = _one_model(
        "aws-bedrock-titan-embeddings",
        cached_input_share=0.5,
        batch=True,
        input={"mean": 1000},
        output={"mean": 0},
    )
    usd, basis = _model_cost(arch)
    assert usd == pytest.approx(CALLS * 1000 * 0.02 / 1e6, abs=0.01)
    assert "no cached-input price listed" in basis
    assert "no batch discount listed" in basis


def test_discounts_need_a_source_and_a_sane_price() -> None:
    base = {"usd_per_month": 0, "unit": "token", "source": "https://example.com/p"}
    with pytest.raises(ValidationError, match="discount_source"):
        Price.model_validate({**base, "per_million_input_tokens": 1.0, "batch_discount": 0.5})
    with pytest.raises(ValidationError, match="must not exceed"):
        Price.model_validate(
            {
                **base,
                "per_million_input_tokens": 1.0,
                "per_million_cached_input_tokens": 2.0,
                "discount_source": "https://example.com/d",
            }
        )


def test_catalog_discounts_are_below_list_price() -> None:
    """Every listed cached-input price is a discount, and batch APIs are listed for the
    hosted chat models of the providers that sell one (OpenAI, Anthropic)."""
    catalog = load_catalog()
    seen = 0
    for tech in catalog.technologies:
        for price in tech.prices.values():
            if price.per_million_cached_input_tokens is not None:
                assert price.per_million_input_tokens is not None
                assert price.per_million_cached_input_tokens < price.per_million_input_tokens
                seen += 1
        if tech.tokens is not None and tech.tokens.provider in {"openai", "anthropic"}:
            assert all(p.batch_discount == 0.5 for p in tech.prices.values()), tech.name
    assert seen >= 7
