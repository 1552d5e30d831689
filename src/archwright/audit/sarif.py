"""An audit report as SARIF 2.1.0, in the shape GitHub code scanning ingests.

Every result points at the architecture file, at the line where its first target
(component or connection) is defined, so the alert lands on the right line of the YAML.
Suppressed findings stay in the log with an in-source suppression and its reason.
"""

from __future__ import annotations

import hashlib
from typing import Any

from archwright import __version__
from archwright.archfile.one_pass import ItemLines
from archwright.audit.engine import Report
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Architecture, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/archwright/archwright"

LEVEL: dict[Severity, str] = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub ranks security alerts by this CVSS-like score (critical > 9, high 7-8.9, ...).
SECURITY_SEVERITY: dict[Severity, str] = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}


def _rule_descriptor(rule: Rule) -> dict[str, Any]:
    refs = "".join(f"\n- {r}" for r in rule.refs)
    properties: dict[str, Any] = {"tags": [rule.category.value, rule.name], "precision": "high"}
    if rule.category is Category.SECURITY:
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.rationale},
        "help": {
            "text": f"{rule.rationale}\n\nFix: {rule.fix}",
            "markdown": f"{rule.rationale}\n\n**Fix:** {rule.fix}"
            + (f"\n\n**References:**{refs}" if refs else ""),
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": properties,
    }


def target_lines(arch: Architecture, text: str, items: ItemLines | None = None) -> dict[str, int]:
    """Line of each component and connection definition in the file's text (YAML or JSON).

    The lines the loader noted (`items`, from the one parse of the file) when they place
    every item; otherwise one walk of the parser's events (`archfile.places`, the
    project's line lookup). Composing the text into nodes for this took 0.5 s of CPU and
    most of the memory of a SARIF log for a 10,000-component model, and the event walk
    was still a second parse."""
    ids = [c.id for c in arch.components] + [c.id for c in arch.connections]
    found = _noted(arch, items)
    if found is None:
        from archwright.archfile.places import lines_of

        paths: list[list[str | int]] = [["components", i] for i in range(len(arch.components))]
        paths += [["connections", i] for i in range(len(arch.connections))]
        found = lines_of(text, paths)
    lines: dict[str, int] = {}
    for item_id, line in zip(ids, found, strict=True):
        if line is not None:
            lines.setdefault(item_id, line)
    return lines


def _noted(arch: Architecture, items: ItemLines | None) -> list[int | None] | None:
    """The noted line of every component and connection, or None when one is missing."""
    if items is None or not items.usable:
        return None
    out: list[int | None] = []
    for key, count in (
        ("components", len(arch.components)),
        ("connections", len(arch.connections)),
    ):
        noted = items.lines.get(key, {})
        if len(noted) != count or any(i not in noted for i in range(count)):
            return None
        out += [noted[i] for i in range(count)]
    return out


def _result(f: Finding, index: int, uri: str, lines: dict[str, int]) -> dict[str, Any]:
    line = next((lines[t] for t in f.targets if t in lines), 1)
    fingerprint = hashlib.sha256(f"{f.rule_id}|{'|'.join(f.targets)}".encode()).hexdigest()
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": index,
        "level": LEVEL[f.severity],
        "message": {"text": f"{f.message}. Fix: {f.fix}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": line},
                },
                "logicalLocations": [{"name": t, "kind": "member"} for t in f.targets],
            }
        ],
        "partialFingerprints": {"archwrightFinding/v1": fingerprint[:32]},
        "properties": {"severity": f.severity.value, "targets": list(f.targets)},
    }
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.suppressed}]
    return result


def to_sarif(
    report: Report, arch: Architecture, text: str, uri: str, items: ItemLines | None = None
) -> dict[str, Any]:
    """The SARIF log; `uri` is the architecture file as the repository knows it, `items`
    the lines its loader noted (`load_architecture(path, items)`), when it kept them."""
    descriptors = [_rule_descriptor(r) for r in report.rules]
    index = {r.code: i for i, r in enumerate(report.rules)}
    lines = target_lines(arch, text, items)
    results = [_result(f, index[f.rule_id], uri, lines) for f in report.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "archwright",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if report.warnings:  # SARIF §3.20.21: what the tool says about its own run
        notes = [{"level": "warning", "message": {"text": w}} for w in report.warnings]
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notes}]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
