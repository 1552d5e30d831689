"""Every intent end to end: the answer's figures are the engine's, and the command it
prints reproduces them (run here, with --format json, through the real CLI).

Run on the examples and on a design the generator just made, so the rules are not only
right for the files they were written against.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archwright.advise.ask import Answer, answer
from archwright.archfile import load_architecture, save_architecture
from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[3]
THREE = ROOT / "examples" / "three_tier.yaml"
EVENTS = ROOT / "examples" / "event_driven_orders.yaml"

Check = Callable[[Answer, Any], None]


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reproduce commands run in a scratch folder: `tradeoff --adr docs/adr` writes there,
    never into the checkout."""
    monkeypatch.chdir(tmp_path)


def figure(reply: Answer, name: str) -> Any:
    return next(f.value for f in reply.figures if f.name == name)


def reproduce(reply: Answer) -> Any:
    """Run the answer's command through the CLI and return its JSON output."""
    args = shlex.split(reply.command)
    assert args[0] == "archwright"
    result = CliRunner().invoke(app, [*args[1:], "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def check_chaos(reply: Answer, out: Any) -> None:
    for name, journey in out["journeys"].items():
        assert figure(reply, f"journey {name}") == journey["status"]
    assert figure(reply, "load") == out["rps"]


def check_simulate(reply: Answer, out: Any) -> None:
    assert figure(reply, "max_rps") == out["max_rps"]
    assert figure(reply, "load") == out["rps"]
    assert figure(reply, "bottleneck") == str(out["bottleneck"])


def check_availability(reply: Answer, out: Any) -> None:
    assert figure(reply, "availability") == out["overall"]["percent"]
    for name, journey in out["journeys"].items():
        assert figure(reply, f"availability {name}") == journey["percent"]


def check_cost(reply: Answer, out: Any) -> None:
    assert figure(reply, "monthly_total") == out["monthly_total"]


def check_audit(reply: Answer, out: Any) -> None:
    assert figure(reply, "findings") == len([f for f in out["findings"] if not f["suppressed"]])
    assert figure(reply, "overall_grade") == out["overall"]["grade"]


def check_scores(reply: Answer, out: Any) -> None:
    if "totals" not in out:  # select (tradeoff's answer has totals)
        for row in out["ranking"][:5]:
            assert figure(reply, f"score {row['technology']}") == row["score"]
        assert out["recommendation"] in reply.text
    else:  # tradeoff
        for name, total in out["totals"].items():
            assert figure(reply, f"score {name}") == total
    assert reply.pushback, "a recommendation comes with the case against it"


def check_compare(reply: Answer, out: Any) -> None:
    assert figure(reply, "monthly_total before") == out["cost"]["from"]
    assert figure(reply, "monthly_total after") == out["cost"]["to"]
    assert figure(reply, "max_rps after") == out["capacity"]["max_rps"]["to"]


def check_migrate(reply: Answer, out: Any) -> None:
    assert figure(reply, "phases") == len(out["phases"])
    assert ", ".join(out["extraction_order"]) in reply.text


def check_estimate(reply: Answer, out: Any) -> None:
    for key, value in out["summary"].items():
        assert figure(reply, key) == value


def check_adr(reply: Answer, out: Any) -> None:
    if "records" in out:
        assert [r["file"] for r in out["records"]] == [f for f, _ in reply.records]
        assert [r["markdown"] for r in out["records"]] == [m for _, m in reply.records]
    else:  # drafted from a trade-off: the same scores the tradeoff command prints
        for name, total in out["totals"].items():
            assert figure(reply, f"score {name}") == total
        assert reply.records and reply.records[0][0].startswith("0001-choose-")


CASES: list[tuple[Path, str, str, Check]] = [
    (THREE, "what happens if the database goes down?", "chaos", check_chaos),
    (EVENTS, "what if kafka goes down", "chaos", check_chaos),
    (THREE, "can this take 10x?", "simulate", check_simulate),
    (EVENTS, "will it survive 20k requests per second", "simulate", check_simulate),
    (THREE, "do we meet the SLO", "availability", check_availability),
    (THREE, "how much would this cost on azure", "cost", check_cost),
    (EVENTS, "what does it cost per month", "cost", check_cost),
    (THREE, "what are the risks?", "audit", check_audit),
    (EVENTS, "which queue should we use?", "select", check_scores),
    (EVENTS, "should we use Kafka or RabbitMQ?", "tradeoff", check_scores),
    (THREE, f"compare with {EVENTS}", "compare", check_compare),
    (THREE, f"how do we migrate to {EVENTS}", "migrate", check_migrate),
    (THREE, "back-of-envelope for 10 million DAU", "estimate", check_estimate),
    (THREE, "write an ADR", "adr", check_adr),
    (EVENTS, "write an ADR for kafka vs rabbitmq", "adr", check_adr),
]


@pytest.mark.parametrize(("path", "question", "intent", "check"), CASES, ids=[c[1] for c in CASES])
def test_intent_on_examples(path: Path, question: str, intent: str, check: Check) -> None:
    reply = answer(question, load_architecture(path), arch_name=str(path))
    assert reply.intent == intent
    assert reply.figures or reply.records
    check(reply, reproduce(reply))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from archwright.generate import design

    result = design(
        "A food delivery marketplace: 2M daily active users, orders and payments, "
        "real-time courier tracking, 99.95% availability, a team of 8 on AWS."
    )
    path = tmp_path_factory.mktemp("generated") / "design.yaml"
    save_architecture(result.architecture, path)
    return path


def _datastore(path: Path) -> str:
    arch = load_architecture(path)
    return next(c.id for c in arch.components if c.kind.value == "sql_db")


GENERATED: list[tuple[str, str, Check]] = [
    ("what if {db} goes down?", "chaos", check_chaos),
    ("can this take 10x?", "simulate", check_simulate),
    ("what's our availability?", "availability", check_availability),
    ("how much does this cost?", "cost", check_cost),
    ("what are the risks?", "audit", check_audit),
    ("which message broker fits us best?", "select", check_scores),
    ("kafka vs rabbitmq", "tradeoff", check_scores),
    ("compare with {examples}", "compare", check_compare),
    ("how many servers for 3M DAU?", "estimate", check_estimate),
    ("write an ADR", "adr", check_adr),
]


@pytest.mark.parametrize(("template", "intent", "check"), GENERATED, ids=[g[1] for g in GENERATED])
def test_intent_on_a_generated_design(
    generated: Path, template: str, intent: str, check: Check
) -> None:
    question = template.format(db=_datastore(generated), examples=THREE)
    reply = answer(question, load_architecture(generated), arch_name=str(generated))
    assert reply.intent == intent, reply.text
    check(reply, reproduce(reply))


def test_a_missing_slot_is_asked_back_not_guessed() -> None:
    reply = answer("what if the database goes down?", load_architecture(EVENTS))
    assert reply.intent == "chaos"
    assert not reply.figures
    assert "orders-db" in reply.text and "inventory-db" in reply.text


def test_an_unrouted_question_offers_intents_and_computes_nothing() -> None:
    reply = answer("tell me a joke", load_architecture(THREE))
    assert reply.intent is None
    assert len(reply.closest) == 3
    assert not reply.figures and not reply.command


def test_a_capacity_recommendation_is_argued_with_the_engines() -> None:
    from archwright.cost import monthly_cost
    from archwright.kb import load_catalog
    from archwright.simulate.load import simulate

    arch = load_architecture(THREE)
    reply = answer("can this take 10x?", arch)
    rec = next(
        r
        for r in simulate(arch, None, 10.0)["recommendations"]
        if r["action"] == "add_replicas" and r["replicas_needed"]
    )
    scaled = arch.model_copy(deep=True)
    scaled.components_by_id()[rec["target"]].replicas = rec["replicas_needed"]
    after = monthly_cost(scaled, load_catalog(), None).monthly_total
    ceiling = simulate(scaled, None, 10.0)["max_rps"]
    assert len(reply.pushback) == 1
    assert f"-> {after:,.2f}" in reply.pushback[0]
    assert f"ceiling at {ceiling:g} requests/s" in reply.pushback[0]


def test_a_suggested_breaker_is_re_run_through_chaos() -> None:
    reply = answer("what happens if the database goes down?", load_architecture(THREE))
    assert reply.pushback == (
        "A breaker on api->db does not save it: re-run with one, the chaos engine still "
        "fails browse catalogue, checkout.",
    )
