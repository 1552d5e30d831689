"""Hostile input replayed through the real command line.

Every case runs `python -m archwright` in a subprocess with a timeout, so a hang fails the
test (the timeout) instead of hanging the suite, and time is bounded without a timed
assert. A refusal is: exit code 2, nothing on stdout, exactly one line on stderr that
names the place and the problem, and no traceback anywhere.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 60


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    def refused(self, *needles: str) -> str:
        """Assert a one-line refusal containing every needle; return that line."""
        where = f"archwright {' '.join(self.args)}"
        assert "Traceback" not in self.stderr + self.stdout, f"{where}: {self.stderr}"
        assert self.returncode == 2, f"{where}: exit {self.returncode}: {self.stderr}"
        lines = self.stderr.strip().splitlines()
        assert len(lines) == 1, f"{where}: expected one line, got {lines}"
        for needle in needles:
            assert needle in lines[0], f"{where}: {needle!r} not in {lines[0]!r}"
        assert self.stdout == "", f"{where}: stdout not empty: {self.stdout[:200]!r}"
        return lines[0]

    def ok(self) -> Run:
        assert "Traceback" not in self.stderr, self.stderr
        assert self.returncode == 0, f"exit {self.returncode}: {self.stderr}"
        return self


Cli = Callable[..., Run]


def run_cli(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    """`archwright ARGS` in a subprocess; a hang past TIMEOUT_S fails the calling test."""
    argv = tuple(str(a) for a in args)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "archwright", *argv],
            input=stdin,
            stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_S,
            cwd=cwd or ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"archwright {' '.join(argv)} ran past {TIMEOUT_S} s (a hang)")
    return Run(
        argv,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture
def cli() -> Cli:
    return run_cli


@pytest.fixture
def three_tier() -> Path:
    return ROOT / "examples" / "three_tier.yaml"
