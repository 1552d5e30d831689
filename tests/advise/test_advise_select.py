"""`archwright select`: the ranking follows the need, the team and the cloud."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from archwright.advise.select import SelectError, select
from archwright.cli.app import app
from archwright.kb import load_catalog
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements

STREAM = {
    "scale": {"events_per_second": 1000},
    "needs": {"ordering": "per-key", "delivery": "at-least-once"},
    "team": {"size": 5, "experience": ["python", "rabbitmq"]},
    "constraints": {"cloud": "aws", "managed_preferred": True},
}

CASES: list[dict[str, Any]] = [
    {
        "id": "aws-rabbitmq-team",
        "kind": "messaging",
        "spec": STREAM,
        "expect": "aws-mq",
        "reasons": [
            "the team already knows rabbitmq",
            "per-key ordering meets per-key",
            "managed on aws",
        ],
    },
    {
        "id": "same-need-on-gcp",
        "kind": "messaging",
        "spec": {**STREAM, "constraints": {"cloud": "gcp", "managed_preferred": True}},
        "expect": "gcp-pub-sub",
        "reasons": ["managed on gcp"],
    },
    {
        "id": "no-ordering-small-load",
        "kind": "queue",
        "spec": {
            "scale": {"events_per_second": 200},
            "needs": {"delivery": "at-least-once"},
            "team": {"size": 3},
            "constraints": {"cloud": "aws", "managed_preferred": True},
        },
        "expect": "aws-sqs",
        "reasons": ["low operational burden"],
    },
]


def _select(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    return select(kind, Requirements.model_validate(spec), load_catalog(), load_tradeoffs())


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_pick_and_reasons(case: dict[str, Any]) -> None:
    result = _select(case["kind"], case["spec"])
    assert result["recommendation"] == case["expect"], result["ranking"][:3]
    reasons = " ".join(result["ranking"][0]["reasons"])
    for reason in case["reasons"]:
        assert reason in reasons
    assert {"need", "ranking", "recommendation", "at_10x", "assumptions"} <= set(result)
    scores = [r["score"] for r in result["ranking"]]
    assert scores == sorted(scores, reverse=True)


def test_missed_guarantee_ranks_below_met_one() -> None:
    result = _select("queue", STREAM)
    by_name = {r["technology"]: r for r in result["ranking"]}
    assert any("no ordering" in r for r in by_name["aws-sqs"]["reasons"])
    assert by_name["aws-sqs"]["score"] < by_name["aws-sqs-fifo"]["score"]


def test_cost_uses_catalog_prices_at_the_stated_load() -> None:
    result = _select("messaging", STREAM)
    msk = next(r for r in result["ranking"] if r["technology"] == "aws-msk")
    cost = next(r for r in msk["reasons"] if r.startswith("cost"))
    assert "3 x kafka.m5.large broker" in cost  # a replicated cluster, catalog unit


def test_cloud_flip_is_named() -> None:
    result = _select("messaging", STREAM)
    flips = {
        s["to"]: s["recommendation"]
        for s in result["sensitivity"]
        if s["fact"] == "constraints.cloud" and s["flips"]
    }
    assert flips.get("gcp") == "gcp-pub-sub"


def test_same_need_same_answer() -> None:
    assert json.dumps(_select("messaging", STREAM)) == json.dumps(_select("messaging", STREAM))


def test_at_10x_recomputes_at_ten_times_the_load() -> None:
    result = _select("messaging", STREAM)
    assert result["at_10x"]["load_per_second"] == 10000
    assert result["at_10x"]["technology"] == result["at_10x"]["ranking"][0]["technology"]


def test_unknown_kind() -> None:
    with pytest.raises(SelectError, match="unknown kind"):
        _select("blockchain", STREAM)


def test_cli(tmp_path: Path) -> None:
    spec = tmp_path / "need.yaml"
    spec.write_text(yaml.safe_dump(STREAM))
    runner = CliRunner()
    result = runner.invoke(app, ["select", "messaging", "--spec", str(spec), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["recommendation"] == "aws-mq"
    table = runner.invoke(app, ["select", "messaging", "--spec", str(spec)])
    assert "Recommendation now: aws-mq" in table.stdout
    bad = runner.invoke(app, ["select", "nope"])
    assert bad.exit_code == 2 and "unknown kind" in bad.stderr
