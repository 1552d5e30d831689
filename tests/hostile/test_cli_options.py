"""Numbers typed on the command line: finite and bounded, or one line and exit 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

CASES: list[tuple[tuple[str, ...], str]] = [
    (("simulate", "{arch}", "--rps", "nan"), "--rps must be a finite number"),
    (("simulate", "{arch}", "--rps", "inf"), "--rps must be a finite number"),
    (("simulate", "{arch}", "--rps", "-1"), "--rps must be above 0"),
    (("simulate", "{arch}", "--rps", "1e13"), "--rps must be at most"),
    (("simulate", "{arch}", "--rps", "9" * 5000), "--rps must be a finite number"),
    (("simulate", "{arch}", "--scale", "inf"), "--scale must be a finite number"),
    (("simulate", "{arch}", "--scale", "0"), "--scale must be above 0"),
    (("availability", "{arch}", "--monte-carlo", "--samples", "2000000000"), "--samples"),
    (("availability", "{arch}", "--monte-carlo", "--samples", "9" * 400), "--samples must be at"),
    # past Python's 4,300-digit limit int() itself refuses; Click reports it as its own error
    (("availability", "{arch}", "--monte-carlo", "--samples", "9" * 5000), "--samples"),
    (("availability", "{arch}", "--samples", "99"), "--samples must be at least 100"),
    (("availability", "{arch}", "--seed", "-1"), "--seed must be at least 0"),
    (("availability", "{arch}", "--rps", "nan"), "--rps must be a finite number"),
    (("chaos", "{arch}", "--fail", "db", "--rps", "inf"), "--rps must be a finite number"),
    (("sweep", "{arch}", "--rps", "nan"), "--rps must be a finite number"),
    (("sweep", "{arch}", "--top", "-1"), "--top must be at least 0"),
    (("estimate", "--dau", "nan"), "--dau must be a finite number"),
    (("estimate", "--dau", "1e400"), "--dau must be a finite number"),
    (("estimate", "--dau", "1000", "--peak-factor", "9" * 30), "--peak-factor must be at most"),
    (("estimate", "--dau", "1000", "--target-utilization", "2"), "--target-utilization must be"),
    (("select", "queue", "--top", "10000000"), "--top must be at most"),
    (("simulate", "{arch}", "--rps", "abc"), "--rps"),  # not a number: Typer's own check
    (("simulate", "{arch}", "--no-such-option"), "no-such-option"),
]


def _case_id(args: tuple[str, ...]) -> str:
    shown = [a if len(a) < 20 else f"{a[:3]}...({len(a)}-chars)" for a in args[2:] or args]
    return " ".join(shown)


@pytest.mark.parametrize(("args", "needle"), CASES, ids=[_case_id(a) for a, _ in CASES])
def test_option_refused_in_one_line(
    cli: Cli, three_tier: Path, args: tuple[str, ...], needle: str
) -> None:
    argv = [a.replace("{arch}", str(three_tier)) for a in args]
    cli(*argv).refused(needle)


def test_bounded_options_accept_their_edges(cli: Cli, three_tier: Path) -> None:
    cli("availability", three_tier, "--monte-carlo", "--samples", "100", "--format", "json").ok()
    cli("simulate", three_tier, "--scale", "1000000", "--format", "json").ok()
