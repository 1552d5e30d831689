"""A streaming UI's journey ends at the model's first token (`latency_to: first_token`).

The rag example's primary model: 1,000 ms to the first token at the mean prompt, then
400 answer tokens at 13.3 ms = 5,320 ms of streaming; 6,320 ms for the whole answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.archfile import dumps_architecture, load_architecture, parse_architecture
from archwright.kb.capacity import journey_step_ms, resolve
from archwright.model import Architecture, LatencyTo
from archwright.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]
STREAM_MS = 400 * 13.3  # 5,320 ms of answer after the first token


def _rag(latency_to: LatencyTo) -> Architecture:
    arch = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    arch.journeys[0].latency_to = latency_to
    return arch


def test_step_time_is_the_first_token_only_for_a_streamed_model() -> None:
    prof = resolve(_rag(LatencyTo.RESPONSE))
    primary = prof["primary-llm"]
    assert journey_step_ms(primary, LatencyTo.RESPONSE) == pytest.approx(1000 + STREAM_MS)
    assert journey_step_ms(primary, LatencyTo.FIRST_TOKEN) == pytest.approx(1000)
    # An embedder does not stream; a service has no tokens: both keep their times.
    for cid in ("embedder", "assistant"):
        same = prof[cid].service_time_ms
        assert journey_step_ms(prof[cid], LatencyTo.FIRST_TOKEN) == same


def test_streamed_journey_ends_at_the_first_token() -> None:
    full = simulate(_rag(LatencyTo.RESPONSE))
    streamed = simulate(_rag(LatencyTo.FIRST_TOKEN))
    whole = full["journeys"]["ask a question"]
    first = streamed["journeys"]["ask a question"]
    assert first["latency_to"] == "first_token"
    assert whole["latency_to"] == "response"
    # Same waits, same other steps: the mean falls by exactly the streaming time.
    assert whole["latency_ms"]["mean"] - first["latency_ms"]["mean"] == pytest.approx(
        STREAM_MS, abs=0.1
    )
    assert first["latency_ms"]["p99"] < whole["latency_ms"]["p99"]
    # The callers hold their slots for the whole stream: capacity does not change.
    for cid in ("assistant", "semantic-cache", "llm-gateway"):
        assert streamed["components"][cid]["utilization"] == full["components"][cid]["utilization"]
        assert streamed["components"][cid]["holding_ms"] == full["components"][cid]["holding_ms"]


def test_target_judged_on_the_first_token() -> None:
    # A 5 s P99 target: the whole answer (P99 ~29 s) misses it, the first token meets it.
    def missed(latency_to: LatencyTo) -> bool:
        arch = _rag(latency_to)
        arch.journeys[0].p99_target_ms = 5000
        recs = simulate(arch)["recommendations"]
        return any(r["action"] == "cut_latency" for r in recs)

    assert missed(LatencyTo.RESPONSE)
    assert not missed(LatencyTo.FIRST_TOKEN)


def test_latency_to_round_trips() -> None:
    arch = _rag(LatencyTo.FIRST_TOKEN)
    again = parse_architecture(dumps_architecture(arch), "round-trip", json_format=False)
    assert again.journeys[0].latency_to is LatencyTo.FIRST_TOKEN
    plain = load_architecture(ROOT / "examples" / "rag_assistant.yaml")
    assert "latency_to" not in dumps_architecture(plain)


def test_the_slo_says_it_for_every_journey_a_journey_may_differ() -> None:
    # slo.latency_to: first_token applies to journeys that state nothing ...
    arch = _rag(LatencyTo.RESPONSE)
    arch.journeys[0].latency_to = None
    arch.requirements.slo.latency_to = LatencyTo.FIRST_TOKEN
    by_slo = simulate(arch)["journeys"]["ask a question"]
    by_journey = simulate(_rag(LatencyTo.FIRST_TOKEN))["journeys"]["ask a question"]
    assert by_slo == by_journey
    # ... and a journey's own statement wins; with neither, the whole response.
    arch.journeys[0].latency_to = LatencyTo.RESPONSE
    assert simulate(arch)["journeys"]["ask a question"]["latency_to"] == "response"
    arch.journeys[0].latency_to = None
    arch.requirements.slo.latency_to = None
    assert simulate(arch)["journeys"]["ask a question"]["latency_to"] == "response"
