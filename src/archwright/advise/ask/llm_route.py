"""With an LLM configured: the model may classify a question the rules could not route,
and may phrase an answer; it never supplies a number.

Classification is checked like `review` checks its citations: the intent must be one
of the rules' intents (or none), every component an id of the model, every technology a
catalog entry; anything else goes back through the repair loop, and a model that still
fails leaves the rules' verdict (offer the closest intents) in place. Numbers and the
other slots are read from the question by the rules, never taken from the model.

Phrasing is checked against the engine's own text: every number the model writes must
appear in the answer the engines gave, or the engine's text is kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archwright.advise.ask.result import Answer, Route
from archwright.advise.ask.rules import load_rules
from archwright.advise.ask.slots import fill
from archwright.kb.catalog import Catalog
from archwright.llm import (
    DATA_RULES,
    LlmClient,
    Message,
    OutputInvalid,
    Request,
    complete_structured,
    quote,
)
from archwright.model import Architecture, from_validation_error
from archwright.model.defaults import empty_list

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


class Classified(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: str | None = Field(description="One of the listed intents, or null if none fits.")
    components: list[str] = Field(default_factory=empty_list, description="Component ids named.")
    technologies: list[str] = Field(default_factory=empty_list, description="Catalog names named.")


class Phrased(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)


def classifier(client: LlmClient, catalog: Catalog) -> Callable[[str, Architecture, Route], Route]:
    """A `classify` hook for `answer` that asks `client` and checks what it says."""

    def classify(question: str, arch: Architecture, verdict: Route) -> Route:
        result = complete_structured(
            client,
            _request(question, arch),
            _parser(arch, catalog),
            client.settings.repair_attempts,
        )
        chosen = result.value
        if chosen is None or chosen.intent is None:
            return verdict
        rules = load_rules()
        rule = rules.intents[chosen.intent]
        slots = fill(question, arch, catalog, rules, tuple(rule.fills), tuple(rule.ignore))
        slots = replace(
            slots,
            components=tuple(chosen.components) if "components" in rule.fills else (),
            technologies=tuple(chosen.technologies) if "technologies" in rule.fills else (),
        )
        last = result.responses[-1]
        return Route(chosen.intent, slots, verdict.score, (), f"llm:{last.provider}:{last.model}")

    return classify


def _request(question: str, arch: Architecture) -> Request:
    rules = load_rules()
    intents = {name: r.summary for name, r in rules.intents.items()}
    system = (
        "You route a question about a software architecture to one intent of an "
        "analysis tool. Answer with JSON following the schema: the intent (or null "
        "when none fits), the component ids the question names, and the technologies "
        "it names as catalog names. Never invent ids.\n\n" + DATA_RULES
    )
    user = "\n\n".join(
        [
            "Intents: " + json.dumps(intents, sort_keys=True),
            "Component ids: " + json.dumps(sorted(c.id for c in arch.components)),
            quote("question", question),
        ]
    )
    return Request(
        (Message("system", system), Message("user", user)),
        schema=Classified.model_json_schema(),
        schema_name="ask_route",
        max_tokens=512,
    )


def _parser(arch: Architecture, catalog: Catalog) -> Callable[[Any], Classified]:
    ids = {c.id for c in arch.components}
    intents = set(load_rules().intents)

    def parse(data: Any) -> Classified:
        try:
            got = Classified.model_validate(data)
        except ValidationError as err:
            raise OutputInvalid([str(p) for p in from_validation_error(err)]) from None
        problems = []
        if got.intent is not None and got.intent not in intents:
            problems.append(f"intent: {got.intent!r} is not one of the listed intents")
        problems += [
            f"components[{i}]: no component {c!r}"
            for i, c in enumerate(got.components)
            if c not in ids
        ]
        names = []
        for i, t in enumerate(got.technologies):
            entry = catalog.find(t)
            if entry is None:
                problems.append(f"technologies[{i}]: {t!r} is not in the catalog")
            else:
                names.append(entry.name)
        if problems:
            raise OutputInvalid(problems)
        return got.model_copy(update={"technologies": names})

    return parse


def phrase(client: LlmClient, reply: Answer) -> Answer:
    """The answer in the model's words when every number it writes is the engines'."""
    if reply.intent is None or not reply.figures:
        return reply
    allowed = set(_numbers(reply.text)) | {_plain(f"{f.value}") for f in reply.figures}

    def parse(data: Any) -> Phrased:
        try:
            got = Phrased.model_validate(data)
        except ValidationError as err:
            raise OutputInvalid([str(p) for p in from_validation_error(err)]) from None
        invented = sorted(set(_numbers(got.text)) - allowed)
        if invented:
            raise OutputInvalid(
                [f"text: the number(s) {', '.join(invented)} are not in the engine's answer"]
            )
        return got

    system = (
        "Rewrite an architecture tool's answer as a short, plain reply to the question. "
        "Use only numbers that appear in the answer, exactly as written; add none.\n\n" + DATA_RULES
    )
    user = "\n\n".join([quote("question", reply.question), quote("answer", reply.text)])
    request = Request(
        (Message("system", system), Message("user", user)),
        schema=Phrased.model_json_schema(),
        schema_name="ask_phrase",
        max_tokens=1024,
    )
    result = complete_structured(client, request, parse, client.settings.repair_attempts)
    if result.value is None:
        return reply
    last = result.responses[-1]
    return replace(
        reply,
        text=result.value.text,
        notes=(*reply.notes, f"phrased by {last.provider}:{last.model}; engine text checked"),
    )


def _plain(text: str) -> str:
    return text.replace(",", "")


def _numbers(text: str) -> list[str]:
    return [_plain(m.group(0)) for m in _NUMBER.finditer(text)]
