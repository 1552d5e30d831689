"""Shared fixtures: the example architectures shipped in `examples/`."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example_path(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path
