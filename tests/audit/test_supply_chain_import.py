"""The supply-chain rules on what the importers record: images from a Compose file and
from a Kubernetes Deployment, end to end through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

COMPOSE = """services:
  api:
    image: images.example.net/shop/api:1.4
    depends_on: [db, cache]
  db:
    image: postgres:12.3
  cache:
    image: redis
"""
KUBERNETES = """apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:2.0@sha256:%s
        - name: proxy
          image: nginx:latest
""" % ("0" * 64)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args], capture_output=True, text=True, timeout=300
    )


def _findings(tmp_path: Path, kind: str, name: str, text: str) -> set[tuple[str, str]]:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / name).write_text(text, encoding="utf-8")
    model = tmp_path / "arch.yaml"
    imported = _run("import", kind, str(tmp_path / "src"), "-o", str(model))
    assert imported.returncode == 0, imported.stderr
    audited = _run("audit", str(model), "--only", "supply-chain", "--format", "json")
    doc = json.loads(audited.stdout)
    return {(f["rule_id"], f["targets"][0]) for f in doc["findings"]}


def test_compose_images(tmp_path: Path) -> None:
    found = _findings(tmp_path, "compose", "docker-compose.yml", COMPOSE)
    assert {
        ("SUP001", "db"),
        ("SUP005", "db"),
        ("SUP002", "db"),
        ("SUP003", "cache"),
        ("SUP004", "api"),
    } <= found
    assert ("SUP004", "db") not in found  # Docker Hub is a known registry


def test_kubernetes_images(tmp_path: Path) -> None:
    found = _findings(tmp_path, "kubernetes", "deployment.yaml", KUBERNETES)
    rules = {rule for rule, _ in found}
    assert {"SUP002", "SUP003"} <= rules  # the nginx sidecar: no digest, latest
    assert "SUP004" not in rules
