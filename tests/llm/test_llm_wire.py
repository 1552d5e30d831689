"""The provider layer against a real loopback server speaking each vendor's protocol."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from llm_wire import (
    ANTHROPIC_SECRET,
    FAST,
    SECRET,
    Harness,
    Reply,
    anthropic_reply,
    ollama_reply,
    openai_reply,
    toml_table,
)

from archwright.archfile import load_architecture, to_data
from archwright.llm import (
    AllTiersFailed,
    BudgetExceeded,
    Clock,
    LlmClient,
    Message,
    Request,
    complete_structured,
    load_settings,
    parse_architecture,
)
from archwright.llm.resilience import BreakerState
from archwright.model import Architecture

ROOT = Path(__file__).resolve().parents[2]


def example() -> dict[str, Any]:
    return to_data(load_architecture(ROOT / "examples" / "three_tier.yaml"))


def arch_request() -> Request:
    return Request(
        (Message("system", "You design systems."), Message("user", "Design a web shop.")),
        schema=Architecture.model_json_schema(),
        schema_name="architecture",
    )


def test_openai_success_sends_json_schema_and_bearer_key(harness: Harness) -> None:
    harness.server.script(openai_reply(json.dumps(example()), 120, 80))
    client = harness.client("openai:gpt-4o-mini")
    result = complete_structured(client, arch_request(), parse_architecture, repairs=2)
    assert result.ok and result.value is not None
    assert result.value.name == "Three-tier web shop"
    seen = harness.server.requests[0]
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["authorization"] == f"Bearer {SECRET}"
    fmt = seen.body["response_format"]
    assert fmt["type"] == "json_schema"
    assert fmt["json_schema"]["name"] == "architecture"
    assert "components" in fmt["json_schema"]["schema"]["properties"]
    assert seen.body["model"] == "gpt-4o-mini"
    summary = client.usage_summary()
    assert summary["tokens"] == 200 and summary["calls"] == 1
    assert summary["cost_usd"] == pytest.approx((120 * 0.15 + 80 * 0.60) / 1e6)


def test_anthropic_success_uses_forced_tool_and_version_header(harness: Harness) -> None:
    harness.server.script(anthropic_reply(example()))
    client = harness.client("anthropic:claude-3-5-haiku-latest")
    result = complete_structured(client, arch_request(), parse_architecture, repairs=0)
    assert result.ok
    seen = harness.server.requests[0]
    assert seen.path == "/v1/messages"
    assert seen.headers["x-api-key"] == ANTHROPIC_SECRET
    assert seen.headers["anthropic-version"] == "2023-06-01"
    assert seen.body["system"] == "You design systems."
    assert [m["role"] for m in seen.body["messages"]] == ["user"]
    assert seen.body["tools"][0]["name"] == "architecture"
    assert seen.body["tools"][0]["input_schema"]["type"] == "object"
    assert seen.body["tool_choice"] == {"type": "tool", "name": "architecture"}


def test_ollama_native_success_passes_schema_as_format(harness: Harness) -> None:
    harness.server.script(ollama_reply(json.dumps(example())))
    client = harness.client("ollama:llama3")
    result = complete_structured(client, arch_request(), parse_architecture, repairs=0)
    assert result.ok
    seen = harness.server.requests[0]
    assert seen.path == "/api/chat"
    assert seen.body["stream"] is False
    assert seen.body["format"]["properties"]["components"]
    assert "authorization" not in {k.lower() for k in seen.headers}
    assert client.usage_summary()["cost_usd"] == 0.0  # local models are free


def test_schema_invalid_answer_is_repaired_with_the_problems_fed_back(harness: Harness) -> None:
    bad_kind = example()
    bad_kind["components"][6]["kind"] = "databse"
    dangling = example()
    dangling["connections"].append({"source": "api", "target": "nowhere"})
    harness.server.script(
        openai_reply("```json\n" + json.dumps(bad_kind) + "\n```"),  # pydantic catches it
        openai_reply(json.dumps(dangling)),  # model.check catches it
        openai_reply(json.dumps(example())),
    )
    client = harness.client("openai:gpt-4o-mini")
    result = complete_structured(client, arch_request(), parse_architecture, repairs=2)
    assert result.ok and result.rounds == 3
    first_feedback = harness.server.requests[1].body["messages"]
    assert [m["role"] for m in first_feedback] == ["system", "user", "assistant", "user"]
    assert "components[6].kind: unknown kind 'databse'" in first_feedback[-1]["content"]
    second_feedback = harness.server.requests[2].body["messages"]
    assert "connections[6].target: no component 'nowhere'" in second_feedback[-1]["content"]


def test_garbage_answers_exhaust_the_repair_loop(harness: Harness) -> None:
    harness.server.default = openai_reply("I think you should use microservices!")
    client = harness.client("openai:gpt-4o-mini")
    result = complete_structured(client, arch_request(), parse_architecture, repairs=2)
    assert not result.ok and result.rounds == 3
    assert result.problems == ["the answer is not JSON: no object found"]
    assert len(harness.server.requests) == 3


def test_429_waits_as_long_as_retry_after_says(harness: Harness) -> None:
    harness.server.script(
        Reply(429, {"error": {"message": "rate limited"}}, {"retry-after": "2"}),
        openai_reply("{}"),
    )
    client = harness.client("openai:gpt-4o-mini")
    response = client.complete(arch_request())
    assert response.text == "{}"
    assert harness.sleeps == [2.0]  # the server's number, not our 1 ms backoff
    assert len(harness.server.requests) == 2


def test_retry_after_is_capped(harness: Harness) -> None:
    harness.server.script(Reply(429, {}, {"retry-after": "86400"}), openai_reply("{}"))
    client = harness.client("openai:gpt-4o-mini", max_retry_after_seconds=5)
    client.complete(arch_request())
    assert harness.sleeps == [5.0]


def test_500s_trip_the_breaker_and_later_calls_fail_fast(harness: Harness) -> None:
    harness.server.default = Reply(500, {"error": {"message": "boom"}})
    client = harness.client("openai:gpt-4o")  # tiers: gpt-4o, then gpt-4o-mini (price list)
    with pytest.raises(AllTiersFailed) as info:
        client.complete(arch_request())
    assert len(harness.server.requests) == 3  # breaker_failures = 3: no more calls
    assert {r.body["model"] for r in harness.server.requests} == {"gpt-4o"}
    assert "circuit open for openai" in str(info.value)
    assert client.breakers["openai"].state is BreakerState.OPEN
    with pytest.raises(AllTiersFailed):
        client.complete(arch_request())
    assert len(harness.server.requests) == 3
    outcomes = [r["outcome"] for r in client.log.records]
    assert outcomes.count("transient_error") == 3 and "circuit_open" in outcomes


def test_client_errors_are_not_retried(harness: Harness) -> None:
    harness.server.default = Reply(400, {"error": {"message": "bad request"}})
    client = harness.client("openai:gpt-4o-mini")
    with pytest.raises(AllTiersFailed, match="HTTP 400"):
        client.complete(arch_request())
    assert len(harness.server.requests) == 1
    assert harness.sleeps == []
    assert client.breakers["openai"].failures == 0


def test_timeouts_are_retried_then_succeed(harness: Harness) -> None:
    harness.server.script(Reply(200, {}, delay=1.0), openai_reply("{}"))
    client = harness.client("openai:gpt-4o-mini", timeout_seconds=0.2)
    assert client.complete(arch_request()).text == "{}"
    errors = [r["error"] for r in client.log.records if r["outcome"] == "transient_error"]
    assert len(errors) == 1 and errors[0].startswith("timed out after")


def test_a_failing_tier_falls_to_the_next_model(harness: Harness) -> None:
    harness.server.script(
        Reply(404, {"error": {"message": "model not found"}}), ollama_reply('{"ok": 1}')
    )
    client = harness.client("openai:gpt-4o-mini", fallback=["ollama:llama3"])
    response = client.complete(arch_request())
    assert (response.provider, response.model) == ("ollama", "llama3")
    assert [r.path for r in harness.server.requests] == ["/v1/chat/completions", "/api/chat"]


def test_token_budget_stops_calls_before_they_are_made(harness: Harness) -> None:
    harness.server.default = openai_reply("not json", 150, 100)
    client = harness.client("openai:gpt-4o-mini", budget_tokens=200)
    result = complete_structured(client, arch_request(), parse_architecture, repairs=3)
    assert not result.ok and result.budget_exhausted
    assert "token budget of 200" in result.error
    assert len(harness.server.requests) == 1
    assert client.complete(arch_request()).cached  # a cached answer is still free
    with pytest.raises(BudgetExceeded):
        client.complete(Request((Message("user", "another question"),)))
    assert len(harness.server.requests) == 1


def test_cost_budget_uses_the_price_list(harness: Harness) -> None:
    harness.server.default = openai_reply("{}", 100_000, 100_000)  # $0.25 + $1.00 on gpt-4o
    client = harness.client("openai:gpt-4o", budget_usd=1.0, budget_tokens=0, cache=False)
    client.complete(arch_request())
    with pytest.raises(BudgetExceeded, match=r"cost budget of \$1.00"):
        client.complete(arch_request())
    assert len(harness.server.requests) == 1


def test_cache_hit_avoids_a_second_request_even_in_a_new_run(harness: Harness) -> None:
    harness.server.script(openai_reply('{"a": 1}'))
    first = harness.client("openai:gpt-4o-mini")
    assert first.complete(arch_request()).cached is False
    again = first.complete(arch_request())
    assert again.cached and again.text == '{"a": 1}'
    first.close()
    second = harness.client("openai:gpt-4o-mini")
    assert second.complete(arch_request()).cached
    assert len(harness.server.requests) == 1
    assert second.usage_summary()["tokens"] == 0  # a hit costs nothing
    changed = Request((Message("user", "something else"),))
    harness.server.script(openai_reply("{}"))
    assert second.complete(changed).cached is False
    assert len(harness.server.requests) == 2


def test_retry_after_as_an_http_date(harness: Harness) -> None:
    from email.utils import formatdate

    harness.server.script(
        Reply(503, {}, {"retry-after": formatdate(time.time() + 3, usegmt=True)}),
        openai_reply("{}"),
    )
    harness.client("openai:gpt-4o-mini").complete(arch_request())
    assert len(harness.sleeps) == 1 and 1.0 < harness.sleeps[0] <= 3.0


def test_breaker_lets_one_trial_through_after_the_cooldown(harness: Harness) -> None:
    harness.server.script(*[Reply(502, {})] * 3, openai_reply("{}"))
    client = harness.client("openai:gpt-4o-mini", breaker_cooldown_seconds=0.2)
    with pytest.raises(AllTiersFailed):
        client.complete(arch_request())
    assert client.breakers["openai"].state is BreakerState.OPEN
    time.sleep(0.25)
    assert client.breakers["openai"].state is BreakerState.HALF_OPEN
    assert client.complete(arch_request()).text == "{}"
    assert client.breakers["openai"].state is BreakerState.CLOSED
    assert len(harness.server.requests) == 4


def test_refused_connection_is_transient_and_falls_to_the_next_tier(harness: Harness) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    harness.server.script(ollama_reply('{"ok": true}'))
    config = harness.tmp / "archwright.toml"
    config.write_text(
        toml_table({**FAST, "fallback": ["ollama:llama3"]})
        + f'[llm.providers.openai]\nbase_url = "http://127.0.0.1:{dead}/v1"\n'
    )
    env = {k: v for k, v in harness.env().items() if k != "OPENAI_BASE_URL"}
    settings = load_settings("openai:gpt-4o-mini", env=env, cwd=harness.tmp, config_file=config)
    assert settings is not None
    client = LlmClient(settings, Clock(sleep=lambda s: None))
    response = client.complete(arch_request())
    assert response.provider == "ollama"
    errors = [r["error"] for r in client.log.records if r["outcome"] == "transient_error"]
    assert len(errors) == 3 and all(e.startswith("cannot reach 127.0.0.1:") for e in errors)
