"""`audit-code` on a deliberately poor and a good repository: different grades, and
the reasons name what is wrong (ruff, radon, hadolint, pinning, tests, secrets)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.codeaudit import ToolMissing, audit_code
from archwright.codeaudit.tools import tool
from archwright.exporters import registry
from archwright.exporters.exporter import write_files

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
FAKE_KEY = "AKIAIOSFODNN7EXAMPLE"  # AWS's documented example key, in the poor fixture


def _messages(report: object, check: str) -> list[str]:
    (result,) = [c for c in report.checks if c.name == check]  # type: ignore[attr-defined]
    return [f"{f.file}:{f.line}: {f.message}" for f in result.findings]


def test_poor_repository_fails_with_reasons() -> None:
    report = audit_code(FIXTURES / "poor")
    assert report.grade == "F"
    assert any("F401" in m for m in _messages(report, "lint"))
    assert any("E722" in m and m.startswith("app.py:") for m in _messages(report, "lint"))
    assert any("handle has cyclomatic complexity" in m for m in _messages(report, "complexity"))
    assert _messages(report, "tests") == [":0: 1 source files and no test file"]
    assert any("flask is not pinned" in m for m in _messages(report, "pinning"))
    assert any("DL3007" in m for m in _messages(report, "dockerfiles"))
    secrets = _messages(report, "secrets")
    assert any(m.startswith(".env:") for m in secrets)
    assert any("AWS access key id" in m for m in secrets)
    names = {r.split(":")[0] for r in report.reasons}
    assert names == {"lint", "complexity", "tests", "pinning", "dockerfiles", "secrets"}


def test_good_repository_gets_an_a() -> None:
    report = audit_code(FIXTURES / "good")
    assert report.grade == "A" and report.reasons == ()
    assert all(c.applies for c in report.checks)


def test_a_committed_secret_caps_the_grade(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "good", repo)
    (repo / "deploy.sh").write_text("export GH=ghp_" + "a" * 36 + "\n", encoding="utf-8")
    report = audit_code(repo)
    assert report.score > 75 and report.grade == "D"


def test_a_scaffolded_repository_grades_a(tmp_path: Path) -> None:
    arch = load_architecture(ROOT / "examples" / "three_tier.yaml")
    write_files(registry.load("scaffold").render(arch), tmp_path)
    report = audit_code(tmp_path)
    assert report.grade == "A", report.reasons


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", "audit-code", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_text_and_json_never_show_the_secret() -> None:
    text = _cli(str(FIXTURES / "poor"))
    assert text.returncode == 0, text.stderr
    assert "grade F" in text.stdout and "Why not an A" in text.stdout
    data = _cli(str(FIXTURES / "poor"), "--format", "json")
    doc = json.loads(data.stdout)
    assert doc["grade"] == "F" and len(doc["checks"]) == 6
    assert FAKE_KEY not in text.stdout + data.stdout


def test_cli_fail_under_and_bad_input() -> None:
    assert _cli(str(FIXTURES / "poor"), "--fail-under", "C").returncode == 1
    assert _cli(str(FIXTURES / "good"), "--fail-under", "A").returncode == 0
    missing = _cli(str(FIXTURES / "nowhere"))
    assert missing.returncode == 2 and "not a folder" in missing.stderr
    assert _cli(str(FIXTURES / "good"), "--fail-under", "Z").returncode == 2


def test_a_missing_tool_names_the_install() -> None:
    with pytest.raises(ToolMissing, match=r"archwright\[audit-code\]"):
        tool("no-such-linter-anywhere")
