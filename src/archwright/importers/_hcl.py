"""python-hcl2 in a child process with CPU, memory and time limits; output normalised.

Parsers of python-hcl2's family have hung on malformed input, and a thread cannot be
killed: a parse abandoned after a time limit keeps running and holding memory. So the
files of one folder are parsed by one child process (paying python-hcl2's import once)
with RLIMIT_CPU and RLIMIT_AS set, and a wall-clock deadline per file; a child that
exceeds any of them is killed and the file it was on is named in the refusal.

The texts go to the child through the same non-blocking loop that reads its answers:
a blocking write to a child that stopped reading (hung, or killed by its memory limit
before it read) would wait for ever once the pipe's buffer is full, past every deadline.

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

# The child: says "ready" once python-hcl2 is imported and its grammar built (the
# start-up allowance ends there, so it cannot lend the first file 30 more seconds of
# parsing, and the first file is not charged the grammar: 3.5 s measured with a cold
# Lark cache on a loaded machine), then reads a JSON list of texts and writes one JSON
# line per text, in order.
_WORKER = r"""
import json, sys
import hcl2
hcl2.loads("")
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
    files: list[tuple[str, str]], timeout: float = PARSE_SECONDS, *, worker: str | None = None
) -> list[dict[str, Any]]:
    """Every `(text, shown)` parsed in one limited child process, in order.

    `worker` replaces the child's program (`_WORKER`): a seam for tests that need a
    child that misbehaves.
    """
    if not files:
        return []
    cpu = int(STARTUP_SECONDS + timeout * len(files)) + 1
    proc = subprocess.Popen(
        [sys.executable, "-c", worker or _WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=lambda: _limits(cpu),
    )
    try:
        payload = _Payload(proc, json.dumps([t for t, _ in files]).encode("utf-8"))
        lines = _lines(proc, payload, files, timeout)
        return [_result(line, shown) for line, (_, shown) in zip(lines, files)]
    finally:
        _stop(proc)


def _limits(cpu_seconds: int) -> None:  # runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


class _Payload:
    """The child's input, written without blocking as the pipe drains, then closed.

    A child that dies before reading everything closes the pipe: the rest is dropped
    (BrokenPipeError) and the read side reports how the child ended.
    """

    def __init__(self, proc: subprocess.Popen[bytes], data: bytes) -> None:
        assert proc.stdin is not None
        self.pipe = proc.stdin
        self.pending = memoryview(data)
        os.set_blocking(self.pipe.fileno(), False)

    @property
    def done(self) -> bool:
        return not self.pending

    def feed(self, selector: selectors.BaseSelector) -> None:
        """Write what the pipe takes now; close it when everything is written."""
        try:
            sent = os.write(self.pipe.fileno(), self.pending[: 1 << 16])
        except BlockingIOError:
            return
        except BrokenPipeError:
            sent = len(self.pending)
        self.pending = self.pending[sent:]
        if not self.pending:
            selector.unregister(self.pipe)
            with suppress(BrokenPipeError):
                self.pipe.close()


def _lines(
    proc: subprocess.Popen[bytes], payload: _Payload, files: list[tuple[str, str]], timeout: float
) -> list[bytes]:
    """One output line per file; the file being parsed is named when a limit stops it.

    The first line is the child's "ready", within STARTUP_SECONDS; from then on each file
    has `timeout` seconds of its own, and the input must be written within the first
    file's time: a child that stops reading is refused at the same deadline.
    """
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    selector.register(payload.pipe, selectors.EVENT_WRITE)
    lines: list[bytes] = []
    buffer = b""
    deadline = time.monotonic() + STARTUP_SECONDS
    fd = proc.stdout.fileno()
    while len(lines) <= len(files):
        shown = files[max(0, len(lines) - 1)][1]
        remaining = deadline - time.monotonic()
        events = selector.select(remaining) if remaining > 0 else []
        if not events:
            raise ImportProblem(shown, _overdue(lines, payload, timeout))
        if any(key.fileobj is payload.pipe for key, _ in events):
            payload.feed(selector)
        if not any(key.fileobj is proc.stdout for key, _ in events):
            continue
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


def _overdue(lines: list[bytes], payload: _Payload, timeout: float) -> str:
    if not lines:
        return f"HCL parser did not start within {STARTUP_SECONDS:g} s; refused"
    if not payload.done:
        return f"HCL parser stopped reading its input for over {timeout:g} s; refused"
    return f"HCL parse took over {timeout:g} s; refused"


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
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with suppress(OSError):
                pipe.close()


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
