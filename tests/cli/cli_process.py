"""The CLI as users run it: `python -m archwright` in a fresh process from the project root."""

from __future__ import annotations

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
