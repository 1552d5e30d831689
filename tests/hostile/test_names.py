"""Names an importer cannot use as ids: normalised to a stable safe id, reported as a loss.

Each used to end in a pydantic ValidationError traceback (issue 17).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

POD = (
    "apiVersion: v1\nkind: Pod\nmetadata: {labels: {app: x}}\n"
    "spec:\n  containers: [{name: c, image: nginx}]\n"
)


def imported(cli: Cli, kind: str, path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(cli("import", kind, path, "--format", "json").ok().stdout)
    ids = [c["id"] for c in doc["architecture"]["components"]]
    assert all(1 <= len(i) <= 200 for i in ids), ids
    return doc


def renamed(doc: dict[str, Any]) -> list[dict[str, str]]:
    return [loss for loss in doc["losses"] if loss["category"] == "renamed"]


def test_pod_without_a_name(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(POD, encoding="utf-8")
    doc = imported(cli, "kubernetes", tmp_path)
    (comp,) = doc["architecture"]["components"]
    assert comp["id"].startswith("unnamed-")
    assert renamed(doc) and renamed(doc)[0]["file"] == "pod.yaml"
    again = imported(cli, "kubernetes", tmp_path)
    assert again["architecture"] == doc["architecture"], "the safe id must be stable"


@pytest.mark.parametrize("length", [201, 5000])
def test_compose_service_name_too_long(cli: Cli, tmp_path: Path, length: int) -> None:
    name = "s" * length
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  ? {name}\n  : image: nginx\n    environment: {{U: 'http://db:5432'}}\n"
        "  db:\n    image: postgres:16\n",
        encoding="utf-8",
    )
    doc = imported(cli, "compose", tmp_path)
    ids = sorted(c["id"] for c in doc["architecture"]["components"])
    long_id = next(i for i in ids if i.startswith("sss"))
    assert len(long_id) == 200
    conns = doc["architecture"]["connections"]
    assert [(c["source"], c["target"]) for c in conns] == [(long_id, "db")]
    assert renamed(doc)


def test_two_long_names_with_one_prefix_stay_apart(cli: Cli, tmp_path: Path) -> None:
    a, b = "p" * 250 + "a", "p" * 250 + "b"
    (tmp_path / "compose.yaml").write_text(
        f"services:\n  {a}:\n    image: nginx\n  {b}:\n    image: nginx\n", encoding="utf-8"
    )
    doc = imported(cli, "compose", tmp_path)
    assert len({c["id"] for c in doc["architecture"]["components"]}) == 2


def test_compose_empty_service_name(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        'services:\n  "":\n    image: nginx\n  api:\n    image: example/api:1\n',
        encoding="utf-8",
    )
    doc = imported(cli, "compose", tmp_path)
    assert any(c["id"].startswith("unnamed-") for c in doc["architecture"]["components"])
    assert renamed(doc)


def test_terraform_name_over_200_characters(cli: Cli, tmp_path: Path) -> None:
    name = "d" * 250
    (tmp_path / "main.tf").write_text(
        f'resource "aws_db_instance" "{name}" {{\n  engine = "postgres"\n}}\n', encoding="utf-8"
    )
    doc = imported(cli, "terraform", tmp_path)
    (comp,) = doc["architecture"]["components"]
    assert comp["id"].startswith("aws_db_instance.ddd") and len(comp["id"]) == 200
    assert renamed(doc)


def test_replica_counts_past_the_bound_are_capped(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  api:\n    image: nginx\n    deploy: {replicas: 100000000000000000000}\n",
        encoding="utf-8",
    )
    doc = imported(cli, "compose", tmp_path)
    (comp,) = doc["architecture"]["components"]
    assert comp["replicas"] == 1_000_000
    # A lone service calls nothing, so the loss report also says no call was found.
    assert sorted(loss["category"] for loss in doc["losses"]) == ["capped", "missing_calls"]


def test_control_characters_in_a_name(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        'services:\n  "a\\u0000b\\nc":\n    image: nginx\n', encoding="utf-8"
    )
    doc = imported(cli, "compose", tmp_path)
    (comp,) = doc["architecture"]["components"]
    assert comp["id"] == "abc"
    assert renamed(doc)
