"""`report_order` sorts per severity with a C key (issue 16); it must give the order of
one stable sort by (most severe first, rule, targets, message), ties in input order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.audit import Category, Finding
from archwright.audit.rule import report_order
from archwright.model import Severity

_FINDINGS = st.builds(
    Finding,
    rule_id=st.sampled_from(["SEC001", "REL002", "AI001"]),
    name=st.sampled_from(["a", "b"]),
    category=st.sampled_from(list(Category)),
    severity=st.sampled_from(list(Severity)),
    title=st.just("t"),
    message=st.sampled_from(["", "m", "n"]),
    targets=st.lists(st.sampled_from(["x", "y"]), max_size=2).map(tuple),
    rationale=st.just("r"),
    fix=st.sampled_from(["f", "g"]),  # not in the key: ties must keep their input order
    references=st.just(()),
    suppressed=st.none() | st.just("accepted"),
    error=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDINGS, max_size=30))
def test_report_order_is_one_stable_sort(findings: list[Finding]) -> None:
    expected = sorted(findings, key=lambda f: (-f.severity.rank, f.rule_id, f.targets, f.message))
    got = report_order(findings)
    assert [id(f) for f in got] == [id(f) for f in expected]


def test_most_severe_first() -> None:
    made = [
        Finding("A", "a", Category.AI, sev, "t", "m", ("x",), "r", "f", ())
        for sev in (Severity.LOW, Severity.CRITICAL, Severity.INFO, Severity.HIGH)
    ]
    got = [f.severity for f in report_order(made)]
    assert got == [Severity.CRITICAL, Severity.HIGH, Severity.LOW, Severity.INFO]
