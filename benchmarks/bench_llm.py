"""What the LLM layer adds per call: cache hit vs a loopback round trip vs the cache itself.

Starts a local HTTP server speaking the OpenAI chat-completions protocol (answering at
once), then times `LlmClient.complete` with the cache off (every call goes over HTTP),
on a cache hit, and the raw SQLite get/put. Figures are medians over N calls.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from archwright.llm import LlmClient, Message, Request, Response, Usage, load_settings
from archwright.llm.cache import ResponseCache

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300
ANSWER = json.dumps(
    {"name": "x", "components": [{"id": f"c{i}", "kind": "service"} for i in range(50)]}
)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        body = json.dumps(
            {
                "choices": [{"message": {"role": "assistant", "content": ANSWER}}],
                "usage": {"prompt_tokens": 10, "completion_tokens": 10},
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def median_ms(fn: Any) -> float:
    times = []
    for i in range(N):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = Path(tempfile.mkdtemp())
    env = {
        "OPENAI_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/v1",
        "OPENAI_API_KEY": "sk-bench-000000000000",
        "ARCHWRIGHT_CACHE_DIR": str(tmp),
        "HOME": str(tmp),
    }
    prompt = "Design a URL shortener. " * 200  # ~5 kB prompt, like a real design request

    def client(cache: bool) -> LlmClient:
        (tmp / "archwright.toml").write_text(
            f"[llm]\ncache = {'true' if cache else 'false'}\nbudget_tokens = 0\nbudget_usd = 0\n"
        )
        settings = load_settings("openai:gpt-4o-mini", env=env, cwd=tmp)
        assert settings is not None
        return LlmClient(settings)

    uncached = client(cache=False)
    http_ms = median_ms(lambda i: uncached.complete(Request((Message("user", f"{prompt}{i}"),))))
    cached = client(cache=True)
    cached.complete(Request((Message("user", prompt),)))
    hit_ms = median_ms(lambda i: cached.complete(Request((Message("user", prompt),))))
    miss_ms = median_ms(lambda i: cached.complete(Request((Message("user", f"{prompt}#{i}"),))))
    store = ResponseCache(tmp / "raw.sqlite3")
    put_ms = median_ms(lambda i: store.put(f"k{i}", Response(ANSWER, Usage(1, 1), "openai", "m")))
    get_ms = median_ms(lambda i: store.get(f"k{i}"))
    print(f"calls per figure: {N}; answer {len(ANSWER)} bytes; prompt {len(prompt)} chars")
    print(f"complete(), cache off, loopback HTTP:  {http_ms:.3f} ms median")
    print(f"complete(), cache miss + HTTP + store: {miss_ms:.3f} ms median")
    print(f"complete(), cache hit:                 {hit_ms:.3f} ms median")
    print(f"ResponseCache.put (SQLite commit):      {put_ms:.3f} ms median")
    print(f"ResponseCache.get:                      {get_ms:.3f} ms median")
    server.shutdown()


if __name__ == "__main__":
    main()
