"""A hostile model never writes outside the output folder and never injects into the
generated code (the validators in test_infra_validators.py run on it too)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from infra_validators import EVIL, hostile_model
from test_infra_validators import INFRA_FORMATS

from archwright.archfile import dumps_architecture
from archwright.exporters import registry

AVAILABLE = [f for f in INFRA_FORMATS if f in registry.formats()]


@pytest.mark.parametrize("fmt", AVAILABLE)
def test_cli_export_stays_inside_the_output_folder(fmt: str, tmp_path: Path) -> None:
    arch_file = tmp_path / "hostile.yaml"
    arch_file.write_text(dumps_architecture(hostile_model()), encoding="utf-8")
    out = tmp_path / "out" / "deep"
    result = subprocess.run(
        [sys.executable, "-m", "archwright", "export", str(arch_file), "--to", fmt, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written
    for path in written:
        assert path.resolve().is_relative_to(out.resolve()), path
    outside = (
        {p for p in tmp_path.rglob("*") if p.is_file()}
        - {p for p in out.rglob("*") if p.is_file()}
        - {arch_file}
    )
    assert outside == set()


@pytest.mark.parametrize("fmt", AVAILABLE)
def test_paths_are_plain_and_ascii(fmt: str) -> None:
    files = registry.load(fmt).render(hostile_model())
    for rel in files:
        assert re.fullmatch(r"[A-Za-z0-9._/-]+", rel), rel
        assert ".." not in rel.split("/"), rel


def test_terraform_strings_never_interpolate_model_text() -> None:
    files = registry.load("terraform").render(hostile_model())
    # Terraform interpolates .tf files only; the README is Markdown for people.
    code = "\n".join(v for k, v in files.items() if k.endswith(".tf")).splitlines()
    text = "\n".join(line for line in code if not line.lstrip().startswith("#"))
    assert "${evil}" not in text.replace("$${evil}", "")
    assert "%{x}" not in text.replace("%%{x}", "")
    assert "$${evil}%%{x}" in text  # the model's text is there, escaped


def test_compose_escapes_dollars() -> None:
    text = registry.load("compose").render(hostile_model())["docker-compose.yml"]
    assert "$${jndi:ldap://x}" in text  # a component id, kept as a label, escaped
    assert "${jndi" not in text.replace("$${jndi", "")


def test_workflows_carry_no_model_text() -> None:
    files = registry.load("github-actions").render(hostile_model())
    for text in files.values():
        for raw in ("{{ 7", "{{ config", "$(id)", "`id`", "../", "${jndi"):
            assert raw not in text, raw
        for line in text.splitlines():
            if "${{" in line:
                assert re.search(
                    r"\$\{\{ (matrix\.service|secrets\.[A-Z_]+|github\.ref) \}\}", line
                ), line


def test_sql_keeps_names_only_in_literals() -> None:
    files = registry.load("sql").render(hostile_model())
    (text,) = files.values()
    statements = [line for line in text.splitlines() if not line.startswith("--")]
    for line in statements:
        if line.startswith(("CREATE", "ALTER", "  ")):
            assert "'" not in line and '"' not in line, line
    code = "\n".join(statements)
    assert "DROP TABLE" not in code.replace("''; DROP TABLE", "")


def test_evil_text_is_really_in_the_model() -> None:
    arch = hostile_model()
    assert any(EVIL in c.label for c in arch.components)


def test_burn_rate_thresholds_follow_the_slo() -> None:
    import yaml

    arch = hostile_model()
    arch.requirements.slo.availability = 99.5
    files = registry.load("monitoring").render(arch)
    rules = yaml.safe_load(files["monitoring/prometheus/alerts.yml"])
    exprs = [
        r["expr"]
        for g in rules["groups"]
        for r in g["rules"]
        if r.get("alert", "").endswith("FastErrorBudgetBurn")
    ]
    assert exprs and all("> 0.072" in e for e in exprs)  # 14.4 x 0.5 % budget
