"""Shared fixtures: the example architectures, and golden-file comparison.

`pytest --update-golden` rewrites golden files instead of comparing; the diff of the
golden folder is then what a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files instead of comparing."
    )


@pytest.fixture(params=EXAMPLES, ids=[p.stem for p in EXAMPLES])
def example_path(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare `text` with the golden file at `path` byte for byte (or rewrite it)."""
    update = bool(request.config.getoption("--update-golden"))

    def check(path: Path, text: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; run pytest --update-golden"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{path} differs; rerun with --update-golden and review the diff"

    return check
