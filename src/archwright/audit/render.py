"""An audit report as JSON (SPEC §4), Markdown, and the rules reference (docs/rules.md).

Format code lives here, not on the report: the engine answers, renderers only present.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, groupby, islice, repeat
from operator import attrgetter, itemgetter
from typing import Any

from archwright.audit.engine import Report
from archwright.audit.registry import RegisteredRule
from archwright.audit.rule import Category, Finding
from archwright.model import Severity


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
    return {"findings": [finding_json(f) for f in report.findings], **_summary_json(report)}


def _summary_json(report: Report) -> dict[str, Any]:
    """Every key of `to_json` after the findings, in its order."""
    return {
        "grades": {cat.value: g.grade for cat, g in report.grades.items()},
        "scores": {cat.value: g.score for cat, g in report.grades.items()},
        "overall": {"grade": report.overall.grade, "score": report.overall.score},
        "rules_run": report.rules_run,
        "load": report.load,
        "warnings": list(report.warnings),
    }


def json_pieces(report: Report, document: Callable[[Any], str]) -> Iterator[str]:
    """Pieces of text whose concatenation is `document(to_json(report))`, `document`
    being the indented JSON writer (`cli.output.json_document`), written without a dict
    per finding: the CLI writes them one after the other as they are made, so the 47 MB
    of a 10,000-component audit are never one string (nor one encoded copy of it), and
    each block's memory is reused for the next rather than faulted in afresh.

    The findings of one rule repeat its name, category, severity, title, rationale and
    references: each distinct combination is laid out once, as the text between the
    values that change (targets, fix, message, suppression), and the document is joined
    from those texts and the escaped values, column by column, with no per-finding
    format to parse (issue 16). `tests/audit/test_audit_json_text.py` holds it to
    `json.dumps(to_json(report), indent=2)`.
    """
    summary = document(_summary_json(report))  # '{\n  "grades": ...'
    yield '{\n  "findings": '
    yield from _findings_text(report.findings)
    yield ",\n"
    yield summary[2:]


_ESCAPE: Callable[[str], str] = json.encoder.encode_basestring  # ensure_ascii=False
# A finding's fields that a rule repeats on each of its findings (Finding's field order).
_SHARED = itemgetter(0, 1, 2, 3, 4, 7, 9, 11)
_TARGET = ",\n        "
# Findings per piece of text: about 1.7 MB of JSON at 10,000 components' findings.
_BLOCK = 2048


def _findings_text(findings: tuple[Finding, ...]) -> Iterator[str]:
    """The findings' JSON list, indented as the second level of the report, in blocks of
    `_BLOCK` findings."""
    if not findings:
        yield "[]"
        return
    targets = list(map(attrgetter("targets"), findings))
    # One target is most findings: its brackets are part of the layout.
    keys = zip(map(_SHARED, findings), [len(t) == 1 for t in targets], strict=True)
    columns = list(zip(*_layouts(keys), strict=True))
    columns[0] = (columns[0][0][1:], *columns[0][1:])  # no comma before the first finding
    fixes = list(map(attrgetter("fix"), findings))
    # A rule's findings mostly share its fix (10,091 distinct of 56,140 at 10,000
    # components, two thirds of the text escaped): each distinct one is escaped once.
    escaped = {fix: _ESCAPE(fix) for fix in set(fixes)}
    texts = chain.from_iterable(
        zip(
            columns[0],
            [_ESCAPE(t[0]) if len(t) == 1 else _targets_text(t) for t in targets],
            columns[1],
            map(escaped.__getitem__, fixes),
            columns[2],
            map(_ESCAPE, map(attrgetter("message"), findings)),
            columns[3],
            map(_suppressed_text, map(attrgetter("suppressed"), findings)),
            columns[4],
            strict=True,
        )
    )
    yield "["
    per_block = _BLOCK * 9  # the nine texts of each finding
    for _ in range(0, len(findings), _BLOCK):
        yield "".join(islice(texts, per_block))
    yield "\n  ]"


def _layouts(keys: Iterable[tuple[tuple[Any, ...], bool]]) -> list[tuple[str, ...]]:
    """Each finding's layout, laid out once per distinct key. A report lists a rule's
    findings together, so equal keys come in runs: a run is told by comparing
    neighbours (the same strings, compared by identity) and its key is hashed once, where
    hashing every finding's key of nine fields was a fifth of writing the JSON."""
    layouts: dict[tuple[tuple[Any, ...], bool], tuple[str, ...]] = {}
    out: list[tuple[str, ...]] = []
    for key, run in groupby(keys):
        layout = layouts.get(key)
        if layout is None:
            layout = layouts[key] = _layout(*key[0], one_target=key[1])
        out.extend(repeat(layout, len(list(run))))
    return out


def _targets_text(targets: tuple[str, ...]) -> str:
    if not targets:
        return "[]"
    return "[\n        " + _TARGET.join(map(_ESCAPE, targets)) + "\n      ]"


def _suppressed_text(reason: str | None) -> str:
    if reason is None:
        return 'false,\n      "suppression_reason": null'
    return 'true,\n      "suppression_reason": ' + _ESCAPE(reason)


def _layout(
    rule_id: str,
    name: str,
    category: Category,
    severity: Severity,
    title: str,
    rationale: str,
    references: tuple[str, ...],
    error: bool,
    *,
    one_target: bool,
) -> tuple[str, str, str, str, str]:
    """The text of a finding around its targets, fix, message and suppression, in
    `finding_json`'s key order, starting with the comma that follows the finding before."""
    key = ",\n      "
    return (
        ",\n    {\n      "
        f'"rule_id": {_ESCAPE(rule_id)}{key}"category": {_ESCAPE(category.value)}{key}'
        f'"severity": {_ESCAPE(severity.value)}{key}"title": {_ESCAPE(title)}{key}'
        f'"targets": ' + ("[\n        " if one_target else ""),
        ("\n      ]" if one_target else "") + f'{key}"rationale": {_ESCAPE(rationale)}{key}"fix": ',
        f'{key}"name": {_ESCAPE(name)}{key}"message": ',
        f'{key}"references": {_targets_text(references)}{key}"suppressed": ',
        f'{key}"error": {"true" if error else "false"}\n    }}',
    )


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
