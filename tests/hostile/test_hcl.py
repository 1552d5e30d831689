"""Issue 17, HCL limit: a refused parse must stop, not run on behind the refusal.

The time limit used to be a thread the importer stopped waiting for: `resource {` x 250k
was refused at 20 s but kept parsing for 68 s and 1.36 GB. The parse now runs in a child
process that is killed at the limit, and the limit counts from the moment the parser is
ready (the start-up allowance no longer lends the first file its 30 s).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archwright.importers import _hcl
from archwright.importers.importer import ImportProblem

HOSTILE = "resource {\n" * 250_000  # about 22 s of parsing before python-hcl2 gives up


def test_a_slow_parse_is_refused_at_its_limit_and_the_parser_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    children: list[subprocess.Popen[Any]] = []
    real = subprocess.Popen

    def recording(*args: Any, **kwargs: Any) -> subprocess.Popen[Any]:
        children.append(real(*args, **kwargs))
        return children[-1]

    monkeypatch.setattr(subprocess, "Popen", recording)
    limit = 1.0
    with pytest.raises(ImportProblem, match=rf"^main\.tf: HCL parse took over {limit:g} s"):
        _hcl.parse_hcl_files([("a = 1\n", "ok.tf"), (HOSTILE, "main.tf")], timeout=limit)
    (child,) = children
    assert child.returncode is not None, "the parser still runs after the refusal"
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # nothing of its process group is left


def test_the_limit_does_not_wait_for_start_up() -> None:
    """A parser that starts slowly keeps its start-up allowance, and no more."""
    slow = "import time\ntime.sleep(3)\n" + _hcl._WORKER
    # No wall clock: the 3 s sleep is within the start-up allowance (no "did not start"),
    # and without a per-file limit the 22 s parse would finish and return, not refuse.
    with pytest.raises(ImportProblem, match="HCL parse took over 1 s"):
        _hcl.parse_hcl_files([(HOSTILE, "main.tf")], timeout=1.0, worker=slow)


# A child that says it is ready and then never reads its input; it leaves when its parent
# does, so a parent that hangs on it (the bug) leaves nothing behind once killed.
NEVER_READS = """
import os, sys, time
open(PIDFILE, "w").write(str(os.getpid()))
sys.stdout.write("ready\\n")
sys.stdout.flush()
parent = os.getppid()
while os.getppid() == parent:
    time.sleep(0.1)
"""
# A child that reads one byte and dies as RLIMIT_AS makes it die (MemoryError, exit 1).
DIES_READING = """
import sys
sys.stdout.write("ready\\n")
sys.stdout.flush()
sys.stdin.read(1)
raise MemoryError
"""
# Far more than a pipe holds (at most /proc/sys/fs/pipe-max-size, 1 MiB by default).
BIG = "a = 1\n" * 1_500_000
HARNESS_S = 60  # the hang the test guards against is for ever; this bounds it


def _parse_in_a_process(worker: str) -> str:
    """parse_hcl_files(BIG, timeout=1 s, worker) in a fresh interpreter; the refusal it prints.

    The harness's timeout, not a timed assertion, bounds the run: a parent blocked on
    the write fails the test at HARNESS_S instead of hanging the suite.
    """
    script = f"""
import sys
from archwright.importers import _hcl
from archwright.importers.importer import ImportProblem
try:
    _hcl.parse_hcl_files([(sys.stdin.read(), "main.tf")], timeout=1.0, worker={worker!r})
except ImportProblem as exc:
    print(exc)
"""
    try:
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=BIG.encode(),
            capture_output=True,
            timeout=HARNESS_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"writing the parser's input blocked for over {HARNESS_S} s")
    assert "Traceback" not in done.stderr.decode(), done.stderr.decode()
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def test_a_parser_that_stops_reading_is_refused_at_the_deadline(tmp_path: Path) -> None:
    pidfile = tmp_path / "child.pid"
    out = _parse_in_a_process(NEVER_READS.replace("PIDFILE", repr(str(pidfile))))
    assert out.splitlines() == [
        "main.tf: HCL parser stopped reading its input for over 1 s; refused"
    ]
    with pytest.raises(ProcessLookupError):
        os.killpg(int(pidfile.read_text()), 0)  # the child was killed, not left waiting


def test_a_parser_that_dies_before_reading_everything_is_named_not_a_broken_pipe() -> None:
    out = _parse_in_a_process(DIES_READING)
    assert out.splitlines() == [
        "main.tf: HCL parser could not run (is python-hcl2 installed? memory limit?)"
    ]
