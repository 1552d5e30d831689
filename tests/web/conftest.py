"""An API client on a fresh store: every API test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from web_client import Api, make_client


@pytest.fixture
def api(db_url: str) -> Iterator[Api]:
    with make_client(db_url) as client:
        csrf = client.get("/api/session").json()["csrf"]
        yield Api(client, csrf)


@pytest.fixture
def sqlite_api(tmp_path: Path) -> Iterator[Api]:
    """For engine tests whose result does not depend on the database."""
    with make_client(f"sqlite:///{tmp_path / 'a.db'}") as client:
        csrf = client.get("/api/session").json()["csrf"]
        yield Api(client, csrf)
