"""Helpers of the web API tests: a signed-in client and the check of a refusal."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from archwright.store import Store
from archwright.web import Settings, create_app
from archwright.web.serving import uvicorn_config

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = (ROOT / "examples" / "three_tier.yaml").read_text(encoding="utf-8")
HOSTILE = (ROOT / "tests" / "exporters" / "hostile.yaml").read_text(encoding="utf-8")
LOOPBACK = "http://127.0.0.1"
TOKEN = "a-long-enough-test-token-0123456789"


class Api:
    """A signed-in browser: the session cookie plus the CSRF header on every change."""

    def __init__(self, client: TestClient, csrf: str | None) -> None:
        self.client = client
        self.headers = {"X-CSRF-Token": csrf} if csrf else {}

    def get(self, url: str, **kw: object) -> httpx.Response:
        return self.client.get(url, **kw)  # type: ignore[arg-type]

    def post(self, url: str, json: object = None, **kw: object) -> httpx.Response:
        headers = {**self.headers, **kw.pop("headers", {})}  # type: ignore[dict-item]
        return self.client.post(url, json=json, headers=headers, **kw)  # type: ignore[arg-type]

    def put(self, url: str, json: object = None, **kw: object) -> httpx.Response:
        headers = {**self.headers, **kw.pop("headers", {})}  # type: ignore[dict-item]
        return self.client.put(url, json=json, headers=headers, **kw)  # type: ignore[arg-type]

    def patch(self, url: str, json: object = None) -> httpx.Response:
        return self.client.patch(url, json=json, headers=self.headers)

    def delete(self, url: str) -> httpx.Response:
        return self.client.delete(url, headers=self.headers)


def refused(response: httpx.Response, status: int) -> str:
    """Assert a clear refusal: the status, a JSON message, and no trace of the code."""
    assert response.status_code == status, response.text[:500]
    data = response.json()
    assert isinstance(data["error"], str) and data["error"], data
    assert "Traceback" not in response.text and 'File "' not in response.text
    return str(data["error"])


def make_client(db: str, **settings: object) -> TestClient:
    app = create_app(Settings(db_url=db, **settings), Store(db))  # type: ignore[arg-type]
    return TestClient(app, base_url=LOOPBACK, raise_server_exceptions=False)


@contextmanager
def live_server(db: str, **settings: object) -> Iterator[httpx.Client]:
    """The app under uvicorn on a loopback port (streams are streamed, unlike TestClient,
    which runs a request to its end before returning): a signed-in client for it."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    app = create_app(Settings(db_url=db, port=port, **settings), Store(db))  # type: ignore[arg-type]
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    for _ in range(400):
        try:
            if client.get("/api/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf"]
    try:
        yield client
    finally:
        client.close()
        server.should_exit = True
        thread.join(timeout=10)
