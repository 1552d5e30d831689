"""The scaffold builds real services: each example's and the hostile model's generated
code passes ruff (Python) and `node --check` (Node), the FastAPI services' own contract
tests pass, frameworks follow the technology, and every dependency is pinned."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from infra_validators import EXAMPLES, ROOT, hostile_model

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.exporters._frameworks import framework_of
from archwright.exporters.exporter import write_files
from archwright.model import Architecture, Component, Connection, Endpoint, Kind

MODELS = [p.stem for p in EXAMPLES] + ["hostile", "polyglot"]


def polyglot() -> Architecture:
    """One service per framework, with endpoints that need parameters, bodies and auth."""
    endpoints = [
        Endpoint(method="GET", path="/orders/{order id}", summary="Read one", auth=True),
        Endpoint(method="POST", path="/orders", summary="x" * 300, auth=True),
        Endpoint(method="DELETE", path="/orders/{class}/{class}", auth=False),
        Endpoint(method="GET", path="/metrics", summary="a model endpoint named metrics"),
        Endpoint(method="HEAD", path="/orders", auth=False),
        Endpoint(method="OPTIONS", path="/orders", auth=False),
    ]
    comps = [
        Component(id="py", kind=Kind.SERVICE, technology="python-fastapi", endpoints=endpoints),
        Component(id="js", kind=Kind.SERVICE, technology="node-express", endpoints=endpoints),
        Component(id="jv", kind=Kind.SERVICE, technology="java-spring-boot", endpoints=endpoints),
        Component(id="db", kind=Kind.SQL_DB, technology="postgresql"),
    ]
    conns = [Connection(source=s, target="db") for s in ("py", "js", "jv")]
    return Architecture(name="polyglot", components=comps, connections=conns)


def _model(name: str) -> Architecture:
    if name == "hostile":
        return hostile_model()
    if name == "polyglot":
        return polyglot()
    return load_architecture(ROOT / "examples" / f"{name}.yaml")


@pytest.fixture(scope="module")
def scaffolds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name in MODELS:
        folder = tmp_path_factory.mktemp(f"scaffold-{name}")
        write_files(registry.load("scaffold").render(_model(name)), folder)
        out[name] = folder
    return out


def _ruff() -> str:
    found = Path(sys.executable).parent / "ruff"
    ruff = str(found) if found.exists() else shutil.which("ruff")
    assert ruff, "ruff is in the dev extra"
    return ruff


def _run(cmd: list[str], cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("model", MODELS)
def test_python_services_pass_ruff(scaffolds: dict[str, Path], model: str) -> None:
    root = scaffolds[model]
    assert list(root.glob("services/*/app.py"))
    for cmd in (["check", "--no-cache", "services"], ["format", "--check", "services"]):
        result = _run([_ruff(), *cmd], root)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("model", MODELS)
def test_python_contract_tests_pass(scaffolds: dict[str, Path], model: str) -> None:
    """Each FastAPI service's generated contract tests run and pass (FastAPI, httpx and
    prometheus-client are in the dev extra)."""
    services = sorted(p.parent for p in scaffolds[model].glob("services/*/app.py"))
    assert services
    for folder in services:
        result = _run([sys.executable, "-m", "unittest", "-v", "test_contract"], folder)
        assert result.returncode == 0, f"{folder.name}: {result.stderr}"
        assert re.search(r"Ran [1-9]\d* tests", result.stderr), result.stderr


@pytest.mark.parametrize("model", MODELS)
def test_node_services_pass_node_check(scaffolds: dict[str, Path], model: str) -> None:
    node = shutil.which("node")
    assert node, "node is installed by .ci/run"
    scripts = sorted(scaffolds[model].glob("services/*/**/*.js"))
    if model in ("three_tier", "rag_assistant", "hostile", "polyglot"):
        assert scripts, "these models have a Node (Express) service"
    for script in scripts:
        result = _run([node, "--check", str(script)], script.parent)
        assert result.returncode == 0, f"{script}: {result.stderr}"


def test_java_sources_parse(scaffolds: dict[str, Path], tmp_path: Path) -> None:
    """javac reads the generated Java: no syntax error (Spring itself is not on this
    machine, so missing-symbol errors are the only ones allowed)."""
    javac = shutil.which("javac")
    if javac is None:
        pytest.fail("javac is not installed")
    sources = sorted(scaffolds["polyglot"].glob("services/jv/src/**/*.java"))
    assert len(sources) == 3
    result = _run([javac, "-d", str(tmp_path), *map(str, sources)], tmp_path)
    errors = [line for line in result.stderr.splitlines() if ": error:" in line]
    assert errors, "without Spring on the class path javac must report missing symbols"
    allowed = ("does not exist", "cannot find symbol", "static import only")
    assert all(any(a in e for a in allowed) for e in errors), errors


def test_framework_follows_the_technology() -> None:
    by_id = {c.id: c for c in polyglot().components}
    assert framework_of(by_id["py"]).name == "fastapi"
    assert framework_of(by_id["js"]).name == "express"
    assert framework_of(by_id["jv"]).name == "spring-boot"
    unknown = Component(id="x", kind=Kind.SERVICE, technology="cobol-on-cogs")
    assert framework_of(unknown).name == "fastapi"  # the default in frameworks.yaml
    files = registry.load("scaffold").render(polyglot())
    assert "services/py/app.py" in files
    assert "services/js/src/app.js" in files
    assert "services/jv/src/main/java/generated/svc_jv/ApiController.java" in files


def test_dependencies_are_pinned(scaffolds: dict[str, Path]) -> None:
    root = scaffolds["polyglot"]
    for req in root.glob("services/*/requirements*.txt"):
        for line in req.read_text().splitlines():
            assert line.startswith("-r ") or re.fullmatch(r"[a-z0-9-]+==[0-9.]+", line), line
    package = json.loads((root / "services/js/package.json").read_text())
    assert package["dependencies"]
    for version in package["dependencies"].values():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    pom = (root / "services/jv/pom.xml").read_text()
    assert re.search(r"<version>\d+\.\d+\.\d+</version>", pom)


def test_contract_matches_the_openapi_export() -> None:
    """The service's openapi.json is the OpenAPI exporter's document, not a second one."""
    import yaml

    arch = polyglot()
    scaffold = registry.load("scaffold").render(arch)
    for name in ("py", "js"):
        exported = yaml.safe_load(scaffold[f"openapi/{name}.yaml"])
        assert json.loads(scaffold[f"services/{name}/openapi.json"]) == exported


def test_compose_probes_each_service_in_its_own_runtime() -> None:
    import yaml

    compose = yaml.safe_load(registry.load("compose").render(polyglot())["docker-compose.yml"])
    tests = {
        name: svc["healthcheck"]["test"]
        for name, svc in compose["services"].items()
        if "build" in svc
    }
    assert tests["py"][1] == "python"
    assert tests["js"][1] == "node"
    assert "wget" in tests["jv"][1]


TOOLS = ROOT / "tools"


@pytest.mark.validator
@pytest.mark.parametrize("model", ["polyglot", "hostile", "rag_assistant"])
def test_node_contract_tests_pass(scaffolds: dict[str, Path], model: str) -> None:
    """The Express services' generated contract tests run on the pinned Express, pino
    and prom-client (installed in tools/ by `npm ci --prefix tools`)."""
    node = shutil.which("node")
    modules = TOOLS / "node_modules"
    if node is None or not (modules / "express").is_dir():
        pytest.skip("node and tools/node_modules (npm ci --prefix tools) needed")
    services = sorted(p.parent for p in scaffolds[model].glob("services/*/package.json"))
    assert services
    env = {**os.environ, "NODE_PATH": str(modules)}
    for folder in services:
        done = subprocess.run(
            [node, "--test", "test/"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=180,
            env=env,
        )
        assert done.returncode == 0, f"{folder.name}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
        assert re.search(r"^# pass [1-9]", done.stdout, re.M), done.stdout[-500:]
        assert re.search(r"^# fail 0$", done.stdout, re.M)


def test_validator_node_modules_match_the_pins() -> None:
    """tools/package.json installs exactly the versions the scaffold pins for Express."""
    from archwright.exporters._frameworks import frameworks

    tools = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, version in frameworks()["express"].dependencies:
        assert tools.get(name) == version, name
