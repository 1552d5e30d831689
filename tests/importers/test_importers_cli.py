"""`archwright import` and `archwright conform` end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

FIXTURES = Path(__file__).parent / "fixtures"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args], capture_output=True, text=True, timeout=120
    )


def test_import_yaml_to_stdout_and_losses_to_stderr() -> None:
    done = _cli("import", "kubernetes", str(FIXTURES / "online-boutique"))
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(done.stdout)
    assert len(data["components"]) == 12
    assert "shoppingassistantservice" in done.stderr  # address naming nothing deployed


def test_import_json_is_one_document() -> None:
    done = _cli("import", "compose", str(FIXTURES / "eshoponcontainers"), "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert set(doc) == {"architecture", "evidence", "losses"}
    assert any(
        e["source"] == "webmvc" and e["target"] == "webshoppingapigw" for e in doc["evidence"]
    )


def test_import_writes_file_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "arch.yaml"
    done = _cli("import", "compose", str(FIXTURES / "deathstarbench-socialnetwork"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert _cli("validate", str(out)).returncode == 0


def test_import_bad_kind() -> None:
    done = _cli("import", "ansible", str(FIXTURES))
    assert done.returncode == 2 and "unknown import format" in done.stderr


def test_conform_no_drift_then_drift(tmp_path: Path) -> None:
    design = tmp_path / "design.yaml"
    source = FIXTURES / "awesome-compose-nextcloud-redis-mariadb"
    assert _cli("import", "compose", str(source), "-o", str(design)).returncode == 0
    same = _cli("conform", str(design), "--against", "compose", str(source))
    assert same.returncode == 0, same.stdout + same.stderr
    data = yaml.safe_load(design.read_text())
    data["components"].append({"id": "search", "kind": "search_index"})
    data["connections"] = [c for c in data["connections"] if c["target"] != "redis"]
    data["connections"].append({"source": "nc", "target": "search", "protocol": "http"})
    design.write_text(yaml.safe_dump(data))
    drift = _cli("conform", str(design), "--against", "compose", str(source), "--format", "json")
    assert drift.returncode == 1
    changes = {(c["what"], c["status"], c["id"]) for c in json.loads(drift.stdout)["changes"]}
    assert changes == {
        ("component", "missing", "search"),
        ("connection", "missing", "nc->search"),
        ("connection", "extra", "nc->redis"),
    }
    table = _cli("conform", str(design), "--against", "compose", str(source))
    assert table.returncode == 1 and "nc->search" in table.stdout


def test_conform_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ncomponents: [{id: a, kind: nonsense}]\n")
    done = _cli("conform", str(bad), "--against", "compose", str(FIXTURES / "sock-shop-compose"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
