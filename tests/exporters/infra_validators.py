"""The ecosystem's own validators, run on exported folders, and the models they run on.

Each `check_*` function takes an export folder and fails the test with the tool's own
output, or skips with a reason when the tool is not installed here (`.ci/run` installs
every one of them, so CI runs them all). Tools are found in: an environment variable,
the project-local `.tools/` folder that `.ci/run` fills, the test venv, then PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archwright.model import (
    Architecture,
    Column,
    Component,
    Connection,
    Decision,
    Endpoint,
    Entity,
    Kind,
    Observability,
)
from postgres_cluster import postgres_server as postgres_server

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# Text that breaks naive generators: quotes, path traversal, interpolation in
# Terraform/Compose/GitHub/Jinja/shell, newlines, control characters, unicode.
EVIL = "\"q'${evil}%{x}{{ 7*7 }}$(id)`id`\n../..\\x\x07é漢🙂"


def hostile_model() -> Architecture:
    """Every kind of component the infrastructure exporters map, all named with EVIL."""

    def comp(cid: str, kind: Kind, **extra: object) -> Component:
        return Component(id=cid, name=EVIL + cid, kind=kind, description=EVIL, **extra)  # type: ignore[arg-type]

    ids = {
        "web": '../../etc/passwd"web',
        "api": "${jndi:ldap://x}/api",
        "api2": "${jndi:ldap://x} api",  # sanitizes to the same slug as "api"
        "worker": "{{ config }}\nworker",
        "db": "'; DROP TABLE x; --db",
        "cache": "%{ for x in y }cache",
        "queue": "queue\x00\r\n",
        "stream": "🙂 stream",
        "bucket": "C:\\bucket",
        "search": "namespace",  # a reserved file name
        "cdn": "cdn$(rm -rf /)",
        "lb": "lb`id`",
        "idp": "idp'",
    }
    entities = [
        Entity(
            name=EVIL + "users",
            columns=[
                Column(name="id", type="uuid", primary_key=True, nullable=False),
                Column(name=EVIL, type="text", unique=True),
                Column(name="select", type="weird type'; --"),
                Column(name="user", type="jsonb"),
            ],
        ),
        Entity(
            name="order",
            columns=[
                Column(name="id", type="bigint", primary_key=True, nullable=False),
                Column(name="user_id", type="uuid", references=EVIL + "users.id"),
            ],
        ),
    ]
    endpoints = [
        Endpoint(method="GET", path="/items/{id}", summary=EVIL),
        Endpoint(method="POST", path="/../{{x}}/${y}/{evil name}", summary=EVIL, auth=False),
    ]
    health = Observability(health_check='/health"; rm -rf /')
    return Architecture(
        name=EVIL + " system",
        summary=EVIL,
        components=[
            comp(ids["lb"], Kind.LOAD_BALANCER, technology="aws-alb", public=True),
            comp(ids["cdn"], Kind.CDN, technology="aws-cloudfront", public=True),
            comp(
                ids["web"],
                Kind.WEB_FRONTEND,
                replicas=2,
                public=True,
                endpoints=endpoints,
                observability=health,
            ),
            comp(ids["api"], Kind.SERVICE, replicas=3, endpoints=endpoints, rate_limit_rps=7),
            comp(ids["api2"], Kind.SERVICE),
            comp(ids["worker"], Kind.WORKER),
            comp(
                ids["db"],
                Kind.SQL_DB,
                technology="aws-rds-postgresql",
                entities=entities,
                read_replicas=1,
            ),
            comp(ids["cache"], Kind.CACHE, technology="redis"),
            comp(ids["queue"], Kind.QUEUE, technology="aws-sqs"),
            comp(ids["stream"], Kind.STREAM, technology="kafka", dead_letter=ids["queue"]),
            comp(ids["bucket"], Kind.OBJECT_STORE, technology="aws-s3"),
            comp(ids["search"], Kind.SEARCH_INDEX, technology="opensearch"),
            comp(ids["idp"], Kind.IDENTITY, technology="aws-cognito"),
        ],
        connections=[
            Connection(source=ids["cdn"], target=ids["lb"]),
            Connection(source=ids["lb"], target=ids["web"], timeout_ms=5000),
            Connection(source=ids["web"], target=ids["api"], description=EVIL),
            Connection(source=ids["web"], target=ids["idp"]),
            Connection(source=ids["api"], target=ids["db"], protocol="sql"),
            Connection(source=ids["api"], target=ids["cache"], protocol="redis"),
            Connection(source=ids["api"], target=ids["stream"], protocol="kafka"),
            Connection(source=ids["api"], target=ids["search"]),
            Connection(source=ids["api2"], target=ids["bucket"], protocol="s3"),
            Connection(source=ids["stream"], target=ids["worker"], protocol="kafka"),
            Connection(source=ids["worker"], target=ids["queue"], protocol="sqs"),
        ],
        decisions=[
            Decision(
                id=EVIL,
                title=EVIL,
                context=EVIL,
                chosen=EVIL,
                rationale=EVIL,
                drivers=[EVIL],
                consequences=[EVIL],
                targets=[ids["db"]],
            )
        ],
    )


# -- locating tools ---------------------------------------------------------------------
def venv_tool(name: str) -> str | None:
    """A console script of the test venv (the dev extra), else one on PATH."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else shutil.which(name)


def tool_or_skip(found: str | None, what: str) -> str:
    if not found:
        pytest.skip(f"{what} is not installed here (bash .ci/run installs it)")
    return found


def checkov() -> str:
    env = os.environ.get("ARCHWRIGHT_CHECKOV")
    local = ROOT / ".tools" / "checkov" / "bin" / "checkov"
    return tool_or_skip(
        env or (str(local) if local.exists() else shutil.which("checkov")),
        "checkov (in its own venv, .tools/checkov)",
    )


def node_module(name: str) -> Path | None:
    base = Path(os.environ.get("ARCHWRIGHT_NODE_TOOLS", ROOT / ".tools" / "node"))
    path = base / "node_modules" / name
    return path if path.exists() and shutil.which("node") else None


def run(
    cmd: list[str], cwd: Path | None = None, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def assert_ok(result: subprocess.CompletedProcess[str], what: str) -> None:
    output = f"{result.stdout[-6000:]}\n{result.stderr[-4000:]}"
    assert result.returncode == 0, f"{what} failed:\n{output}"
