"""Chaos when a provider's quota binds: retries, the fallback tier, the cache, what fails.

Every expectation is worked by hand in the test (docs/ai-systems.md, "Throttling in
chaos"). The model `main` takes 1,000 input + 500 output tokens a call under a 90,000
TPM quota: 90,000 / 1,500 / 60 = 1.0 request/s.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archwright.archfile import load_architecture
from archwright.cli.app import app
from archwright.model import Architecture
from archwright.simulate import Scenario, chaos
from archwright.simulate.chaos import ChaosInputError

ROOT = Path(__file__).resolve().parents[2]
SHAPE = {"input": {"mean": 1000}, "output": {"mean": 500}}


def _arch(
    call: dict[str, Any], backup_tpm: int | None = None, cache_hits: float | None = None
) -> Architecture:
    components: list[dict[str, Any]] = [
        {"id": "users", "kind": "client"},
        {"id": "gw", "kind": "api_gateway", "replicas": 4},
        {
            "id": "main",
            "kind": "llm",
            "technology": "openai-gpt-4o",
            "tokens": {**SHAPE, "tpm_quota": 90_000, "rpm_quota": 10_000},
        },
    ]
    connections: list[dict[str, Any]] = [{"source": "gw", "target": "main", **call}]
    if backup_tpm is not None:
        components.append(
            {
                "id": "backup",
                "kind": "llm",
                "technology": "openai-gpt-4o-mini",
                "tokens": {**SHAPE, "tpm_quota": backup_tpm, "rpm_quota": 10_000},
            }
        )
        connections[0]["fallback"] = "backup"
    if cache_hits is None:
        connections.insert(0, {"source": "users", "target": "gw"})
    else:
        components.append(
            {"id": "cache", "kind": "cache", "technology": "redis", "hit_ratio": cache_hits}
        )
        connections[:0] = [
            {"source": "users", "target": "cache"},
            {"source": "cache", "target": "gw"},
        ]
    return Architecture.model_validate(
        {"name": "quota", "components": components, "connections": connections}
    )


def _throttle(result: dict[str, Any], model: str) -> dict[str, Any]:
    found = [t for t in result["throttling"] if t["model"] == model]
    assert len(found) == 1, result["throttling"]
    return found[0]


def test_retries_amplify_the_throttled_load() -> None:
    # 2 rps offered, one retry per 429: attempts x = 2 (1 + p) with p = 1 - 1/x, so
    # x^2 - 4x + 2 = 0, x = 2 + sqrt(2) = 3.414 attempts/s (x1.707), p = 1/sqrt(2) = 70.7%
    # refused; a call fails when both attempts are refused: p^2 = 50%, 1.0 request/s.
    result = chaos(_arch({"retries": 1}), Scenario(), 2.0)
    main = _throttle(result, "main")
    assert main["quota_rps"] == pytest.approx(1.0)
    assert main["binding"] == "tpm"
    assert main["offered_rps"] == pytest.approx(2.0)
    assert main["attempts_rps"] == pytest.approx(2 + math.sqrt(2), abs=1e-4)
    assert main["retry_amplification"] == pytest.approx(1 + 1 / math.sqrt(2), abs=1e-4)
    assert main["refused_share"] == pytest.approx(1 / math.sqrt(2), abs=1e-5)
    assert main["calls"][0]["failing_rps"] == pytest.approx(1.0, abs=1e-4)
    # Nothing contains it: half the users' requests fail, and the load on the model shows
    # the retry storm.
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.5, abs=1e-5)
    assert result["components"]["main"]["load_factor"] == pytest.approx(1.707, abs=1e-3)
    assert result["components"]["main"]["status"] == "degraded"
    assert all(j["status"] != "ok" for j in result["journeys"].values())


def test_no_retries_no_amplification() -> None:
    # Without retries the attempts are the offered 2 rps; p = 1 - 1/2 = 50% fail.
    result = chaos(_arch({}), Scenario(), 2.0)
    main = _throttle(result, "main")
    assert main["attempts_rps"] == pytest.approx(2.0)
    assert main["refused_share"] == pytest.approx(0.5)
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.5, abs=1e-6)


def test_the_fallback_tier_absorbs_the_overflow() -> None:
    # As above, 50% of calls are refused twice: 1.0 rps goes to the backup, whose quota
    # (900,000 / 1,500 / 60 = 10 rps) takes it all. No user request fails.
    result = chaos(_arch({"retries": 1}, backup_tpm=900_000), Scenario(), 2.0)
    main = _throttle(result, "main")
    assert main["to_fallback_rps"] == {"backup": pytest.approx(1.0, abs=1e-4)}
    assert main["calls"][0]["failing_rps"] == 0.0
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.0, abs=1e-9)
    assert "gw->main" in result["contained_by"]
    assert "in use as a fallback model: 1.0 requests/s" in result["components"]["backup"]["cause"]


def test_a_breaker_stops_the_retry_storm() -> None:
    # A breaker fails a 429 at once: 2 attempts/s, p = 50%, 1.0 rps to the backup.
    call = {"retries": 1, "circuit_breaker": True}
    result = chaos(_arch(call, backup_tpm=900_000), Scenario(), 2.0)
    main = _throttle(result, "main")
    assert main["retry_amplification"] == pytest.approx(1.0)
    assert main["refused_share"] == pytest.approx(0.5)
    assert main["to_fallback_rps"] == {"backup": pytest.approx(1.0)}
    assert "gw->main" in result["contained_by"]


def test_a_fallback_with_its_own_binding_quota() -> None:
    # The backup's quota is 45,000 / 1,500 / 60 = 0.5 rps; it gets the 1.0 rps overflow
    # and refuses half (no retries on a fallback): 0.5 rps of the 2 fail, 25% of users.
    result = chaos(_arch({"retries": 1}, backup_tpm=45_000), Scenario(), 2.0)
    backup = _throttle(result, "backup")
    assert backup["offered_rps"] == pytest.approx(1.0, abs=1e-4)
    assert backup["refused_share"] == pytest.approx(0.5, abs=1e-4)
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.25, abs=1e-4)


def test_the_semantic_cache_takes_its_share_first() -> None:
    # 4 rps, half answered by the cache: 2.0 rps reach the model, as in the first test;
    # 2.0 rps answered without it, and half of the other half fails: 25% of users.
    result = chaos(_arch({"retries": 1}, cache_hits=0.5), Scenario(), 4.0)
    main = _throttle(result, "main")
    assert main["answered_by_caches"] == {"cache": pytest.approx(2.0)}
    assert main["offered_rps"] == pytest.approx(2.0)
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.25, abs=1e-5)
    # At 2 rps the model gets 1.0, its quota: nothing is throttled.
    assert chaos(_arch({"retries": 1}, cache_hits=0.5), Scenario(), 2.0)["throttling"] == []


def test_within_quota_nothing_is_throttled() -> None:
    result = chaos(_arch({"retries": 1}), Scenario(), 0.9)
    assert result["throttling"] == []
    assert result["components"]["main"]["status"] == "ok"


def test_a_provider_cutting_the_quota_during_a_burst() -> None:
    # The rag example at its 10 rps peak: 70% miss the semantic cache, 7 rps reach the
    # primary model (a little more: the share of its calls past the 30 s timeout).
    # Cut to 3 rps behind a breaker: 57.5% are refused and go to the fallback tier.
    arch = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    result = chaos(arch, Scenario(throttle={"primary-llm": 3.0}), 10.0)
    primary = _throttle(result, "primary-llm")
    offered = primary["offered_rps"]
    assert 7.0 <= offered < 7.1
    assert primary["binding"] == "scenario"
    assert primary["refused_share"] == pytest.approx(1 - 3 / offered, abs=1e-4)
    # The fallback takes the refused calls: 7 rps of questions x p (the few timeout
    # retries among the attempts are not calls of their own).
    p = primary["refused_share"]
    assert primary["to_fallback_rps"]["fallback-llm"] == pytest.approx(7.0 * p, abs=1e-4)
    assert primary["answered_by_caches"] == {"semantic-cache": pytest.approx(3.0)}
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.0, abs=1e-9)
    # Without the fallback, the refused share reaches the users: the 7 rps of questions
    # that miss the cache each fail with p = 57.5%, 40% of all questions.
    conn = next(c for c in arch.connections if c.id == "llm-gateway->primary-llm")
    conn.fallback = None
    bare = chaos(arch, Scenario(throttle={"primary-llm": 3.0}), 10.0)
    p = _throttle(bare, "primary-llm")["refused_share"]
    assert bare["components"]["users"]["failing_share"] == pytest.approx(0.7 * p, abs=1e-5)
    assert bare["journeys"]["ask a question"]["status"] == "degraded"


def test_throttle_needs_a_token_model() -> None:
    with pytest.raises(ChaosInputError, match="not a model"):
        chaos(_arch({}), Scenario(throttle={"gw": 1.0}), 1.0)
    with pytest.raises(ChaosInputError, match="unknown component"):
        chaos(_arch({}), Scenario(throttle={"nope": 1.0}), 1.0)


def test_cli_prints_the_cascade() -> None:
    path = ROOT / "examples" / "rag_assistant.yaml"
    out = CliRunner().invoke(app, ["chaos", str(path), "--throttle", "primary-llm=3"])
    assert out.exit_code == 0, out.output
    assert "throttled: primary-llm" in out.output
    assert "fallback fallback-llm absorbs" in out.output
    bad = CliRunner().invoke(app, ["chaos", str(path), "--throttle", "primary-llm"])
    assert bad.exit_code == 2
    assert "--throttle expects ID=RPS" in bad.output


def test_both_tiers_cut() -> None:
    # The primary cut to 0 and the fallback to 1 rps at the 10 rps peak: the 7 rps that
    # miss the cache all go to the fallback (its offered load is what the primary sent
    # on), which admits 1: 6 of 10 questions fail; the cache's 3 rps are still answered.
    arch = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    result = chaos(arch, Scenario(throttle={"primary-llm": 0.0, "fallback-llm": 1.0}), 10.0)
    primary, fallback = _throttle(result, "primary-llm"), _throttle(result, "fallback-llm")
    assert primary["refused_share"] == 1.0
    assert primary["to_fallback_rps"] == {"fallback-llm": pytest.approx(7.0)}
    assert fallback["offered_rps"] == pytest.approx(7.0)
    assert fallback["refused_share"] == pytest.approx(6 / 7, abs=1e-6)
    assert fallback["answered_by_caches"] == {"semantic-cache": pytest.approx(3.0)}
    assert result["components"]["users"]["failing_share"] == pytest.approx(0.6, abs=1e-6)
