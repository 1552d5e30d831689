"""Chaos on AI paths: provider outage and slow model, with and without the safeguards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archwright.archfile import load_architecture
from archwright.model import Architecture
from archwright.simulate import Scenario, chaos

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = "llm-gateway->primary-llm"


def _rag(**edge: Any) -> Architecture:
    """The rag example with the gateway's call to the primary model changed."""
    arch = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    conn = next(c for c in arch.connections if c.id == PRIMARY)
    for key, value in edge.items():
        setattr(conn, key, value)
    return arch


def _status(result: dict[str, Any], cid: str) -> str:
    return str(result["components"][cid]["status"])


def test_provider_outage_with_a_fallback_tier_is_contained() -> None:
    result = chaos(_rag(), Scenario(fail=["primary-llm"]), 10.0)
    assert result["journeys"]["ask a question"]["status"] == "degraded"
    assert result["components"]["users"]["failing_share"] == 0.0
    # The fallback tier now carries the model's traffic: 10 rps x 70% cache misses.
    fallback = result["components"]["fallback-llm"]
    assert fallback["status"] == "degraded"
    assert "in use as a fallback model: 7.0 requests/s" in fallback["cause"]


def test_provider_outage_without_a_fallback_fails_the_misses() -> None:
    result = chaos(_rag(fallback=None), Scenario(fail=["primary-llm"]), 10.0)
    # Only the semantic cache's hits (30%) are still answered: 70% of questions fail.
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.7, abs=1e-6)
    assert result["journeys"]["ask a question"]["status"] == "failed"


def test_outage_shifts_load_onto_the_fallback_quota() -> None:
    # The fallback tier's quota is 90,000 TPM: / (1,000 + 300 tokens) = 69 requests/min
    # = 1.15 rps. Failing over 10 rps throttles 1 - 1.15/10 = 88% of them.
    arch = Architecture.model_validate(
        {
            "name": "tiers",
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "gw", "kind": "api_gateway", "replicas": 4},
                {"id": "main", "kind": "llm", "technology": "openai-gpt-4o"},
                {
                    "id": "backup",
                    "kind": "llm",
                    "technology": "anthropic-claude-haiku",
                    "tokens": {"tpm_quota": 90_000},
                },
            ],
            "connections": [
                {"source": "users", "target": "gw"},
                {"source": "gw", "target": "main", "circuit_breaker": True, "fallback": "backup"},
            ],
        }
    )
    result = chaos(arch, Scenario(fail=["main"]), 10.0)
    cause = result["components"]["backup"]["cause"]
    assert result["components"]["backup"]["status"] == "degraded"
    assert cause == "88% throttled: 10.0 requests/s against a quota of 1.2"
    # Before the outage the backup idles, within its quota.
    calm = chaos(arch, Scenario(fail=["gw"]), 10.0)
    assert calm["components"]["backup"]["status"] == "ok"


def test_slow_model_behind_a_breaker_fails_over() -> None:
    # The model slows by 60 s, past the gateway's 30 s timeout: the breaker opens and
    # the fallback model answers; nothing upstream runs out of slots.
    result = chaos(_rag(), Scenario(slow={"primary-llm": 60_000}), 10.0)
    assert result["journeys"]["ask a question"]["status"] != "failed"
    for cid in ("users", "chat-ui", "assistant", "semantic-cache"):
        assert _status(result, cid) != "failed", cid
    assert PRIMARY in result["contained_by"]


def test_slow_model_without_a_breaker_takes_the_callers_down() -> None:
    # Without a breaker every call waits out 2 x 30 s (one retry): the cache's and the
    # assistant's slots fill and the cascade reaches the users.
    result = chaos(_rag(circuit_breaker=False), Scenario(slow={"primary-llm": 60_000}), 10.0)
    assert result["journeys"]["ask a question"]["status"] == "failed"
    failed = {c["component"] for c in result["cascade"] if c["status"] == "failed"}
    assert {"semantic-cache", "assistant", "chat-ui"} <= failed


def test_semantic_cache_hits_survive_the_outage() -> None:
    """The cache's hit ratio is the share still answered when the model is gone."""
    arch = _rag(fallback=None)
    cache = next(c for c in arch.components if c.id == "semantic-cache")
    cache.hit_ratio = 0.5
    result = chaos(arch, Scenario(fail=["primary-llm"]), 10.0)
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.5, abs=1e-6)
