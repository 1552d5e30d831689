"""The engine's contract: registry integrity, crash handling, selection, grading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from archwright.audit import Category, Finding, all_rules, audit
from archwright.audit.engine import _run_one
from archwright.audit.grading import grade
from archwright.audit.registry import RegisteredRule
from archwright.audit.rule import CODE_PREFIX, Rule
from archwright.model import Architecture, Severity

RULES_DIR = Path(__file__).resolve().parents[2] / "src" / "archwright" / "audit" / "rules"


def test_registry_has_at_least_100_rules_with_unique_codes_and_names() -> None:
    rules = [r.rule for r in all_rules()]
    assert len(rules) >= 100
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_every_category_is_covered() -> None:
    assert {r.rule.category for r in all_rules()} == set(Category)


@pytest.mark.parametrize("reg", all_rules(), ids=lambda r: r.rule.code)
def test_rule_metadata_is_complete_and_matches_its_file(reg: RegisteredRule) -> None:
    rule = reg.rule
    assert re.fullmatch(CODE_PREFIX[rule.category] + r"\d{3}", rule.code)
    category, _, short = rule.name.partition(".")
    folder = rule.category.value.replace("-", "_")  # `supply-chain` lives in supply_chain/
    assert category == folder and re.fullmatch(r"[a-z0-9_]+", short)
    assert reg.module.endswith(f".{folder}.{rule.code}_{short}")
    assert rule.summary and rule.rationale and rule.fix and rule.refs


def _arch() -> Architecture:
    return Architecture.model_validate(
        {"name": "x", "components": [{"id": "a", "kind": "service"}]}
    )


def test_a_rule_that_raises_becomes_a_loud_error_finding() -> None:
    rule = Rule("OPS999", "operability.broken", Category.OPERABILITY, Severity.LOW, "s", "r", "f")

    def check(ctx: object) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    from archwright.audit import Context
    from archwright.kb.catalog import load_catalog

    (finding,) = _run_one(RegisteredRule(rule, check, "x"), Context(_arch(), load_catalog()))
    assert finding.error and finding.severity is Severity.HIGH
    assert "crashed" in finding.message and "boom" in finding.message


def test_grades_follow_the_documented_penalties() -> None:
    rule = Rule("REL998", "reliability.x", Category.RELIABILITY, Severity.HIGH, "s", "r", "f")
    one_high = [rule.finding("a", "m")]
    grades, overall = grade(one_high)
    assert grades[Category.RELIABILITY].score == 80 and grades[Category.RELIABILITY].grade == "B"
    assert grades[Category.SECURITY].grade == "A"
    # Repeats of one rule count at most three times.
    grades, _ = grade([rule.finding(str(i), "m") for i in range(10)])
    assert grades[Category.RELIABILITY].score == 40
    crit = Rule("SEC998", "security.x", Category.SECURITY, Severity.CRITICAL, "s", "r", "f")
    grades, overall = grade([crit.finding("a", "m")])
    assert grades[Category.SECURITY].grade == "D" and overall.grade == "D"
    # Suppressed findings do not count.
    grades, _ = grade([crit.finding("a", "m").suppress("accepted")])
    assert grades[Category.SECURITY].grade == "A"


def test_audit_is_deterministic(example_path: Path) -> None:
    from archwright.archfile import load_architecture

    arch = load_architecture(example_path)
    assert audit(arch) == audit(arch)


def test_the_rule_modules_listed_are_the_ones_pkgutil_walks() -> None:
    """`rule_module_names` lists the folders itself (speed); pkgutil is the reference."""
    import pkgutil

    import archwright.audit.rules as package
    from archwright.audit.registry import rule_module_names

    walked = [
        info.name
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
        if not info.ispkg and not info.name.rsplit(".", 1)[-1].startswith("_")
    ]
    assert rule_module_names() == sorted(walked) and len(walked) == len(all_rules())


def test_rule_files_sit_in_their_category_folder() -> None:
    files = sorted(p for p in RULES_DIR.glob("*/*.py") if not p.name.startswith("_"))
    assert len(files) == len(all_rules())


def test_public_api_is_pinned() -> None:
    import archwright.audit
    import archwright.cost

    assert archwright.audit.__all__ == [
        "Category",
        "Context",
        "Finding",
        "Grade",
        "RegisteredRule",
        "RegistryError",
        "Report",
        "Rule",
        "UnknownSelector",
        "all_rules",
        "audit",
        "select",
    ]
    assert archwright.cost.__all__ == [
        "CLOUDS",
        "HOURS_PER_MONTH",
        "Alternative",
        "ComponentCost",
        "DesignLoad",
        "Estimate",
        "PricingCloud",
        "arrival_rates",
        "call_order",
        "design_load",
        "entry_points",
        "entry_shares",
        "estimate",
        "monthly_cost",
        "nodes",
        "priced_technology",
        "pricing_cloud",
    ]


def test_sarif_schema_is_the_official_one() -> None:
    import hashlib

    data = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    assert digest == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def test_a_suppression_never_silences_a_rule_that_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash is the engine's failure, not a finding the owner accepted: a suppression
    naming the rule keeps hiding its findings, never its error."""
    import archwright.audit.engine as engine

    rule = Rule("OPS999", "operability.broken", Category.OPERABILITY, Severity.LOW, "s", "r", "f")

    def check(ctx: object) -> Iterator[Finding]:
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    monkeypatch.setattr(engine, "all_rules", lambda: [RegisteredRule(rule, check, "x")])
    arch = Architecture.model_validate(
        {
            "name": "x",
            "components": [{"id": "a", "kind": "service"}],
            "suppressions": [{"rule": "OPS999", "reason": "accepted"}],
        }
    )
    (finding,) = audit(arch).active
    assert finding.error and finding.rule_id == "OPS999"


def test_select_reads_codes_names_and_categories_and_ignores_blank_tokens() -> None:
    """`--only`/`--skip` are comma lists, so `REL002,` leaves a blank token: it selects
    nothing and refuses nothing. Tokens match a code, a dotted name or a category, in any
    case; `skip` wins over `only`; a token that matches no rule is refused."""
    from archwright.audit.engine import UnknownSelector, select

    rules = all_rules()
    codes = [r.rule.code for r in rules]
    reliability = {r.rule.code for r in rules if r.rule.category.value == "reliability"}
    shared = next(r.rule for r in rules if r.rule.code == "OPS001")
    assert [r.rule.code for r in select(rules, ["", " REL002 ", "  "])] == ["REL002"]
    assert [r.rule.code for r in select(rules, [" ", ""])] == codes
    assert [r.rule.code for r in select(rules, (), ["", " "])] == codes
    assert [r.rule.code for r in select(rules, [shared.name.upper(), "rel002"])] == sorted(
        {"OPS001", "REL002"}, key=codes.index
    )
    assert {r.rule.code for r in select(rules, ["Reliability"], ["REL002"])} == reliability - {
        "REL002"
    }
    assert "REL002" not in {r.rule.code for r in select(rules, (), ["rel002"])}
    with pytest.raises(UnknownSelector, match="'nope'"):
        select(rules, ["REL002", " nope "])
