"""An audit report as JSON (SPEC §4), Markdown, and the rules reference (docs/rules.md).

Format code lives here, not on the report: the engine answers, renderers only present.
"""

from __future__ import annotations

from typing import Any

from archwright.audit.engine import Report
from archwright.audit.registry import RegisteredRule
from archwright.audit.rule import Category, Finding


def finding_json(f: Finding) -> dict[str, Any]:
    """SPEC §4 keys first (rule_id, category, severity, title, targets, rationale, fix)."""
    return {
        "rule_id": f.rule_id,
        "category": f.category.value,
        "severity": f.severity.value,
        "title": f.title,
        "targets": list(f.targets),
        "rationale": f.rationale,
        "fix": f.fix,
        "name": f.name,
        "message": f.message,
        "references": list(f.references),
        "suppressed": f.suppressed is not None,
        "suppression_reason": f.suppressed,
        "error": f.error,
    }


def to_json(report: Report) -> dict[str, Any]:
    return {
        "findings": [finding_json(f) for f in report.findings],
        "grades": {cat.value: g.grade for cat, g in report.grades.items()},
        "scores": {cat.value: g.score for cat, g in report.grades.items()},
        "overall": {"grade": report.overall.grade, "score": report.overall.score},
        "rules_run": report.rules_run,
        "load": report.load,
        "warnings": list(report.warnings),
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(report: Report, title: str) -> str:
    lines = [f"# Audit: {title}", ""]
    lines.append(f"Overall grade **{report.overall.grade}** ({report.overall.score}/100).")
    if report.load:
        lines.append(f"Load: {report.load}.")
    lines += [f"Warning: {w}." for w in report.warnings]
    lines += ["", "| category | grade | score |", "| --- | --- | --- |"]
    for cat, g in report.grades.items():
        lines.append(f"| {cat.value} | {g.grade} | {g.score} |")
    active = report.active
    suppressed = [f for f in report.findings if f.suppressed is not None]
    lines += ["", f"## Findings ({len(active)})", ""]
    if not active:
        lines.append("No findings.")
    for f in active:
        lines += _finding_block(f)
    if suppressed:
        lines += ["", f"## Suppressed ({len(suppressed)})", ""]
        for f in suppressed:
            lines.append(
                f"- `{f.rule_id}` {_cell(f.message)} (targets: {', '.join(f.targets)}) "
                f"— reason: {_cell(f.suppressed or '')}"
            )
    return "\n".join(lines) + "\n"


def _finding_block(f: Finding) -> list[str]:
    out = [
        f"### {f.severity.value.upper()} {f.rule_id} {f.title}",
        "",
        f"- **Where:** {', '.join(f'`{t}`' for t in f.targets) or 'the whole model'}",
        f"- **What:** {f.message}",
        f"- **Why:** {f.rationale}",
        f"- **Fix:** {f.fix}",
    ]
    if f.references:
        out.append(f"- **References:** {'; '.join(f.references)}")
    out.append("")
    return out


def rules_markdown(rules: tuple[RegisteredRule, ...]) -> str:
    """docs/rules.md: every rule by category, generated from the registry."""
    lines = [
        "# Audit rules reference",
        "",
        "Generated from the rule registry by `archwright rules --format markdown`; do not "
        "edit by hand (a test checks it is in sync).",
        "",
        f"{len(rules)} rules. Suppress one in the model with `suppress: [{{rule: CODE, "
        "reason: ...}}]` on a component or `suppressions:` at the top level.",
        "",
    ]
    for cat in Category:
        mine = [r.rule for r in rules if r.rule.category is cat]
        lines += [f"## {cat.value} ({len(mine)})", ""]
        lines += ["| code | name | severity | summary |", "| --- | --- | --- | --- |"]
        for rule in mine:
            lines.append(
                f"| [{rule.code}](#{rule.code.lower()}) | `{rule.name}` | "
                f"{rule.severity.value} | {_cell(rule.summary)} |"
            )
        lines.append("")
        for rule in mine:
            lines += [
                f"### {rule.code}",
                "",
                f"**{rule.summary}** (`{rule.name}`, {rule.severity.value})",
                "",
                f"Why: {rule.rationale}",
                "",
                f"Fix: {rule.fix}",
                "",
            ]
            if rule.refs:
                lines += [f"References: {'; '.join(rule.refs)}", ""]
    return "\n".join(lines).rstrip() + "\n"
