"""Offline routing: a question to an intent and its slots, by the rules in intents.yaml.

Each intent adds the weights of its cues found in the question (close misspellings
count), plus a bonus for each slot it uses that the question fills. The best intent
wins only when it is clearly best: below `min_score`, or within `margin` of the
runner-up, the question is not routed and the closest intents are offered back,
because a wrong guess answered with confident numbers is worse than a question back.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from archwright.advise.ask.result import Route, Slots
from archwright.advise.ask.rules import IntentRule, Rules, load_rules
from archwright.advise.ask.slots import fill
from archwright.advise.ask.words import Token, find_phrase, normalize, tokens
from archwright.kb.catalog import Catalog
from archwright.model import Architecture

OFFERED = 3


def route(question: str, arch: Architecture, catalog: Catalog) -> Route:
    """The intent and slots of `question` (intent None: offer `closest` instead)."""
    rules = load_rules()
    general = fill(question, arch, catalog, rules)
    scores = scores_of(question, general, rules)
    ranked = sorted(scores, key=lambda name: (-scores[name], name))
    best, runner = ranked[0], ranked[1]
    if scores[best] < rules.min_score or scores[best] - scores[runner] < rules.margin:
        return Route(None, Slots(), scores[best], closest_intents(question, scores, rules))
    rule = rules.intents[best]
    slots = fill(question, arch, catalog, rules, tuple(rule.fills), tuple(rule.ignore))
    return Route(best, slots, scores[best], tuple(n for n in ranked[1:OFFERED] if scores[n] > 0))


def scores_of(question: str, slots: Slots, rules: Rules) -> dict[str, float]:
    toks = tokens(normalize(question))
    return {name: _score(rule, toks, slots) for name, rule in rules.intents.items()}


def _score(rule: IntentRule, toks: list[Token], slots: Slots) -> float:
    total = 0.0
    taken: set[int] = set()
    for cue, weight in sorted(rule.cues.items(), key=lambda cw: (-cw[1], -len(cw[0]), cw[0])):
        spans = find_phrase(cue, toks, True, taken)
        if spans:  # each word counts once: "replicas" is not also "replica"
            total += weight
            taken.update(range(*spans[0]))
    filled = {
        "components": bool(slots.components),
        "connection": len(slots.components) >= 2,
        "technologies": len(slots.technologies) >= 2,
        "factor": slots.factor is not None,
        "rps": slots.rps is not None,
        "count": slots.count is not None,
        "dau": slots.dau is not None,
        "kind": slots.kind is not None,
        "path": slots.path is not None,
        "cloud": slots.cloud is not None,
        "region": slots.region is not None,
        "zone": slots.zone is not None,
        "technology": bool(slots.technologies),
        "timeout_ms": slots.timeout_ms is not None,
        "retries": slots.retries is not None,
        "backoff": slots.backoff is not None,
    }
    return round(total + sum(w for s, w in rule.slot_bonus.items() if filled.get(s)), 3)


def closest_intents(question: str, scores: dict[str, float], rules: Rules) -> tuple[str, ...]:
    """The intents to offer back: by cue score, then by likeness to their examples."""
    text = normalize(question)

    def likeness(name: str) -> float:
        return max(
            SequenceMatcher(None, text, e.lower()).ratio() for e in rules.intents[name].examples
        )

    ranked = sorted(rules.intents, key=lambda n: (-scores[n], -likeness(n), n))
    return tuple(ranked[:OFFERED])
