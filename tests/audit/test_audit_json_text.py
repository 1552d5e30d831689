"""`audit --format json` is written from per-rule layouts (`render.json_pieces`); its
text must stay `json.dumps(to_json(report), indent=2)`'s byte for byte, whatever the
findings hold: several targets or none, suppressions, crashed rules, quotes, `%`,
control characters and non-ASCII text."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.archfile import load_architecture
from archwright.audit import Category, Finding, audit
from archwright.audit.engine import Report
from archwright.audit.grading import grade
from archwright.audit.render import json_pieces, to_json
from archwright.cli.output import json_document
from archwright.model import Severity

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_TEXT = st.text(max_size=6) | st.sampled_from(['"', "\\", "\n", "%s", "%", "\x00", "é", "😀"])
_FINDINGS = st.builds(
    Finding,
    rule_id=st.sampled_from(["SEC001", "REL%02", "OPS003"]),
    name=st.sampled_from(["security.a", "reliability.b"]),
    category=st.sampled_from(list(Category)),
    severity=st.sampled_from(list(Severity)),
    title=_TEXT,
    message=_TEXT,
    targets=st.lists(_TEXT, max_size=3).map(tuple),
    rationale=_TEXT,
    fix=_TEXT,
    references=st.lists(_TEXT, max_size=2).map(tuple),
    suppressed=st.none() | _TEXT,
    error=st.booleans(),
)


def _expected(report: Report) -> str:
    return json.dumps(to_json(report), indent=2, ensure_ascii=False)


def _written(report: Report) -> str:
    return "".join(json_pieces(report, json_document))


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDINGS, max_size=12), st.lists(_TEXT, max_size=2))
def test_any_findings_are_written_as_json_dumps_writes_them(
    findings: list[Finding], warnings: list[str]
) -> None:
    grades, overall = grade(findings)
    report = Report(tuple(findings), grades, overall, (), "a load", tuple(warnings))
    assert _written(report) == _expected(report)


def test_the_examples_reports_are_written_as_json_dumps_writes_them() -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert paths
    for path in paths:
        report = audit(load_architecture(path))
        assert report.findings
        assert _written(report) == _expected(report), path.name


def test_a_report_without_findings_writes_an_empty_list() -> None:
    report = audit(load_architecture(sorted(EXAMPLES.glob("*.yaml"))[0]), only=["AI001"])
    assert not report.findings
    assert _written(report) == _expected(report)
    assert '"findings": [],' in _written(report)


@settings(max_examples=100, deadline=None)
@given(st.lists(_FINDINGS, max_size=12), st.integers(min_value=1, max_value=5))
def test_findings_written_in_blocks_are_the_whole_list(findings: list[Finding], block: int) -> None:
    """The findings are written `_BLOCK` at a time (2,048: only a large model has more):
    with blocks of one to five, every block boundary still joins into the same text."""
    from unittest import mock

    from archwright.audit import render

    grades, overall = grade(findings)
    report = Report(tuple(findings), grades, overall, (), "a load", ())
    with mock.patch.object(render, "_BLOCK", block):
        pieces = list(json_pieces(report, json_document))
    assert "".join(pieces) == _expected(report)
    # '{ "findings": ', "[", a piece per block, "]", ",", the summary; "[]" when none
    blocks = -(-len(findings) // block)
    assert len(pieces) == (5 + blocks if findings else 4)
