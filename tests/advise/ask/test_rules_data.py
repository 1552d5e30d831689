"""intents.yaml is data the code trusts: every name in it must mean something."""

from __future__ import annotations

from dataclasses import fields

from archwright.advise.ask.result import Slots
from archwright.advise.ask.rules import load_rules
from archwright.kb.scoring import role_of
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Backoff, Kind

# Every slot a question can fill: the fields of the router's Slots (one definition).
SLOTS = {f.name for f in fields(Slots)} - {"ambiguous"}
NEEDS = {"target", "connection", "kind", "technologies", "path"}
BONUS = SLOTS | {"connection", "technology"}


def test_every_intent_names_known_slots_and_has_examples() -> None:
    rules = load_rules()
    for name, rule in rules.intents.items():
        assert set(rule.fills) <= SLOTS, name
        assert set(rule.needs) <= NEEDS, name
        assert set(rule.slot_bonus) <= BONUS, name
        assert rule.examples and all(w > 0 for w in rule.cues.values()), name
        assert all(c == c.lower().strip() for c in rule.cues), name


def test_kind_words_and_select_kinds_are_model_kinds() -> None:
    rules = load_rules()
    kinds = {k.value for k in Kind}
    for word, named in rules.kind_words.items():
        assert set(named) <= kinds, word
    for word, kind in rules.select_kinds.items():
        assert role_of(kind).kinds, word  # raises for a kind the scorer does not know


def test_edit_debates_are_trade_off_options() -> None:
    kb = load_tradeoffs()
    for name, rule in load_rules().intents.items():
        for option in rule.debate:
            assert kb.find_option(option) is not None, (name, option)


def test_routing_thresholds_are_sane() -> None:
    rules = load_rules()
    assert rules.min_score > 0 and 0 <= rules.margin < rules.min_score
    assert set(rules.clouds) == {"aws", "gcp", "azure"}


def test_backoff_words_are_model_backoffs() -> None:
    values = {b.value for b in Backoff}
    for word, value in load_rules().backoff_words.items():
        assert value in values, word
