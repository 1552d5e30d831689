"""Every numeric rule condition at its threshold, one step below and one step above.

A rule tested with one clearly failing and one clearly passing model survives a `>`
turned into `>=` or a limit moved by one; these cases do not. The table is
tests/audit/boundaries.yaml (one entry per condition, the model as a Jinja template of
`x`); a rule module with a numeric limit and no entry fails the completeness test below.
"""

from __future__ import annotations

import importlib
import operator
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from archwright.audit import all_rules, audit
from archwright.model import Architecture

TABLE = Path(__file__).parent / "boundaries.yaml"
OPS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
# Module constants that are not a limit a model crosses: a unit conversion, a per-hop
# latency folded into PRF007's entry, a cap on what is read.
NOT_LIMITS = {"SECONDS_PER_MONTH", "HOP_MS"}
# Rules whose limit is applied to a derived quantity no small model lands on exactly
# (a float product of load, payload and month length; a share from a token
# distribution); they keep the pass/fail cases of tests/audit/cases.
DERIVED = {"CST003", "AI010", "PRF013"}


def _entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    return entries


def _points() -> list[tuple[dict[str, Any], float]]:
    points = []
    for entry in _entries():
        t, step = float(entry["threshold"]), float(entry["step"])
        points += [(entry, round(t + k * step, 9)) for k in (-1, 0, 1)]
    return points


def _model(entry: dict[str, Any], x: float) -> Architecture:
    value: float | int = int(x) if float(x).is_integer() else x
    text = jinja2.Template(entry["arch"]).render(x=value, n=int(x))
    doc = {k: v for k, v in yaml.safe_load(text).items() if v is not None}  # an empty loop
    return Architecture.model_validate({"name": "boundary", **doc})


@pytest.mark.parametrize(
    ("entry", "x"),
    _points(),
    ids=[f"{e['rule']}-{e['x'].split()[0]}={x:g}" for e, x in _points()],
)
def test_rule_fires_exactly_past_its_threshold(entry: dict[str, Any], x: float) -> None:
    code = entry["rule"]
    report = audit(_model(entry, x), only=[code])
    errors = [f.message for f in report.findings if f.error]
    assert not errors, errors
    fired = any(f.rule_id == code for f in report.findings)
    wanted = OPS[entry["op"]](x, float(entry["threshold"]))
    assert fired is wanted, (
        f"{code} ({entry['what']}): {entry['x']} = {x:g} should "
        f"{'fire' if wanted else 'not fire'} ({entry['x']} {entry['op']} {entry['threshold']})"
    )


def test_every_rule_with_a_numeric_limit_has_boundary_cases() -> None:
    covered = {e["rule"] for e in _entries()}
    missing = []
    for registered in all_rules():
        module = importlib.import_module(registered.check.__module__)
        limits = [
            name
            for name, value in vars(module).items()
            if name.isupper()
            and name not in NOT_LIMITS
            and isinstance(value, int | float)
            and not isinstance(value, bool)
        ]
        code = registered.rule.code
        if limits and code not in covered and code not in DERIVED:
            missing.append(f"{code} ({', '.join(limits)})")
    assert not missing, f"numeric limits without boundary cases: {missing}"


def test_the_table_names_known_rules_and_operators() -> None:
    codes = {r.rule.code for r in all_rules()}
    for entry in _entries():
        assert entry["rule"] in codes, entry["rule"]
        assert entry["op"] in OPS, entry["op"]
        assert float(entry["step"]) > 0


def test_supply_chain_rules_read_image_references_of_up_to_500_characters() -> None:
    """The supply-chain rules read at most 500 characters of a reference (the cap in
    `_artifacts.images`): one of exactly 500 is read, one of 501 is not, nor a blank one,
    and a pod's list is read to its 50th image."""
    from archwright.audit.rules.supply_chain._artifacts import images
    from archwright.model import Component

    def ref(n: int) -> str:
        return "registry.example.com/" + "a" * (n - len("registry.example.com/") - 4) + ":1.2"

    assert len(ref(500)) == 500 and len(ref(501)) == 501
    at = Component.model_validate({"id": "x", "kind": "service", "properties": {"image": ref(500)}})
    past = Component.model_validate(
        {"id": "x", "kind": "service", "properties": {"image": ref(501)}}
    )
    blank = Component.model_validate({"id": "x", "kind": "service", "properties": {"image": " "}})
    assert len(images(at)) == 1 and images(past) == [] and images(blank) == []
    listed = [f"img{i}:1.{i}" for i in range(60)]
    many = Component.model_validate(
        {"id": "x", "kind": "service", "properties": {"images": listed}}
    )
    assert len(images(many)) == 50


@pytest.mark.parametrize(
    ("days_before_eol", "said"),
    [(-1, "reached"), (0, "reached"), (1, "reaches"), (365, "reaches"), (366, None)],
)
def test_SUP001_end_of_life_at_the_snapshot_and_a_year_ahead(
    monkeypatch: pytest.MonkeyPatch, days_before_eol: int, said: str | None
) -> None:
    """PostgreSQL 11's end of life is 2023-11-09. With the snapshot taken `days` before
    it, the rule says "reached" on the day itself and after, "reaches" up to 365 days
    ahead, and nothing from 366 days ahead."""
    from datetime import date, timedelta

    from archwright.audit.rules.supply_chain import SUP001_end_of_life_version as sup001
    from archwright.kb.supply_chain import end_of_life

    real = end_of_life()
    eol = date(2023, 11, 9)
    assert any(c.cycle == "11" and c.eol == eol for p in real.products for c in p.cycles)
    moved = real.model_copy(update={"snapshot": eol - timedelta(days=days_before_eol)})
    monkeypatch.setattr(sup001, "end_of_life", lambda: moved)
    arch = Architecture.model_validate(
        {
            "name": "t",
            "components": [
                {"id": "db", "kind": "sql_db", "properties": {"image": "postgres:11.2"}}
            ],
        }
    )
    found = [f for f in audit(arch).findings if f.rule_id == "SUP001"]
    if said is None:
        assert found == []
    else:
        (finding,) = found
        assert f"which {said} end of life on 2023-11-09" in finding.message
