"""Issue 17, outputs: a NUL byte in the model never reaches Markdown or text output.

YAML's "\\0" puts a NUL in a model name; every text a command prints or writes from that
model must carry U+FFFD instead (the rule `archfile.io.text_bytes` sets for files), so a
report piped into another tool is still text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

MODEL = """name: "Shop\\0one"
components:
  - {id: web, kind: client, name: "Web\\0client"}
  - {id: api, kind: service, name: "API\\0server"}
  - {id: db, kind: sql_db}
connections:
  - {source: web, target: api}
  - {source: api, target: db}
"""

COMMANDS = [
    ("audit", "{arch}", "--format", "markdown"),
    ("critique", "{arch}"),
    ("compare", "{arch}", "{arch}"),
    ("slo", "{arch}"),
    ("export", "{arch}", "--to", "mermaid"),
]


@pytest.fixture
def arch(tmp_path: Path) -> Path:
    path = tmp_path / "nul.yaml"
    path.write_text(MODEL, encoding="utf-8")
    return path


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c[:1] + c[2:]) for c in COMMANDS])
def test_no_nul_on_stdout(cli: Cli, arch: Path, args: tuple[str, ...]) -> None:
    run = cli(*(a.replace("{arch}", str(arch)) for a in args)).ok()
    assert run.stdout.strip(), "nothing printed"
    assert "\x00" not in run.stdout + run.stderr


@pytest.mark.parametrize("args", COMMANDS[:2], ids=["audit", "critique"])
def test_the_name_is_shown_with_a_replacement_character(
    cli: Cli, arch: Path, args: tuple[str, ...]
) -> None:
    run = cli(*(a.replace("{arch}", str(arch)) for a in args)).ok()
    assert "Shop\ufffdone" in run.stdout


def test_no_nul_in_exported_markdown(cli: Cli, arch: Path, tmp_path: Path) -> None:
    cli("export", arch, "--to", "design-doc", "-o", tmp_path / "out").ok()
    written = [p for p in (tmp_path / "out").rglob("*.md")]
    assert written
    for path in written:
        assert b"\x00" not in path.read_bytes(), path
