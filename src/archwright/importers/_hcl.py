"""python-hcl2 in a child process with CPU, memory and time limits; output normalised.

Parsers of python-hcl2's family have hung on malformed input, and a thread cannot be
killed: a parse abandoned after a time limit keeps running and holding memory. So the
files of one folder are parsed by one child process (paying python-hcl2's import once)
with RLIMIT_CPU and RLIMIT_AS set, and a wall-clock deadline per file; a child that
exceeds any of them is killed and the file it was on is named in the refusal.

python-hcl2 keeps quotes on keys and strings (`'"main"'`) and marks blocks with
`__is_block__`; `clean` strips both.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from contextlib import suppress
from typing import Any

from archwright.importers.importer import ImportProblem

PARSE_SECONDS = 20.0  # wall clock per file
STARTUP_SECONDS = 30.0  # importing python-hcl2 in the child
MEMORY_BYTES = 1024 * 1024 * 1024
MAX_OUTPUT_BYTES = 64 * 1024 * 1024

# The child: says "ready" once python-hcl2 is imported (the start-up allowance ends
# there, so it cannot lend the first file 30 more seconds of parsing), then reads a JSON
# list of texts and writes one JSON line per text, in order.
_WORKER = r"""
import json, sys
import hcl2
sys.stdout.write("ready\n")
sys.stdout.flush()
texts = json.loads(sys.stdin.read())
for text in texts:
    try:
        out = {"ok": hcl2.loads(text)}
    except RecursionError:
        out = {"error": "HCL nested too deeply"}
    except MemoryError:
        out = {"error": "HCL parse ran out of memory"}
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        line = getattr(exc, "line", None)
        out = {"error": "invalid HCL: " + first[:160],
               "line": line if isinstance(line, int) and line > 0 else None}
    try:
        line = json.dumps(out, default=str)
    except RecursionError:
        line = json.dumps({"error": "HCL nested too deeply"})
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
"""


def parse_hcl(text: str, shown: str, timeout: float = PARSE_SECONDS) -> dict[str, Any]:
    """One file as plain data (quotes stripped), or ImportProblem naming the file."""
    return parse_hcl_files([(text, shown)], timeout)[0]


def parse_hcl_files(
    files: list[tuple[str, str]], timeout: float = PARSE_SECONDS
) -> list[dict[str, Any]]:
    """Every `(text, shown)` parsed in one limited child process, in order."""
    if not files:
        return []
    cpu = int(STARTUP_SECONDS + timeout * len(files)) + 1
    proc = subprocess.Popen(
        [sys.executable, "-c", _WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=lambda: _limits(cpu),
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps([t for t, _ in files]).encode("utf-8"))
        proc.stdin.close()
        return [
            _result(line, shown) for line, (_, shown) in zip(_lines(proc, files, timeout), files)
        ]
    finally:
        _stop(proc)


def _limits(cpu_seconds: int) -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _lines(
    proc: subprocess.Popen[bytes], files: list[tuple[str, str]], timeout: float
) -> list[bytes]:
    """One output line per file; the file being parsed is named when a limit stops it.

    The first line is the child's "ready", within STARTUP_SECONDS; from then on each file
    has `timeout` seconds of its own.
    """
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    lines: list[bytes] = []
    buffer = b""
    deadline = time.monotonic() + STARTUP_SECONDS
    fd = proc.stdout.fileno()
    while len(lines) <= len(files):
        shown = files[max(0, len(lines) - 1)][1]
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not selector.select(remaining):
            if not lines:
                raise ImportProblem(
                    shown, f"HCL parser did not start within {STARTUP_SECONDS:g} s; refused"
                )
            raise ImportProblem(shown, f"HCL parse took over {timeout:g} s; refused")
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            raise ImportProblem(shown, _death(proc))
        buffer += chunk
        if len(buffer) > MAX_OUTPUT_BYTES:
            raise ImportProblem(shown, "HCL parse output over the size limit")
        while b"\n" in buffer and len(lines) <= len(files):
            line, buffer = buffer.split(b"\n", 1)
            if not lines and line != b"ready":
                raise ImportProblem(shown, "HCL parser output not readable")
            lines.append(line)
            deadline = time.monotonic() + timeout
    return lines[1:]


def _death(proc: subprocess.Popen[bytes]) -> str:
    code = proc.wait()
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        return "HCL parse hit its CPU limit; refused"
    if code == 1:  # python-hcl2 missing or the child could not allocate at start
        return "HCL parser could not run (is python-hcl2 installed? memory limit?)"
    return f"HCL parser stopped (exit {code}); refused"


def _result(line: bytes, shown: str) -> dict[str, Any]:
    try:
        out = json.loads(line)
    except (ValueError, RecursionError):
        raise ImportProblem(shown, "HCL parser output not readable") from None
    if "error" in out:
        raise ImportProblem(shown, str(out["error"]), out.get("line"))
    result: dict[str, Any] = clean(out["ok"])
    return result


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def clean(node: Any) -> Any:
    """Strip python-hcl2's quoting and block markers."""
    if isinstance(node, dict):
        return {unquote(str(k)): clean(v) for k, v in node.items() if k != "__is_block__"}
    if isinstance(node, list):
        return [clean(v) for v in node]
    if isinstance(node, str):
        return unquote(node)
    return node


def unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1]
    return text
