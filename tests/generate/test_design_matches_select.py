"""`design` records as each decision exactly the ranking `select` prints for its role.

One scorer (archwright.kb.scoring) answers "which technology for this role, here": the
decision's chosen technology is `select`'s first and its alternatives the next ones, in
order, for the same requirements — across scales, clouds, team experience, managed
preference and ordering needs.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from archwright.advise.select import select
from archwright.generate import design
from archwright.kb.catalog import load_catalog
from archwright.kb.specs import load_specs
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Architecture, Requirements

SPECS = load_specs()
_SELECT = re.compile(
    r"`archwright select ([a-z_,]+(?::[a-z-]+)?)(?: --speaks ([a-z_,]+))?(?: --holds ([0-9.]+))?`"
)


def _spec(name: str, **changes: dict[str, Any]) -> Requirements:
    """A reference spec's requirements with some sections changed."""
    spec = SPECS.find(name)
    assert spec is not None
    data = spec.requirements.model_dump(mode="json", exclude_none=True)
    for section, values in changes.items():
        if isinstance(values, dict):
            data.setdefault(section, {}).update(values)
        else:
            data[section] = values
    return Requirements.model_validate(data)


CONTEXTS: dict[str, Requirements] = {
    "tiny-internal-tool": _spec("internal-tool", constraints={"cloud": "aws"}),
    "tiny-no-cloud-postgres-team": _spec("internal-tool"),
    "huge-chat-aws": _spec("chat", constraints={"cloud": "aws"}),
    "huge-logs-gcp": _spec("log-aggregation", constraints={"cloud": "gcp"}),
    "search-azure-managed": _spec(
        "semantic-search", constraints={"cloud": "azure", "managed_preferred": True}
    ),
    "on-prem-kafka-platform-team": _spec(
        "chat",
        constraints={"cloud": "on_prem"},
        team={"size": 40, "experience": ["kafka"], "existing_stack": ["kafka"]},
        scale={"events_per_second": 500_000},
    ),
    "rabbitmq-team-aws-growing": _spec(
        "payment-system",
        constraints={"cloud": "aws"},
        team={"size": 5, "experience": ["rabbitmq"]},
        scale={"events_per_second": 80_000},
    ),
    "self-hosted-gcp": _spec(
        "e-commerce",
        constraints={"cloud": "gcp", "managed_preferred": False},
        team={"size": 25, "experience": ["postgresql", "cassandra"]},
    ),
    "global-order-exactly-once": _spec(
        "stock-trading",
        constraints={"cloud": "aws"},
        needs={"ordering": "global", "delivery": "exactly-once"},
    ),
    "iot-no-lock-in-azure": _spec(
        "iot-telemetry", constraints={"cloud": "azure", "no_lock_in": True}
    ),
    "small-team-avoids-kafka": _spec(
        "recommendation-system",
        constraints={"cloud": "aws", "managed_preferred": True},
        team={"size": 3},
        avoid=["kafka"],  # type: ignore[arg-type]
    ),
    "tight-budget-rag": _spec("rag-assistant", budget={"monthly_usd": 500}),
}


def _select_ranking(
    role: str, req: Requirements, speaks: str | None = None, holds: float | None = None
) -> list[str]:
    answer = select(role, req, load_catalog(), load_tradeoffs(), speaks, holds=holds)
    return [row["technology"] for row in answer["ranking"]]


def _decisions(
    arch: Architecture,
) -> list[tuple[str, str | None, float | None, list[str]]]:
    out = []
    for d in arch.decisions:
        found = _SELECT.search(d.context)
        assert found, f"{d.id} does not say which `select` reproduces it"
        holds = float(found.group(3)) if found.group(3) else None
        ranked = [d.chosen, *(a.name for a in d.alternatives)]
        out.append((found.group(1), found.group(2), holds, ranked))
    return out


@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_each_decision_is_selects_ranking_for_the_same_requirements(name: str) -> None:
    result = design(CONTEXTS[name])
    decisions = _decisions(result.architecture)
    assert len(decisions) >= 3
    for role, speaks, holds, recorded in decisions:
        ranking = _select_ranking(role, result.architecture.requirements, speaks, holds)
        assert recorded == ranking[: len(recorded)], role


def test_contexts_move_the_choices() -> None:
    """The contexts above are not all answered alike (the test would then prove little)."""
    chosen = {
        name: tuple(sorted(d.chosen for d in design(req).architecture.decisions))
        for name, req in CONTEXTS.items()
    }
    assert len(set(chosen.values())) >= len(CONTEXTS) - 1


def test_the_platform_team_keeps_the_kafka_it_runs() -> None:
    arch = design(CONTEXTS["on-prem-kafka-platform-team"]).architecture
    bus = next(c for c in arch.components if c.id == "chat-bus")
    assert bus.technology == "kafka"


def test_ties_break_by_the_stated_rule_whatever_the_catalog_order() -> None:
    """Equal scores: simpler to run, then less to learn, then by name."""
    ranking = select("cache", Requirements(), load_catalog(), load_tradeoffs())["ranking"]
    keys = [
        (
            -row["score"],
            -row["scores"]["operational_complexity"],
            -row["scores"]["team_cognitive_load"],
            row["technology"],
        )
        for row in ranking
    ]
    assert keys == sorted(keys)
    assert len({k[0] for k in keys}) < len(keys)  # the catalog has ties for the rule to break


def test_the_select_command_prints_the_recorded_ranking(tmp_path: Path) -> None:
    req = CONTEXTS["rabbitmq-team-aws-growing"]
    spec = tmp_path / "req.yaml"
    spec.write_text(yaml.safe_dump(req.model_dump(mode="json", exclude_none=True)))
    role, _speaks, holds, recorded = _decisions(design(req).architecture)[0]
    held = ["--holds", str(holds)] if holds is not None else []
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "archwright",
            "select",
            role,
            *held,
            "--spec",
            str(spec),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    printed = [row["technology"] for row in json.loads(proc.stdout)["ranking"]]
    assert printed[: len(recorded)] == recorded
