"""Token-aware capacity against hand calculations (the arithmetic is in each test)."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from archwright.kb.capacity import (
    call_ms,
    context_overflow_share,
    effective_batch,
    gpus_needed,
    profile,
    quota_rps,
    token_profile,
)
from archwright.kb.catalog import Hosting, load_catalog
from archwright.model import Component, Kind, TokenUsage


def _llm(tokens: dict[str, object], technology: str | None = None) -> Component:
    return Component(
        id="m", kind=Kind.LLM, technology=technology, tokens=TokenUsage.model_validate(tokens)
    )


def _tokens(tokens: dict[str, object], technology: str | None = None):  # type: ignore[no-untyped-def]
    comp = _llm(tokens, technology)
    tech = load_catalog().find(technology) if technology else None
    found = token_profile(comp, tech)
    assert found is not None
    return found


GPU = {"gpu_type": "H100", "tokens_per_second": 2500, "batch_size": 16}


def test_gpus_at_peak_hand_calculation() -> None:
    # 200 rps x 800 output tokens = 160,000 tokens/s; 160,000 / 2,500 per GPU = 64 GPUs.
    tokens = _tokens({"input": {"mean": 1000}, "output": {"mean": 800}, "gpu": GPU})
    assert gpus_needed(200, tokens) == 64
    # One request more per second needs one more GPU: 201 x 800 / 2,500 = 64.32 -> 65.
    assert gpus_needed(201, tokens) == 65
    # At a 70% utilization target: 160,000 / (2,500 x 0.7) = 91.4 -> 92 GPUs.
    assert gpus_needed(200, tokens, utilization=0.7) == 92
    assert gpus_needed(0, tokens) == 0


def test_per_token_time_comes_from_the_batch() -> None:
    # Continuous batching at batch 16 and 2,500 tokens/s: each sequence gets 156.25
    # tokens/s, 6.4 ms per token; 800 tokens take 5,120 ms after the first token.
    tokens = _tokens({"input": {"mean": 1000}, "output": {"mean": 800}, "ttft_ms": 300, "gpu": GPU})
    assert tokens.per_token_ms == pytest.approx(6.4)
    assert call_ms(tokens, 1000, 800) == pytest.approx(300 + 5120)
    # Little's law agrees with the GPU count: 200 rps x 5.12 s decode = 1,024 sequences
    # in flight / 16 per GPU = 64 GPUs.
    assert gpus_needed(200, tokens) == pytest.approx(200 * 5.12 / 16)


def test_tpm_quota_binds_at_hand_rps() -> None:
    # 90,000 TPM / (1,000 in + 500 out) = 60 requests/min = 1.0 rps; RPM 500 allows 8.3.
    tokens = _tokens(
        {
            "input": {"mean": 1000},
            "output": {"mean": 500},
            "tpm_quota": 90_000,
            "rpm_quota": 500,
        }
    )
    limit = quota_rps(tokens)
    assert limit.binding == "tpm"
    assert limit.rps == pytest.approx(1.0)


def test_rpm_binds_when_requests_are_small() -> None:
    # 60 RPM = 1 rps; 90,000 TPM / 150 tokens = 600 requests/min = 10 rps: RPM binds.
    tokens = _tokens(
        {"input": {"mean": 100}, "output": {"mean": 50}, "tpm_quota": 90_000, "rpm_quota": 60}
    )
    assert quota_rps(tokens).binding == "rpm"
    assert quota_rps(tokens).rps == pytest.approx(1.0)


def test_output_tpm_counted_apart() -> None:
    # Anthropic tier 4 Sonnet: 400,000 output TPM / 300 = 1,333 RPM = 22.2 rps, below
    # 4,000 RPM (66.7 rps) and 2M input TPM / 1,000 = 2,000 RPM (33.3 rps).
    tokens = _tokens({}, "anthropic-claude-sonnet")
    limit = quota_rps(tokens)
    assert limit.binding == "output tpm"
    assert limit.rps == pytest.approx(400_000 / 300 / 60)


def test_no_quota_is_unbounded() -> None:
    tokens = _tokens({"input": {"mean": 100}, "output": {"mean": 50}})
    assert quota_rps(tokens).rps == math.inf
    assert quota_rps(tokens).binding == "none"


def test_kv_cache_limits_the_batch() -> None:
    # 5.4 GB / 131 KB per token = 41,221 tokens; sequences of 3,000 + 1,000 tokens:
    # 10 fit, not 16. Throughput scales to 2,000 x 10 / 16 = 1,250 tokens/s per GPU, so
    # 10 rps x 1,000 tokens needs ceil(10,000 / 1,250) = 8 GPUs (5 without the limit).
    gpu = {
        "gpu_type": "A10G",
        "tokens_per_second": 2000,
        "batch_size": 16,
        "kv_cache_gb": 5.4,
        "kv_kb_per_token": 131,
    }
    tokens = _tokens({"input": {"mean": 3000}, "output": {"mean": 1000}, "gpu": gpu})
    assert effective_batch(tokens) == 10
    assert gpus_needed(10, tokens) == 8


def test_giant_prompt_tail_overflows_the_window() -> None:
    # Lognormal through mean 1,000 and p99 8,000: sigma = z - sqrt(z^2 - 2 ln 8)
    # = 2.3263 - sqrt(5.4119 - 4.1589) = 1.2069; mu = ln 1000 - sigma^2/2 = 6.1795.
    # Room for the prompt: 8,192 - 1,500 (p99 answer) = 6,692 tokens;
    # z = (ln 6,692 - 6.1795) / 1.2069 = 2.178 -> 1.47% of prompts overflow.
    tokens = _tokens(
        {
            "input": {"mean": 1000, "p99": 8000},
            "output": {"mean": 300, "p99": 1500},
            "context_window": 8192,
        }
    )
    assert context_overflow_share(tokens) == pytest.approx(0.0147, abs=0.0005)
    # The p99 call: 500 ms to the first token at the mean prompt, + 7,000 more prompt
    # tokens at 100 ms per 1,000, + 1,500 tokens at 10 ms = 500 + 700 + 15,000 ms.
    timed = _tokens(
        {
            "input": {"mean": 1000, "p99": 8000},
            "output": {"mean": 300, "p99": 1500},
            "ttft_ms": 500,
            "per_token_ms": 10,
            "prefill_ms_per_1k": 100,
        }
    )
    assert call_ms(timed, 8000, 1500) == pytest.approx(500 + 700 + 15_000)
    # A prompt shorter than the mean does not make the first token faster.
    assert call_ms(timed, 10, 0) == pytest.approx(500)


def test_no_tail_overflows_only_when_the_mean_does() -> None:
    fits = _tokens({"input": {"mean": 1000}, "output": {"mean": 300}, "context_window": 4096})
    assert context_overflow_share(fits) == 0.0
    over = _tokens({"input": {"mean": 5000}, "output": {"mean": 300}, "context_window": 4096})
    assert context_overflow_share(over) == 1.0


def test_profile_of_a_gpu_served_model() -> None:
    # vLLM in the catalog: batch 16 at 2,000 tokens/s -> 8 ms per token; a call of
    # 200 ms + 300 x 8 ms = 2,600 ms; slots allow 16 x 1000 / 2,600 = 6.15 rps, the GPU
    # 2,000 / 300 = 6.67 rps: slots bind.
    found = profile(Component(id="v", kind=Kind.LLM, technology="vllm"), load_catalog())
    assert found.concurrency == 16
    assert found.service_time_ms == pytest.approx(2600)
    assert found.per_replica_rps == pytest.approx(16 * 1000 / 2600)


def test_component_tokens_override_the_catalog() -> None:
    # GPT-4o (ttft 500 ms, 11.7 ms/token) with 4,000-token answers: 500 + 46,800 ms.
    comp = _llm({"output": {"mean": 4000}}, "openai-gpt-4o")
    found = profile(comp, load_catalog())
    assert found.service_time_ms == pytest.approx(500 + 4000 * 11.7)
    # Tier-4 2M TPM / (1,000 + 4,000) tokens = 400 RPM = 6.67 rps.
    assert found.quota_rps == pytest.approx(2_000_000 / 5000 / 60)


def test_token_counts_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="must not fall"):
        TokenUsage.model_validate({"input": {"mean": 1000, "p99": 500}})
    with pytest.raises(ValidationError):
        TokenUsage.model_validate({"input": {"mean": -1}})
    with pytest.raises(ValidationError, match="go together"):
        TokenUsage.model_validate({"gpu": {**GPU, "kv_cache_gb": 4}})


def test_catalog_token_entries_are_consistent() -> None:
    """Every LLM states its tokens; the catalog's service time is its typical call's;
    hosted models are priced per token (or per search), GPU-served ones per GPU VM."""
    catalog = load_catalog()
    for tech in catalog.technologies:
        if tech.kind is Kind.LLM:
            assert tech.tokens is not None, tech.name
        if tech.tokens is None:
            continue
        assert "https://" in tech.tokens.source, tech.name
        comp = Component(id="c", kind=tech.kind, technology=tech.name)
        tokens = token_profile(comp, tech)
        assert tokens is not None
        typical = call_ms(tokens, tokens.input.mean, tokens.output.mean)
        assert tech.capacity.service_time_ms == pytest.approx(typical, rel=0.05), tech.name
        # Per-token prices for hosted models; a self-hosted one (ollama) is billed as the
        # GPU VM it runs on, like a GPU-served one.
        hosted = tech.tokens.gpu is None and tech.hosting is not Hosting.SELF_HOSTED
        for price in tech.prices.values() if hosted else ():
            token_priced = price.per_million_input_tokens is not None
            assert token_priced or price.per_thousand_searches is not None, tech.name
            assert price.per_million_requests is None, tech.name


def test_a_gpu_served_model_is_timed_by_its_tokens_and_a_hosted_one_by_the_catalog() -> None:
    """`Profile.source` says where the call time comes from: a GPU-served model (vLLM)
    from its tokens (`+tokens`), a hosted API model stating no tokens of its own from the
    catalog's service time (the typical request, equal by construction), and the same
    hosted model with stated token figures from those."""
    from archwright.kb.capacity import resolve
    from archwright.kb.catalog import load_catalog
    from archwright.model import Architecture

    catalog = load_catalog()

    def source(tech: str, tokens: dict[str, object] | None = None) -> str:
        comp: dict[str, object] = {"id": "m", "kind": "llm", "technology": tech}
        if tokens is not None:
            comp["tokens"] = tokens
        arch = Architecture.model_validate({"name": "x", "components": [comp]})
        return resolve(arch, catalog)["m"].source

    assert source("vllm") == "catalog:vllm+tokens"
    assert source("openai-gpt-4o-mini") == "catalog:openai-gpt-4o-mini"
    stated = source("openai-gpt-4o-mini", {"input": {"mean": 500}, "output": {"mean": 200}})
    assert stated == "catalog:openai-gpt-4o-mini+tokens"


def test_a_one_token_answer_still_has_a_finite_rate() -> None:
    """A GPU-served classifier answers one token. A replica of one slow GPU (20 tokens/s,
    batch 1) with 100 slots is bound by its GPU: 20 ÷ 1 = 20 requests/s at one-token
    answers, 20 ÷ 2 = 10 at two; not an unbounded rate (only a model whose answers have
    no length has no token-bound ceiling)."""
    slow = {"gpu_type": "L4", "tokens_per_second": 20, "batch_size": 1}
    rates = []
    for out in (1, 2):
        comp = _llm({"input": {"mean": 10}, "output": {"mean": out}, "gpu": slow})
        comp = comp.model_copy(update={"concurrency": 100})
        rates.append(profile(comp, load_catalog()).per_replica_rps)
    assert rates == [pytest.approx(20.0), pytest.approx(10.0)]
