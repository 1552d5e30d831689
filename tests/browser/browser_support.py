"""A real server on loopback and Debian's Chromium driven by Playwright.

Browsers cannot be downloaded here, so Playwright launches the system Chromium by path.
Without it the tests skip saying it is not installed (a failure under
ARCHWRIGHT_REQUIRE_VALIDATORS=1: `.ci/run` installs it). Screenshots go to
build/test-artifacts/web/ (or $ARCHWRIGHT_ARTIFACTS/web).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("ARCHWRIGHT_ARTIFACTS", ROOT / "build" / "test-artifacts")) / "web"


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db_url: str) -> Iterator[str]:
    """`archwright serve`'s app under uvicorn in a thread; yields its base URL."""
    import uvicorn

    from archwright.web import Settings, create_app
    from archwright.web.serving import uvicorn_config

    port = free_port()
    app = create_app(Settings(db_url=db_url, port=port, rate_per_minute=6000, rate_burst=600))
    server = uvicorn.Server(uvicorn_config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Other:
    """A second user of the same server (another browser): its own session and CSRF."""

    def __init__(self, base: str) -> None:
        self.client = httpx.Client(base_url=base, timeout=30)
        self.csrf = self.client.get("/api/session").json()["csrf"]

    def call(self, method: str, url: str, **kw: Any) -> httpx.Response:
        headers = {"X-CSRF-Token": self.csrf, **kw.pop("headers", {})}
        return self.client.request(method, url, headers=headers, **kw)


def wait_for(page: Any, script: str, timeout: float = 30.0) -> Any:
    """Poll `script` in the page until truthy (the CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        time.sleep(0.05)


def shot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
