"""Every rule against its case file: `fail` cases must trigger it, `pass` cases must not.

One parametrized test over tests/audit/cases/<CODE>.yaml (checkov-style pass/fail
fixtures). A case is a small architecture written inline; `name` and component names are
filled in so cases stay short. `targets`, when given on a fail case, must be among the
targets of the rule's findings; `says`, when given, lists texts a finding's message must
contain (the figures it reports); `message`, the whole message one finding must carry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from archwright.audit import all_rules, audit
from archwright.kb.catalog import Catalog, load_catalog
from archwright.model import Architecture

CASES = Path(__file__).parent / "cases"


def _cases() -> list[tuple[str, int, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            out.append((path.stem, i, case))
    return out


def build(arch: dict[str, Any]) -> Architecture:
    data = {"name": "case", **arch}
    return Architecture.model_validate(data)


def _catalog(case: dict[str, Any]) -> Catalog:
    """The shipped catalog, or a case-local one when the case brings its own technologies."""
    if "catalog" not in case:
        return load_catalog()
    from archwright.kb.catalog import Technology

    techs = [Technology.model_validate(t) for t in case["catalog"]]
    return Catalog(techs, {t.name: "2025-06" for t in techs})


@pytest.mark.parametrize(
    ("code", "index", "case"),
    _cases(),
    ids=[f"{code}-{i}-{case['expect']}" for code, i, case in _cases()],
)
def test_rule_case(code: str, index: int, case: dict[str, Any]) -> None:
    arch = build(case["arch"])
    report = audit(arch, catalog=_catalog(case), only=[code])
    errors = [f for f in report.findings if f.error]
    assert not errors, errors[0].message
    mine = [f for f in report.findings if f.rule_id == code]
    label = case.get("name", f"case {index}")
    if case["expect"] == "fail":
        assert mine, f"{code} {label}: expected a finding, got none"
        for f in mine:
            assert f.fix and f.rationale and f.message and f.targets
        for text in case.get("says", []):  # figures the message must give
            assert any(text in f.message for f in mine), f"{code} {label}: no {text!r}"
        if "message" in case:  # the whole message, where what it leaves out matters too
            got_messages = [f.message for f in mine]
            assert case["message"] in got_messages, f"{code} {label}: {got_messages}"
        if "severity" in case:  # the severity the finding carries (a rule may raise it)
            got_severity = {f.severity.value for f in mine}
            assert got_severity == {case["severity"]}, f"{code} {label}: {got_severity}"
        wanted = set(case.get("targets", []))
        got = {t for f in mine for t in f.targets}
        assert wanted <= got, f"{code} {label}: targets {sorted(got)} miss {sorted(wanted - got)}"
    else:
        assert case["expect"] == "pass"
        assert not mine, f"{code} {label}: unexpected {[f.message for f in mine]}"


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    expects: dict[str, set[str]] = {}
    for code, _, case in _cases():
        expects.setdefault(code, set()).add(case["expect"])
    codes = {r.rule.code for r in all_rules()}
    missing = sorted(c for c in codes if expects.get(c, set()) != {"fail", "pass"})
    assert not missing, f"rules without both a fail and a pass case: {missing}"
    orphans = sorted(set(expects) - codes)
    assert not orphans, f"case files for unknown rules: {orphans}"
