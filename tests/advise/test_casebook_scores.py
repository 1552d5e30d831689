"""Every casebook case through `select`, `tradeoff` and `design` (the functions the CLI
calls), scored per family against the answer a senior engineer would sign.

Threshold: 93% of all checks. Measured 100% (209/209); the named misses are listed in
`KNOWN_MISSES` and in docs/advise.md, and a miss that is not listed fails the test, as
does a listed miss that now passes (so the list stays true).
"""

from __future__ import annotations

import pytest
from casebook_run import Check, checks, per_family

from archwright.kb.casebook import load_cases

THRESHOLD = 0.93

# (case, command): why the scorer misses it today.
KNOWN_MISSES = {
    # Designs carry model roles (a primary and a fallback from another provider).
}


@pytest.fixture(scope="module")
def results() -> list[Check]:
    out: list[Check] = []
    for case in load_cases():
        out.extend(checks(case))
    return out


def test_casebook_score_per_family(results: list[Check]) -> None:
    families = per_family(results)
    lines = [f"{f}: {p}/{n}" for f, (p, n) in families.items()]
    passed = sum(p for p, _ in families.values())
    total = sum(n for _, n in families.values())
    print("\n".join(["casebook score per family", *lines, f"overall {passed}/{total}"]))
    assert passed / total >= THRESHOLD, lines


def test_misses_are_the_named_ones(results: list[Check]) -> None:
    missed = {(r.case, r.command): r.got for r in results if not r.passed}
    unnamed = {k: v for k, v in missed.items() if k not in KNOWN_MISSES}
    assert not unnamed, f"new misses (case, command) -> got: {unnamed}"
    fixed = sorted(set(KNOWN_MISSES) - set(missed))
    assert not fixed, f"these now pass; remove them from KNOWN_MISSES: {fixed}"


def test_every_command_is_asked(results: list[Check]) -> None:
    asked = {r.command for r in results}
    assert asked == {"select", "tradeoff", "design"}
    assert sum(r.command == "design" for r in results) >= 30
