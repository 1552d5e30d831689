"""`ask` with an LLM: the model may route what the rules cannot and may phrase the
answer, but its claims are checked (ids, catalog names, numbers) and figures stay the
engines'."""

from __future__ import annotations

import json
from pathlib import Path

from llm_wire import Harness, openai_reply

from archwright.advise.ask import answer
from archwright.archfile import load_architecture

ROOT = Path(__file__).resolve().parents[2]


def arch():  # type: ignore[no-untyped-def]
    return load_architecture(ROOT / "examples" / "three_tier.yaml")


QUESTION = "the thing that stores orders just vanished, tell me what happens"


def test_an_unrouted_question_is_classified_and_checked(harness: Harness) -> None:
    invented = {"intent": "chaos", "components": ["orders-table"], "technologies": []}
    good = {"intent": "chaos", "components": ["db"], "technologies": []}
    phrased = {"text": "Lose db and both journeys fail at 800 requests/s."}
    harness.server.script(
        openai_reply(json.dumps(invented)),
        openai_reply(json.dumps(good)),
        openai_reply(json.dumps(phrased)),
    )
    client = harness.client("openai:gpt-4o-mini")
    reply = answer(QUESTION, arch(), arch_name="three_tier.yaml", llm=client)
    assert reply.intent == "chaos" and reply.slots.components == ("db",)
    assert reply.source == "llm:openai:gpt-4o-mini"
    feedback = harness.server.requests[1].body["messages"][-1]["content"]
    assert "components[0]: no component 'orders-table'" in feedback
    assert reply.text == phrased["text"]
    assert any(f.name == "load" and f.value == 800.0 for f in reply.figures)


def test_a_phrasing_with_an_invented_number_keeps_the_engine_text(harness: Harness) -> None:
    lie = {"text": "It costs about 1,000 dollars a month."}
    harness.server.default = openai_reply(json.dumps(lie))
    client = harness.client("openai:gpt-4o-mini")
    offline = answer("how much does this cost?", arch())
    reply = answer("how much does this cost?", arch(), llm=client)
    assert reply.text == offline.text
    assert reply.figures == offline.figures
    bodies = [r.body["messages"][-1]["content"] for r in harness.server.requests[1:]]
    assert any("1000 are not in the engine's answer" in b for b in bodies)


def test_a_model_that_cannot_route_leaves_the_offer(harness: Harness) -> None:
    harness.server.default = openai_reply(json.dumps({"intent": None}))
    client = harness.client("openai:gpt-4o-mini")
    reply = answer("tell me a joke", arch(), llm=client)
    assert reply.intent is None and len(reply.closest) == 3
