"""Files of another importer's kind given to `import compose` (issue 17).

A Kubernetes manifest is a YAML mapping too: read as a compose file it has no
`services`, so `import compose` used to exit 0 with an empty architecture, and
`audit --from compose` graded that empty model. Both now refuse it in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

DEPLOYMENT = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
    "spec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx:1.25}]\n"
)
SERVICE = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n"


@pytest.mark.parametrize(
    "text",
    [DEPLOYMENT, f"{DEPLOYMENT}---\n{SERVICE}", "apiVersion: v1\nkind: List\nitems: []\n"],
    ids=["deployment", "two-documents", "list"],
)
@pytest.mark.parametrize("command", [("import", "compose"), ("audit", "--from", "compose")])
def test_a_kubernetes_manifest_is_refused_by_the_compose_importer(
    cli: Cli, tmp_path: Path, text: str, command: tuple[str, ...]
) -> None:
    manifest = tmp_path / "deploy.yaml"
    manifest.write_text(text, encoding="utf-8")
    line = cli(*command, manifest).refused("deploy.yaml", "Kubernetes manifest", "services")
    assert "import kubernetes" in line


def test_the_same_manifest_imports_as_kubernetes(cli: Cli, tmp_path: Path) -> None:
    """The refusal is about the kind asked for, not the file: the right importer reads it."""
    manifest = tmp_path / "deploy.yaml"
    manifest.write_text(f"{DEPLOYMENT}---\n{SERVICE}", encoding="utf-8")
    done = cli("import", "kubernetes", manifest).ok()
    assert "id: web" in done.stdout


def test_a_compose_file_with_a_kind_key_in_a_service_still_imports(
    cli: Cli, tmp_path: Path
) -> None:
    """Only the top level is read for the Kubernetes shape: a compose file whose
    services carry such keys, or which has `services` beside them, is a compose file."""
    compose = tmp_path / "compose.yaml"
    compose.write_text(
        "kind: x\napiVersion: y\nservices:\n  web: {image: nginx:1.25}\n", encoding="utf-8"
    )
    done = cli("import", "compose", compose).ok()
    assert "id: web" in done.stdout
