"""Run Graphviz `dot` on the DOT export: the SVG and PNG formats share this.

The exporter still renders in memory (the tool reads stdin, writes stdout); only the
CLI writes files. A missing or failing tool is an `ExportError` with one line the CLI
can print, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess

from archwright.exporters._dot_summary import needs_summary, summary_dot, summary_markdown
from archwright.exporters.dot import to_dot
from archwright.exporters.exporter import ExportError
from archwright.model import Architecture

TIMEOUT_SECONDS = 120


def picture(arch: Architecture, fmt: str, name: str) -> dict[str, bytes]:
    """`name` drawn by `dot -T<fmt>`: the whole graph, or above `SUMMARY_ABOVE`
    components the summarised one with `<stem>.summary.md` beside it (see
    `_dot_summary`)."""
    if not needs_summary(arch):
        return {name: run_dot(to_dot(arch), fmt)}
    text, found = summary_dot(arch)
    note = summary_markdown(arch, name, found)
    return {name: run_dot(text, fmt), name.rsplit(".", 1)[0] + ".summary.md": note.encode()}


def run_dot(source: str, fmt: str) -> bytes:
    """`dot -T<fmt>` of a DOT text."""
    exe = shutil.which("dot")
    if exe is None:
        raise ExportError(
            f"the {fmt} export needs Graphviz `dot`, which is not installed "
            "(Debian/Ubuntu: apt-get install graphviz)"
        )
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}"],
            input=source.encode("utf-8"),
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
