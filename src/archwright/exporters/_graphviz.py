"""Run Graphviz `dot` on the DOT export: the SVG and PNG formats share this.

The exporter still renders in memory (the tool reads stdin, writes stdout); only the
CLI writes files. A missing or failing tool is an `ExportError` with one line the CLI
can print, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess

from archwright.exporters.dot import to_dot
from archwright.exporters.exporter import ExportError
from archwright.model import Architecture

TIMEOUT_SECONDS = 120


def run_dot(arch: Architecture, fmt: str) -> bytes:
    """`dot -T<fmt>` of the architecture's DOT text."""
    exe = shutil.which("dot")
    if exe is None:
        raise ExportError(
            f"the {fmt} export needs Graphviz `dot`, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz)"
        )
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}"],
            input=to_dot(arch).encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExportError(f"Graphviz dot took longer than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = first[0] if first else f"exit code {done.returncode}"
        raise ExportError(f"Graphviz dot failed: {reason}")
    return done.stdout
