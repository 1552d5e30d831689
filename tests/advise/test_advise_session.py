"""`archwright session`: scripted from stdin, saved after every step, resumable."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from archwright.cli.app import app

# team 8, 100 tenants, no compliance; growth and description left unstated
CONTEXT = "8\npython\n200\n100\n\ngrowth\n\n\n\n\n"


def _run(tmp_path: Path, text: str, *extra: str) -> tuple[int, str, dict[str, object]]:
    session = tmp_path / "s.yaml"
    result = CliRunner().invoke(app, ["session", "--file", str(session), *extra], input=text)
    state = yaml.safe_load(session.read_text()) if session.exists() else {}
    return result.exit_code, result.stdout + result.stderr, state


def test_full_session_with_stress_test_and_adr(tmp_path: Path) -> None:
    code, out, state = _run(
        tmp_path,
        CONTEXT + "tenancy\nshared-schema,database-per-tenant\n",
        "--adr",
        str(tmp_path / "adr"),
    )
    assert code == 0, out
    assert state["done"] == ["context", "options", "deep_dive", "stress_test", "adr"]
    assert state["deep_dive"]["recommendation"] == "shared-schema"
    # Adding HIPAA flips this team's choice, and the stress test says so.
    hipaa = state["stress_test"]["compliance change (HIPAA)"]
    assert hipaa["flips"] and hipaa["recommendation"] == "database-per-tenant"
    assert "compliance change (HIPAA): FLIPS to database-per-tenant" in out
    records = list((tmp_path / "adr").glob("*.md"))
    assert len(records) == 1 and "## Stress Test" in records[0].read_text()


def test_stops_when_input_ends_and_resumes(tmp_path: Path) -> None:
    code, out, state = _run(tmp_path, CONTEXT)
    assert code == 0 and "progress saved" in out
    assert state["done"] == ["context"]
    assert state["context"]["tenants"] == 100
    code, out, state = _run(tmp_path, "tenancy\n\n")
    assert code == 0, out
    assert "Team size" not in out  # the context was not asked again
    assert state["done"][-1] == "adr"


def test_same_answers_same_session(tmp_path: Path) -> None:
    script = CONTEXT + "service-architecture\n\n"
    first = _run(tmp_path / "a", script)[2]
    second = _run(tmp_path / "b", script)[2]
    assert first == second


def test_bad_answer_is_one_line_and_keeps_progress(tmp_path: Path) -> None:
    code, out, state = _run(tmp_path, "eight\n")
    assert code == 2
    assert "team.size: 'eight' is not a number" in out
    code, out, state = _run(tmp_path, CONTEXT + "no-such-option,monolith\n")
    assert code == 2 and "unknown option" in out
    assert state["done"] == ["context"]


def test_refuses_a_foreign_file(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("name: not a session\n")
    code, out, _ = _run(tmp_path, "")
    assert code == 2 and "not an archwright session file" in out


def test_spec_answers_its_questions(tmp_path: Path) -> None:
    spec = tmp_path / "req.yaml"
    spec.write_text("team: {size: 3}\ntenants: 100\ncompliance: [HIPAA]\n")
    script = "\n" * 7 + "tenancy\n\n"  # seven questions left unanswered by the file
    code, out, state = _run(tmp_path, script, "--spec", str(spec))
    assert code == 0, out
    assert "Team size" not in out and "Compliance" not in out
    assert state["context"]["team.size"] == 3
    assert state["context"]["compliance"] == ["HIPAA"]


def test_the_description_is_kept_and_read(tmp_path: Path) -> None:
    """A spec's prose answers questions too (the reader `design` uses), and is kept."""
    spec = tmp_path / "req.yaml"
    spec.write_text("description: A team of 3 engineers builds a B2B SaaS on GCP.\n")
    script = "\n" * 8 + "tenancy\n\n"  # all but team size and description
    code, out, state = _run(tmp_path, script, "--spec", str(spec))
    assert code == 0, out
    assert "Team size" not in out and "Describe the system" not in out
    assert state["context"]["team.size"] == 3
    assert state["context"]["description"].startswith("A team of 3 engineers")
