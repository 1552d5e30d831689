"""Helpers of the web API tests: a signed-in client and the check of a refusal."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from archwright.store import Store
from archwright.web import Settings, create_app

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
