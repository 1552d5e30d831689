"""Fixtures of the LLM tests: the loopback wire server and settings pointing at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from llm_wire import Harness, WireServer


@pytest.fixture
def wire() -> Iterator[WireServer]:
    server = WireServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def harness(tmp_path: Path, wire: WireServer) -> Harness:
    return Harness(tmp_path, wire)


@pytest.fixture
def all_output_files(tmp_path: Path) -> Callable[[], list[Path]]:
    def files() -> list[Path]:
        return sorted(p for p in tmp_path.rglob("*") if p.is_file())

    return files
