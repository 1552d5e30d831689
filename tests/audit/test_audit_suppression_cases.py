"""Rule exemptions (suppressions), branch by branch: by code or name, any case, by target,
at the model level or on a component, and for a connection through either end.

Mutation testing (issue 17) showed a flipped target test in `_suppression_for` passing
the suite; each case below fails if one branch is changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archwright.archfile import load_architecture
from archwright.audit import audit
from archwright.audit.engine import Finding
from archwright.model import Architecture

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml"


def _base() -> Architecture:
    return load_architecture(EXAMPLE)


def _component_finding(arch: Architecture) -> Finding:
    ids = {c.id for c in arch.components}
    return next(f for f in audit(arch).active if f.targets and f.targets[0] in ids)


def _connection_finding(arch: Architecture) -> Finding | None:
    ids = {c.id for c in arch.connections}
    return next((f for f in audit(arch).active if f.targets and f.targets[0] in ids), None)


def _with(arch: Architecture, **update: Any) -> Architecture:
    return Architecture.model_validate({**arch.model_dump(mode="json"), **update})


def _suppressed(arch: Architecture, rule_id: str, target: str) -> bool:
    found = [f for f in audit(arch).findings if f.rule_id == rule_id and target in f.targets]
    assert found, f"{rule_id} on {target} no longer found"
    return all(f.suppressed is not None for f in found)


@pytest.mark.parametrize(
    ("rule", "targets", "expected"),
    [
        ("code", [], True),
        ("code-lower", [], True),
        ("name", [], True),
        ("name-upper", [], True),
        ("code", ["TARGET"], True),
        ("code", ["someone-else"], False),
        ("OTHER999", [], False),
    ],
)
def test_model_level_suppression(rule: str, targets: list[str], expected: bool) -> None:
    arch = _base()
    f = _component_finding(arch)
    names = {
        "code": f.rule_id,
        "code-lower": f.rule_id.lower(),
        "name": f.name,
        "name-upper": f.name.upper(),
    }
    target = f.targets[0]
    sup = {
        "rule": names.get(rule, rule),
        "targets": [target if t == "TARGET" else t for t in targets],
        "reason": "accepted for the test",
    }
    changed = _with(arch, suppressions=[sup])
    assert _suppressed(changed, f.rule_id, target) is expected
    report = audit(changed)
    if expected:
        assert all(
            x.suppressed == "accepted for the test"
            for x in report.findings
            if x.rule_id == f.rule_id and target in x.targets
        )


@pytest.mark.parametrize(
    ("on_target", "same_rule", "expected"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
def test_component_level_suppression(on_target: bool, same_rule: bool, expected: bool) -> None:
    arch = _base()
    f = _component_finding(arch)
    target = f.targets[0]
    holder = target if on_target else next(c.id for c in arch.components if c.id not in f.targets)
    rule = f.rule_id if same_rule else "OTHER999"
    data = arch.model_dump(mode="json")
    for comp in data["components"]:
        if comp["id"] == holder:
            comp["suppress"] = [{"rule": rule, "reason": "ours"}]
    assert _suppressed(Architecture.model_validate(data), f.rule_id, target) is expected


def test_a_connection_finding_is_suppressed_from_either_end() -> None:
    arch = _base()
    f = _connection_finding(arch)
    if f is None:
        pytest.fail("the example no longer has a connection-level finding to test with")
    conn = next(c for c in arch.connections if c.id == f.targets[0])
    for end in (conn.source, conn.target):
        data = arch.model_dump(mode="json")
        for comp in data["components"]:
            if comp["id"] == end:
                comp["suppress"] = [{"rule": f.rule_id, "reason": "end"}]
        assert _suppressed(Architecture.model_validate(data), f.rule_id, conn.id)


def test_suppressed_findings_do_not_count() -> None:
    arch = _base()
    f = _component_finding(arch)
    changed = _with(arch, suppressions=[{"rule": f.rule_id, "reason": "accepted"}])
    before = [x for x in audit(arch).active if x.rule_id == f.rule_id]
    after = [x for x in audit(changed).active if x.rule_id == f.rule_id]
    assert before and after == []
