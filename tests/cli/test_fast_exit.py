"""The `archwright` process skips the interpreter's teardown at exit (`cli.app.run`,
issue 16): what it prints, its exit code and its `atexit` work must be what the
ordinary exit of `main` gives, and a thread still running must still finish."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cli_process import ROOT, run

_ORDINARY = "import sys; sys.argv[0] = 'archwright'; from archwright.cli.app import main; main()"


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "--format", "json", "examples/three_tier.yaml"),
        ("validate", "examples/three_tier.yaml"),
        ("validate", "no-such-file.yaml"),
        ("simulate", "examples/three_tier.yaml", "--rps", "abc"),
    ],
    ids=["audit-json", "validate", "missing-file", "bad-option"],
)
def test_piped_output_and_exit_code_are_the_ordinary_exits(args: tuple[str, ...]) -> None:
    fast, ordinary = run(*args), _python(_ORDINARY, *args)
    assert fast.stdout or fast.stderr, "the command said nothing"
    assert (fast.returncode, fast.stdout, fast.stderr) == (
        ordinary.returncode,
        ordinary.stdout,
        ordinary.stderr,
    )


def test_atexit_handlers_run_and_print_after_the_command() -> None:
    code = (
        "import atexit, sys; atexit.register(print, 'atexit ran');"
        "sys.argv = ['archwright', '--version']; from archwright.cli.app import run; run()"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == ["atexit ran"]
    assert done.stdout.startswith("archwright ")


def test_a_thread_still_running_finishes_before_the_process_ends() -> None:
    code = (
        "import sys, threading, time; from archwright.cli.app import run;"
        "threading.Thread(target=lambda: (time.sleep(1), print('thread done'))).start();"
        "sys.argv = ['archwright', 'validate', 'no-such-file.yaml']; run()"
    )
    done = _python(code)
    assert done.returncode == 2, done.stderr
    assert done.stdout == "thread done\n"
