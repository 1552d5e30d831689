"""The CLI as users run it: `python -m archwright` in a fresh process from the project root."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


_SCRIPT = """
import json, sys
sys.argv = ["archwright", *json.loads(sys.argv[1])]
try:
    from archwright.cli.app import main
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def python_c(
    script: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -c SCRIPT ARGS` in a fresh process from the project root: for a test that
    must set something up before the command's package is imported."""
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        env=env,
    )


def imported_modules(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Every module a fresh `archwright ARGS` process has imported when it ends."""
    done = python_c(_SCRIPT, json.dumps(list(args)), env=env)
    last = done.stderr.strip().splitlines()[-1]
    # a progress bar on a forced terminal ends with a control code on the same line
    return set(json.loads(last[last.index('["') :]))
