"""Sessions in the store (resumable, versions on accepted edits, markdown export with
ADRs) and the command's handling of bad input and of the interactive prompt."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwright.cli.app import app

ROOT = Path(__file__).resolve().parents[3]
THREE = ROOT / "examples" / "three_tier.yaml"


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def ask(*args: str, stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ask", *args], input=stdin)
    return result.exit_code, result.output


def test_a_session_resumes_keeps_versions_and_exports_adrs(tmp_path: Path, data_home: Path) -> None:
    from archwright.store import Store

    path = tmp_path / "arch.yaml"
    shutil.copyfile(THREE, path)
    assert ask("kafka or rabbitmq?", "--arch", str(path), "--session", "shop")[0] == 0
    assert (
        ask("add a read replica to db", "--arch", str(path), "--session", "shop", "--yes")[0] == 0
    )
    assert ask("what if db goes down", "--arch", str(path), "--session", "shop")[0] == 0
    store = Store()
    project = next(p for p in store.projects() if p.name == "shop")
    versions = store.versions(project.id)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].text == THREE.read_text(encoding="utf-8")
    assert versions[1].text == path.read_text(encoding="utf-8")
    session = store.sessions(project.id)[0]
    messages = store.messages(session.id)
    assert [m.role.value for m in messages] == ["user", "assistant"] * 3
    assert messages[3].version_id == versions[1].id  # the accepted edit's answer
    out = tmp_path / "shop.md"
    code, _ = ask("--arch", str(path), "--session", "shop", "--export", str(out))
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Q: kafka or rabbitmq?" in text and "## Q: what if db goes down" in text
    assert "# Decisions" in text
    assert "# Choose " in text  # the trade-off's MADR
    assert "# db: read_replicas 1 -> 2" in text  # the accepted edit's MADR
    assert "Reproduce: `archwright chaos" in text


def test_the_interactive_prompt_reads_questions_until_end_of_input(
    tmp_path: Path, data_home: Path
) -> None:
    path = tmp_path / "arch.yaml"
    shutil.copyfile(THREE, path)
    code, out = ask(
        "--arch",
        str(path),
        "--session",
        "talk",
        stdin="how much does this cost?\nwhat's our availability?\n",
    )
    assert code == 0
    assert out.count("ask> ") == 3
    assert "Monthly cost on aws" in out and "Composite availability" in out
    code, out = ask("--arch", str(path), "--session", "talk", stdin="quit\n")
    assert "resuming: 2 earlier questions" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["what if db fails", "--arch", "no-such.yaml"], "no-such.yaml"),
        (["what if db fails", "--arch", str(THREE), "--format", "xml"], "unknown format"),
        (["x" * 3000, "--arch", str(THREE)], "limit is 2,000"),
        (["   ", "--arch", str(THREE)], "the question is empty"),
        (["--arch", str(THREE), "--export", "out.md"], "--export needs --session"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archwright", "ask", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_json_output_is_one_document_with_the_answer() -> None:
    import json

    code, out = ask("can this take 10x?", "--arch", str(THREE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["intent"] == "simulate" and data["slots"]["factor"] == 10
    assert data["command"].startswith("archwright simulate")
    assert data["applied"] is False
