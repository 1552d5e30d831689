"""A real HTTP server on 127.0.0.1 that misbehaves the way hostile or broken servers do.

Each behaviour writes the raw response itself (status line, headers, body) so the
tests can send what no well-behaved server would: a body dripped one byte at a time,
headers that never end, a body labelled gzip that is not, 100 MB with no length, JSON
nested 100,000 levels deep, integers of 5,000 digits. Our code reaches it over real
sockets through httpx, as it would reach a provider; nothing of ours is mocked.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

Behaviour = Callable[[BaseHTTPRequestHandler], None]

KEY = "sk-hostile-0123456789abcdefKEYVALUE"
ROOT = Path(__file__).resolve().parents[2]
ARCH = ROOT / "examples" / "three_tier.yaml"


def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    handler.wfile.write(f"HTTP/1.1 {status} X\r\n".encode())
    for key, value in headers.items():
        handler.wfile.write(f"{key}: {value}\r\n".encode())
    handler.wfile.write(b"\r\n")
    handler.wfile.flush()


def body_reply(body: bytes, status: int = 200, **headers: str) -> Behaviour:
    """A complete answer with this body (and headers that may lie about it)."""

    def behave(handler: BaseHTTPRequestHandler) -> None:
        base = {"content-type": "application/json", "content-length": str(len(body))}
        _send(handler, status, {**base, **headers})
        handler.wfile.write(body)

    return behave


def answer_body(provider: str, content: str) -> bytes:
    """A well-formed answer of `provider`'s protocol carrying `content`."""
    if provider == "anthropic":
        data: Any = {"content": [{"type": "text", "text": content}], "usage": {}}
    elif provider == "ollama":
        data = {"message": {"role": "assistant", "content": content}}
    else:
        data = {"choices": [{"message": {"role": "assistant", "content": content}}]}
    return json.dumps(data).encode()


def drip(every_s: float, *, in_headers: bool = False) -> Behaviour:
    """One byte every `every_s` seconds, forever (until the client hangs up)."""

    def behave(handler: BaseHTTPRequestHandler) -> None:
        if in_headers:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
        else:
            _send(handler, 200, {"content-type": "application/json", "content-length": "999999"})
        while True:
            handler.wfile.write(b"x-drip: 1\r\n" if in_headers else b" ")
            handler.wfile.flush()
            time.sleep(every_s)

    return behave


def flood(total_bytes: int) -> Behaviour:
    """`total_bytes` of a JSON string body, chunked, with no length announced."""

    def behave(handler: BaseHTTPRequestHandler) -> None:
        _send(handler, 200, {"content-type": "application/json", "connection": "close"})
        handler.wfile.write(b'{"choices": [{"message": {"content": "')
        chunk = b"a" * 65536
        for _ in range(total_bytes // len(chunk)):
            handler.wfile.write(chunk)
        handler.wfile.write(b'"}}]}')

    return behave


class HostileServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.hits = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                server.hits += 1
                with contextlib.suppress(OSError):  # the client gave up, as it should
                    server.behaviour(self)
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"


@contextmanager
def serving(behaviour: Behaviour) -> Iterator[HostileServer]:
    server = HostileServer(behaviour)
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


FAST = (
    "[llm]\ntimeout_seconds = 1.0\ndeadline_seconds = 2.0\nretries = 1\n"
    "backoff_seconds = 0.01\nbackoff_max_seconds = 0.02\n"
)


def provider_env(provider: str, base: str, tmp: Path) -> dict[str, str]:
    """The environment pointing `provider` at `base`, with the cache and log under tmp."""
    config = tmp / "archwright.toml"
    config.write_text(FAST, encoding="utf-8")
    env = {
        "ARCHWRIGHT_CONFIG": str(config),
        "ARCHWRIGHT_CACHE_DIR": str(tmp / "cache"),
        "HOME": str(tmp / "home"),
    }
    if provider == "anthropic":
        env |= {"ANTHROPIC_BASE_URL": base, "ANTHROPIC_API_KEY": KEY}
    elif provider == "ollama":
        env |= {"OLLAMA_HOST": base}
    else:
        env |= {"OPENAI_BASE_URL": f"{base}/v1", "OPENAI_API_KEY": KEY}
    return env


@dataclass(frozen=True)
class Run:
    """One CLI run: exit code, outputs, wall time and peak resident memory."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    max_mb: int


def run_cli(*args: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> Run:
    """`archwright ARGS` in a fresh process; the wall time and peak memory come back too.

    The peak is the process's own high-water mark (VmHWM of its address space). Linux
    carries `ru_maxrss` across exec, so after a vfork from a large pytest process it would
    report pytest's size, not the command's. It calls `main`, as `python -m archwright`
    does, but not the entry point's exit, which ends the process without unwinding to
    the `finally` that writes the peak.
    """
    full = {"PATH": os.environ.get("PATH", ""), "PYTHONIOENCODING": "utf-8", **env}
    if "PYTHONPATH" in os.environ:  # a checkout run without installing it
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    code = (
        "import resource, sys\n"
        "sys.argv = ['archwright', *sys.argv[1:]]\n"
        "try:\n"
        "    from archwright.cli.app import main\n"
        "    main()\n"
        "finally:\n"
        "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    try:\n"
        "        with open('/proc/self/status') as f:\n"
        "            rss = next(int(l.split()[1]) for l in f if l.startswith('VmHWM:'))\n"
        "    except (OSError, StopIteration):\n"
        "        pass\n"
        "    sys.stderr.write(f'\\n#maxrss-kb {rss}\\n')\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    seconds = time.monotonic() - started
    stderr, _, rss = done.stderr.rpartition("\n#maxrss-kb ")
    return Run(done.returncode, done.stdout, stderr.strip(), seconds, int(rss.strip() or 0) // 1024)
