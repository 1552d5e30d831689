"""`answer(question, arch)`: the one function the CLI and the web chat panel call.

Route the question (rules, or a configured LLM checked against the rules' slots), run
the engine the intent names, and return a typed Answer with the figures, the command
that reproduces them and, for an edit, the diff to accept. Nothing here computes a
figure: every number comes from an engine's result.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from archwright.advise.ask import edits
from archwright.advise.ask.asked import NO_FILE, Asked
from archwright.advise.ask.deltas import deltas, model_diff
from archwright.advise.ask.edit_calls import call_settings
from archwright.advise.ask.edit_remove import remove_component
from archwright.advise.ask.edit_technology import change_technology
from archwright.advise.ask.llm_route import classifier, phrase
from archwright.advise.ask.pushback import against_tradeoff
from archwright.advise.ask.replies_choose import adr_reply, select_reply, tradeoff_reply
from archwright.advise.ask.replies_plan import (
    ReadOther,
    compare_reply,
    estimate_reply,
    migrate_reply,
)
from archwright.advise.ask.replies_run import (
    audit_reply,
    availability_reply,
    chaos_reply,
    cost_reply,
    simulate_reply,
)
from archwright.advise.ask.result import Answer, Delta, Edit, Route, Slots
from archwright.advise.ask.route import route
from archwright.advise.ask.rules import load_rules
from archwright.advise.ask.words import find_phrase, normalize, tokens
from archwright.advise.run import run_tradeoff
from archwright.advise.tradeoff import TradeoffError
from archwright.archfile import dumps_architecture, load_architecture
from archwright.generate.phrasing import NUM
from archwright.kb import load_catalog
from archwright.kb.catalog import Catalog
from archwright.llm import LlmClient
from archwright.model import Architecture, Requirements

SETS_TO = re.compile(r"\bto\s+" + NUM)
"""'scale api to 5', 'bump inventory to 4 replicas': the number is the new total."""
MAX_QUESTION = 2_000
"""Characters of a question read; a question is a sentence or two, not a document."""


class QuestionError(ValueError):
    """A question that cannot be read at all (empty, too long); phrased for the person."""


def answer(
    question: str,
    arch: Architecture,
    *,
    arch_name: str = NO_FILE,
    spec: Requirements | None = None,
    spec_name: str | None = None,
    catalog: Catalog | None = None,
    read_other: ReadOther | None = None,
    json_format: bool = False,
    llm: LlmClient | None = None,
) -> Answer:
    """Answer one question about `arch`.

    `arch_name` is how reproduce commands name the model file; `read_other` reads another
    design named in the question (default: a file); `json_format` is how an edit's new
    text is written. With `llm`, the model may route a question the rules could not and
    phrase the answer, each checked against the rules and the engines (llm_route.py).
    """
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION:
        raise QuestionError(
            f"the question is {len(text):,} characters; the limit is {MAX_QUESTION:,}"
        )
    cat = catalog or load_catalog()
    verdict = route(text, arch, cat)
    if verdict.intent is None and llm is not None:
        verdict = classifier(llm, cat)(text, arch, verdict)
    if verdict.intent is None:
        return _unrouted(text, verdict)
    asked = Asked(text, verdict.intent, verdict.slots, arch, arch_name, spec, spec_name, cat)
    reply = _with_source(_dispatch(asked, read_other or _read_file, json_format), verdict.source)
    return phrase(llm, reply) if llm is not None else reply


def _read_file(path: str) -> Architecture:
    return load_architecture(Path(path))


def _with_source(reply: Answer, source: str) -> Answer:
    return reply if source == reply.source else replace(reply, source=source)


def _unrouted(question: str, verdict: Route) -> Answer:
    rules = load_rules()
    offers = [
        f'  - {rules.intents[n].summary}: e.g. "{rules.intents[n].examples[0]}"'
        for n in verdict.closest
    ]
    text = "I could not tell what you are asking, so I will not guess. Closest:\n" + "\n".join(
        offers
    )
    return Answer(question, None, Slots(), text, closest=verdict.closest, source=verdict.source)


def _dispatch(a: Asked, read_other: ReadOther, json_format: bool) -> Answer:
    simple = {
        "chaos": chaos_reply,
        "simulate": simulate_reply,
        "availability": availability_reply,
        "cost": cost_reply,
        "audit": audit_reply,
        "select": select_reply,
        "tradeoff": tradeoff_reply,
        "adr": adr_reply,
        "estimate": estimate_reply,
    }
    if a.intent in simple:
        return simple[a.intent](a)
    if a.intent == "compare":
        return compare_reply(a, read_other)
    if a.intent == "migrate":
        return migrate_reply(a, read_other)
    return _edit_reply(a, json_format)


def _editor(a: Asked) -> edits.Editor:
    if a.intent == "edit.replicas":
        return lambda asked: edits.replicas(asked, _step(asked.question))
    if a.intent == "edit.read_replica":
        return lambda asked: edits.read_replica(asked, -1 if _step(asked.question) < 0 else 1)
    return {
        "edit.async": edits.make_async,
        "edit.cache": edits.cache_in_front,
        "edit.second_region": edits.add_second_region,
        "edit.circuit_breaker": edits.circuit_breaker,
        "edit.remove": remove_component,
        "edit.technology": change_technology,
        "edit.timeouts": call_settings,
    }[a.intent]


def _step(question: str) -> int:
    """How a count is applied: -1 takes away ("remove a replica"), 1 adds ("add two
    more"), 0 sets ("scale api to 5"; "to N" sets whatever else is said)."""
    text = normalize(question)
    if SETS_TO.search(text):
        return 0
    toks = tokens(text)
    rules = load_rules()
    if any(find_phrase(w, toks, fuzzy=False) for w in rules.decrement_words):
        return -1
    return 1 if any(find_phrase(w, toks, fuzzy=False) for w in rules.increment_words) else 0


def _edit_reply(a: Asked, json_format: bool) -> Answer:
    try:
        edited = _editor(a)(a)
    except edits.EditRefused as exc:
        return a.ask_back(f"Not applied: {exc}.")
    after = edited.arch
    name = Path(a.arch_name).name
    measured = deltas(a.arch, after, a.catalog) + edited.extra
    edit = Edit(
        kind=a.intent.removeprefix("edit."),
        summary=edited.summary,
        diff=model_diff(a.arch, after, name, json_format),
        new_text=dumps_architecture(after, json_format=json_format),
        deltas=measured,
    )
    reply = a.reply(
        f"Proposed edit: {edited.summary}.",
        command=a.command("archwright", "ask", a.question, "--arch", a.arch_name),
        pushback=[*edited.against, *_edit_pushback(a, measured)],
    )
    return replace(reply, edit=edit)


def _edit_pushback(a: Asked, measured: tuple[Delta, ...]) -> list[str]:
    out = []
    for d in measured:
        if (
            d.metric in ("monthly cost", "findings")
            and isinstance(d.before, int | float)
            and isinstance(d.after, int | float)
            and d.after > d.before
        ):
            what = "It costs more" if d.metric == "monthly cost" else "The audit finds more"
            out.append(
                f"{what}: {d.metric} {d.before:,.6g} -> {d.after:,.6g} {d.unit}".rstrip() + "."
            )
    debate = load_rules().intents[a.intent].debate
    if len(debate) >= 2:
        try:
            result = run_tradeoff(debate, a.requirements, None)
        except TradeoffError:
            return out
        chosen = debate[-1]
        if result["recommendation"] != chosen:
            out.append(
                f"The trade-off engine prefers {result['recommendation']} to {chosen} in this "
                f"context (scores {', '.join(f'{n} {v:g}' for n, v in result['totals'].items())}); "
                f"run `archwright tradeoff {' '.join(debate)}` for the matrix."
            )
        out += against_tradeoff(result)
    return out
