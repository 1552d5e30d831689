"""A real HTTP server on 127.0.0.1 that speaks the providers' wire protocols.

Tests script its replies (status, headers, JSON body, delay) and read back every request
it received (path, headers, body). Our code talks to it over real sockets through
httpx, exactly as it would to OpenAI, Anthropic or Ollama; nothing of ours is mocked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from archwright.llm import Clock, LlmClient, LlmSettings, load_settings

SECRET = "sk-test-0123456789abcdefSECRETVALUE"
ANTHROPIC_SECRET = "sk-ant-api03-abcdefghijklmnopSECRET"

PATHS = {"/v1/chat/completions": "openai", "/v1/messages": "anthropic", "/api/chat": "ollama"}


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


class WireServer:
    def __init__(self) -> None:
        self.replies: deque[Reply] = deque()
        self.default: Reply | None = None
        self.requests: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except json.JSONDecodeError:
                    body = raw.decode("utf-8", "replace")
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.requests.append(Seen(self.path, dict(self.headers), body))
                    reply = server.replies.popleft() if server.replies else server.default
                if path not in PATHS and "/openai/deployments/" not in path:
                    reply = Reply(404, {"error": {"message": f"no route {path}"}})
                if reply is None:
                    reply = Reply(500, {"error": {"message": "test server has no reply scripted"}})
                time.sleep(reply.delay)
                data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                payload = data.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

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

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)


def openai_reply(content: str, tokens_in: int = 100, tokens_out: int = 50) -> Reply:
    return Reply(
        body={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": tokens_in,
                "completion_tokens": tokens_out,
                "total_tokens": tokens_in + tokens_out,
            },
        }
    )


def anthropic_reply(data: Any, tokens_in: int = 100, tokens_out: int = 50) -> Reply:
    return Reply(
        body={
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "content": [{"type": "tool_use", "id": "toolu_1", "name": "answer", "input": data}],
            "stop_reason": "tool_use",
            "usage": {"input_tokens": tokens_in, "output_tokens": tokens_out},
        }
    )


def ollama_reply(content: str, tokens_in: int = 100, tokens_out: int = 50) -> Reply:
    return Reply(
        body={
            "model": "llama3",
            "message": {"role": "assistant", "content": content},
            "done": True,
            "prompt_eval_count": tokens_in,
            "eval_count": tokens_out,
        }
    )


FAST: dict[str, Any] = {
    "timeout_seconds": 0.5,
    "retries": 3,
    "backoff_seconds": 0.001,
    "backoff_max_seconds": 0.01,
    "breaker_failures": 3,
    "breaker_cooldown_seconds": 60,
}


def toml_table(values: dict[str, Any]) -> str:
    """A tiny TOML writer for flat [llm] settings (json.dumps quotes strings TOML-compatibly)."""
    return "[llm]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())


@dataclass
class Harness:
    """Settings pointing at the wire server, plus a clock that records every sleep."""

    tmp: Path
    server: WireServer
    sleeps: list[float] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return {
            "OPENAI_BASE_URL": f"{self.server.url}/v1",
            "OPENAI_API_KEY": SECRET,
            "ANTHROPIC_BASE_URL": self.server.url,
            "ANTHROPIC_API_KEY": ANTHROPIC_SECRET,
            "OLLAMA_HOST": self.server.url.removeprefix("http://"),
            "ARCHWRIGHT_CACHE_DIR": str(self.tmp / "cache"),
            "HOME": str(self.tmp / "home"),
        }

    def settings(self, llm: str, **extra: Any) -> LlmSettings:
        config = self.tmp / "archwright.toml"
        config.write_text(toml_table({**FAST, **extra}), encoding="utf-8")
        settings = load_settings(llm, env=self.env(), cwd=self.tmp, config_file=config)
        assert settings is not None
        return settings

    def client(self, llm: str, **extra: Any) -> LlmClient:
        def sleep(seconds: float) -> None:
            self.sleeps.append(seconds)
            time.sleep(min(seconds, 0.01))

        import random

        return LlmClient(self.settings(llm, **extra), Clock(sleep=sleep, rng=random.Random(7)))


def run_cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`archwright ARGS` in a fresh process with only the given environment (plus PATH)."""
    full = {"PATH": os.environ.get("PATH", ""), "PYTHONIOENCODING": "utf-8", **env}
    if "PYTHONPATH" in os.environ:  # a checkout run without installing it
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
