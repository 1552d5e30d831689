"""Shared fixtures: the example architectures, golden-file comparison, fail-closed skips.

`pytest --update-golden` rewrites golden files instead of comparing; the diff of the
golden folder is then what a reviewer reads.

`ARCHWRIGHT_REQUIRE_VALIDATORS=1` (set by `.ci/run`, which installs every validator)
turns a skip into a failure when the test is marked `validator` or the reason says a
tool or module is missing: on a developer machine a missing tool skips with its install
hint, in CI it cannot hide a broken export.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """One throwaway PostgreSQL for the run (tests/postgres_cluster.py); each test that
    needs it gets its own database through `db_url`."""
    from postgres_cluster import postgres_cluster

    with postgres_cluster(port=54331) as cluster:
        yield cluster


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh empty database: a SQLite file, then a database in a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'archwright.db'}"
    from postgres_cluster import fresh_database

    return fresh_database(request.getfixturevalue("pg_cluster"))


_MISSING_TOOL = re.compile(r"not installed|could not import|no module named", re.IGNORECASE)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("ARCHWRIGHT_REQUIRE_VALIDATORS") != "1":
        return
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    reason = _skip_reason(report)
    if item.get_closest_marker("validator") is not None or _MISSING_TOOL.search(reason):
        report.outcome = "failed"
        report.longrepr = f"ARCHWRIGHT_REQUIRE_VALIDATORS=1 forbids this skip: {reason}"
