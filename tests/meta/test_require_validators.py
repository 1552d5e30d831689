"""`ARCHWRIGHT_REQUIRE_VALIDATORS=1` turns a validator's skip into a failure (and only then).

The project's own conftest is copied beside a tiny test module and run in a fresh
pytest process, once with the variable and once without.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent.parent / "conftest.py"

SAMPLE = """
import pytest

@pytest.mark.validator
def test_marked_validator_skips():
    pytest.skip("some-linter is not installed")

def test_unmarked_tool_skip():
    pytest.skip("graphviz dot is not installed (apt-get install graphviz)")

@pytest.mark.parametrize("x", [1, 2])
def test_ordinary_skip(x):
    if x == 2:
        pytest.skip("same file twice")

@pytest.mark.xfail(reason="known")
def test_expected_failure():
    assert False
"""


def _run(tmp_path: Path, require: bool) -> str:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ARCHWRIGHT_REQUIRE_VALIDATORS"}
    if require:
        env["ARCHWRIGHT_REQUIRE_VALIDATORS"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
         "-o", "markers=validator: test", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return done.stdout


@pytest.mark.parametrize("require", [False, True])
def test_validator_skips_fail_only_when_required(require: bool, tmp_path: Path) -> None:
    out = _run(tmp_path, require)
    summary = out.strip().splitlines()[-1]
    if require:
        assert "2 failed" in summary and "1 skipped" in summary, out
        assert "FAILED test_sample.py::test_marked_validator_skips" in out
        assert "FAILED test_sample.py::test_unmarked_tool_skip" in out
    else:
        assert " failed" not in summary and "3 skipped" in summary, out
    assert "1 passed" in summary and "1 xfailed" in summary, out
