"""Fuzzing every importer: mutated real inputs give a model or one refusal line, never a
traceback. Seeds are the fixture files of tests/importers (real projects)."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from fuzz_strategies import FUZZ, mutated, mutated_text
from hypothesis import given
from hypothesis import strategies as st

from archwright.cli.errors import BadInput
from archwright.cli.import_cmd import run_import

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
COMPOSE = [
    yaml.safe_load((FIXTURES / name / "docker-compose.yml").read_text("utf-8"))
    for name in ("example-voting-app-compose", "sock-shop-compose")
]
K8S = [
    list(yaml.safe_load_all(p.read_text("utf-8")))
    for p in sorted((FIXTURES / "example-voting-app-k8s").rglob("*.yaml"))
]
HCL = (FIXTURES / "terraform-aws-webapp" / "main.tf").read_text("utf-8")
PLAN = json.loads((FIXTURES / "terraform-gcp-plan-json" / "plan.json").read_text("utf-8"))
DOCKERFILE = "FROM python:3.12-slim\nEXPOSE 8080\nENV DB_URL=postgres://db:5432/app\n"
PACKAGE = {"name": "web", "dependencies": {"express": "^4", "redis": "^4", "pg": "^8"}}
APP_YAML = {"spring": {"datasource": {"url": "jdbc:mysql://mysql:3306/x"}}, "server": 8080}


@contextmanager
def folder(files: dict[str, str]) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp) / "project"
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        yield root


def yaml_text(doc: Any) -> str | None:
    try:
        return yaml.safe_dump(doc, allow_unicode=True)
    except (ValueError, TypeError, yaml.YAMLError):
        return None


def imports_or_refuses(kind: str, files: dict[str, str]) -> None:
    with folder(files) as root:
        try:
            result = run_import(kind, root)
        except BadInput as exc:
            assert "\n" not in str(exc)
            return
        for comp in result.architecture.components:
            assert 1 <= len(comp.id) <= 200


@FUZZ
@given(doc=st.sampled_from(COMPOSE).flatmap(lambda seed: mutated(seed)))
def test_compose(doc: Any) -> None:
    text = yaml_text(doc)
    if text is not None:
        imports_or_refuses("compose", {"compose.yaml": text})


@FUZZ
@given(docs=st.sampled_from(K8S).flatmap(lambda seed: mutated(seed)))
def test_kubernetes(docs: Any) -> None:
    text = yaml_text(docs)  # a list of manifests: the `List` shape, or a mutated one
    if text is not None:
        imports_or_refuses("kubernetes", {"manifests.yaml": text})


@FUZZ
@given(text=mutated_text(HCL))
def test_terraform_hcl(text: str) -> None:
    imports_or_refuses("terraform", {"main.tf": text})


@FUZZ
@given(plan=mutated(PLAN, max_changes=6))
def test_terraform_plan_json(plan: Any) -> None:
    imports_or_refuses("terraform", {"plan.json": json.dumps(plan, default=str)})


@FUZZ
@given(
    dockerfile=mutated_text(DOCKERFILE),
    package=mutated(PACKAGE),
    app=mutated(APP_YAML),
)
def test_repo(dockerfile: str, package: Any, app: Any) -> None:
    files = {
        "web/Dockerfile": dockerfile,
        "web/package.json": json.dumps(package, default=str),
        "api/Dockerfile": DOCKERFILE,
        "api/src/main/resources/application.yml": yaml_text(app) or "",
    }
    imports_or_refuses("repo", files)
