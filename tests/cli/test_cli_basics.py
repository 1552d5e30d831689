"""The CLI contract of SPEC §4 for the model commands: exit codes, stdout/stderr, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from cli_process import ROOT, run


def test_version_and_help() -> None:
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("archwright ")
    for cmd in ("validate", "schema", "export", "formats"):
        res = run(cmd, "--help")
        assert res.returncode == 0, res.stderr
        assert "Usage" in res.stdout


def test_validate_examples_ok() -> None:
    res = run("validate", *sorted(str(p) for p in (ROOT / "examples").glob("*.yaml")))
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""


def test_validate_bad_file_one_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\ncomponents:\n  - {id: a, kind: databse}\n  - {id: a, kind: cache}\n"
        "connections:\n  - {source: a, target: ghost}\n"
    )
    res = run("validate", str(bad))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert lines == [  # schema and semantic problems in one pass (issue 16)
        f"{bad}:3: components[0].kind: unknown kind 'databse' (did you mean 'data_lake'?)",
        f"{bad}:3: components[0].id: duplicate id 'a' (2 times)",
        f"{bad}:6: connections[0].target: no component 'ghost'",
    ]
    assert "Traceback" not in res.stderr


def test_validate_semantic_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\ncomponents:\n  - {id: a, kind: service}\n  - {id: a, kind: cache}\n"
        "connections:\n  - {source: a, target: ghost}\n"
    )
    res = run("validate", str(bad))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert lines[0] == f"{bad}:3: components[0].id: duplicate id 'a' (2 times)"
    assert lines[1] == f"{bad}:6: connections[0].target: no component 'ghost'"


@pytest.mark.parametrize("content", ["", "\x00\x01binary", "name: [unclosed\n"])
def test_validate_never_tracebacks(tmp_path: Path, content: str) -> None:
    f = tmp_path / "f.yaml"
    f.write_text(content)
    res = run("validate", str(f))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and res.stderr.count("\n") >= 1


def test_validate_missing_file() -> None:
    res = run("validate", "does/not/exist.yaml")
    assert res.returncode == 2
    assert res.stderr.strip() == "does/not/exist.yaml: no such file"


def test_validate_json_format(tmp_path: Path) -> None:
    res = run("validate", "examples/three_tier.yaml", "--format", "json")
    assert res.returncode == 0
    doc = json.loads(res.stdout)
    assert doc["valid"] is True and doc["files"][0]["components"] == 7


def test_schema_validates_the_examples() -> None:
    import yaml

    res = run("schema")
    assert res.returncode == 0
    schema = json.loads(res.stdout)
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "x", "components": [{"id": "a", "kind": "nope"}]}, schema)


def test_requirements_schema() -> None:
    res = run("schema", "--requirements")
    assert res.returncode == 0
    assert "scale" in json.loads(res.stdout)["properties"]


def test_export_unknown_format_is_bad_input(tmp_path: Path) -> None:
    res = run("export", "examples/three_tier.yaml", "--to", "nope", "-o", str(tmp_path))
    assert res.returncode == 2
    assert res.stderr.startswith("archwright: unknown format 'nope'")
