"""The external tools the code audit runs, found beside the running Python (a venv's
console scripts) or on PATH, each call bounded in time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = 300
INSTALL_HINT = "pip install 'archwright[audit-code]'"


class ToolMissing(RuntimeError):
    """A tool the audit needs is not installed; the message says how to install it."""


class ToolFailed(RuntimeError):
    """A tool ran but did not produce a usable answer."""


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise ToolMissing(f"{name} is not installed ({INSTALL_HINT})")
    return found


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            cmd, cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise ToolFailed(f"{Path(cmd[0]).name} did not finish in {TIMEOUT_S} s") from None
