"""A code report as JSON data or as plain text for a terminal."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from archwright.codeaudit.report import CodeReport

_SHOWN = 5  # findings listed per check in text; JSON has them all


def to_data(report: CodeReport) -> dict[str, Any]:
    return {
        "root": report.root,
        "grade": report.grade,
        "score": report.score,
        "reasons": list(report.reasons),
        "files": report.files,
        "truncated": report.truncated,
        "checks": [asdict(c) for c in report.checks],
    }


def to_text(report: CodeReport) -> str:
    lines = [f"{report.root}: grade {report.grade} ({report.score:.0f}/100, {report.files} files)"]
    if report.truncated:
        lines.append("  only the first files were read (file limit reached)")
    for check in report.checks:
        state = f"{check.score:5.0f}" if check.applies else "  n/a"
        lines.append(f"{state}  {check.name:<12} {check.summary}")
        for finding in check.findings[:_SHOWN]:
            where = f"{finding.file}:{finding.line}" if finding.line else finding.file or "."
            lines.append(f"         {where}: {finding.message}")
        if len(check.findings) > _SHOWN:
            lines.append(f"         ... and {len(check.findings) - _SHOWN} more (--format json)")
    if report.reasons:
        lines.append("Why not an A: " + "; ".join(report.reasons))
    return "\n".join(lines)
