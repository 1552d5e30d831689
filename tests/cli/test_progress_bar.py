"""The long commands draw a Rich progress bar on a terminal, fed by the engines' own
progress callback, and print nothing of it when stderr is not a terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys

from cli_process import ROOT, run

from archwright.archfile import load_architecture
from archwright.simulate import DesConfig, build
from archwright.simulate import run as des_run
from archwright.simulate.des import measurements

THREE_TIER = str(ROOT / "examples" / "three_tier.yaml")
PERCENT = re.compile(r"(\d+)%")


def _on_a_terminal(*args: str) -> tuple[str, str]:
    """Run with stderr on a pseudo-terminal; return (stdout, what the terminal showed)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "archwright", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"},
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other end closed: the process has ended
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait(timeout=120) == 0
    os.close(master)
    return out, shown.decode(errors="replace")


def test_the_des_draws_its_progress_and_prints_the_same_measurements() -> None:
    out, shown = _on_a_terminal(
        "simulate", THREE_TIER, "--des", "200000", "--rps", "300", "--format", "json"
    )
    percents = [int(p) for p in PERCENT.findall(shown)]
    assert "DES 200,000 requests" in shown and percents and percents[-1] == 100
    assert percents == sorted(percents) and len(set(percents)) > 10, "drawn along the way"
    arch = load_architecture(THREE_TIER)
    stats = des_run(build(arch), 300.0, DesConfig(requests=200_000, seed=1))
    assert json.loads(out) == json.loads(json.dumps(measurements(stats, 300.0, 200_000)))


def test_monte_carlo_availability_draws_its_progress() -> None:
    _, shown = _on_a_terminal("availability", THREE_TIER, "--monte-carlo", "--format", "json")
    percents = [int(p) for p in PERCENT.findall(shown)]
    assert "availability" in shown and percents[-1] == 100 and percents == sorted(percents)


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    done = run("simulate", THREE_TIER, "--des", "5000", "--format", "json")
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["requests"] == 5000


def test_bad_des_sizes_are_one_line() -> None:
    for value in ("10", "3000000", "many"):
        done = run("simulate", THREE_TIER, "--des", value)
        assert done.returncode == 2 and "--des" in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


def test_force_color_still_draws_the_bar_on_a_pipe() -> None:
    """The CLI skips Rich only where Rich would say "no terminal": FORCE_COLOR says yes."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archwright",
            "availability",
            THREE_TIER,
            "--monte-carlo",
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"},
        check=False,
    )
    assert done.returncode == 0
    assert "availability" in done.stderr and "100%" in done.stderr
