"""The team deployment (deploy/web): two replicas behind nginx sharing one PostgreSQL,
checked by the Compose specification's schema, hadolint and `nginx -t`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "web"
SCHEMA = ROOT / "tests" / "exporters" / "data" / "compose-spec.json"


def _tool(name: str) -> str:
    candidate = Path(sys.executable).parent / name
    found = str(candidate) if candidate.exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed here (bash .ci/run installs it)")
    return found


def _ok(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{cmd[0]}:\n{done.stdout}\n{done.stderr}"


def test_compose_runs_two_replicas_on_one_postgresql() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    web = compose["services"]["web"]
    assert web["deploy"]["replicas"] == 2
    assert web["environment"]["ARCHWRIGHT_DB"].startswith("postgresql://")
    assert "--db" in web["command"][-1] and "--host 0.0.0.0" in web["command"][-1]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert compose["services"]["lb"]["ports"] == ["8080:80"]
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "web:8000" in nginx


def test_the_replicas_believe_x_forwarded_for_from_nginx_only() -> None:
    """nginx appends the client's address; the app trusts exactly nginx's fixed address,
    which lies in the compose network's subnet."""
    import ipaddress

    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    lb_address = compose["services"]["lb"]["networks"]["default"]["ipv4_address"]
    trusted = compose["services"]["web"]["environment"]["ARCHWRIGHT_TRUSTED_PROXIES"]
    assert trusted == lb_address
    subnet = compose["networks"]["default"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(lb_address) in ipaddress.ip_network(subnet)
    nginx = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx


@pytest.mark.validator
def test_compose_matches_the_compose_spec() -> None:
    _ok([_tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(DEPLOY / "compose.yaml")])


@pytest.mark.validator
def test_hadolint_accepts_the_dockerfile() -> None:
    _ok([_tool("hadolint"), "--failure-threshold", "info", str(DEPLOY / "Dockerfile")])


@pytest.mark.validator
def test_nginx_accepts_the_load_balancer(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if nginx is None:
        pytest.skip("nginx is not installed here (bash .ci/run installs it)")
    (tmp_path / "logs").mkdir()
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {DEPLOY / 'nginx.conf'};\n}}\n",
        encoding="utf-8",
    )
    _ok([nginx, "-t", "-c", str(main), "-p", str(tmp_path)])
