"""Confidence of imported calls: the filter, the diagrams, and the audit/simulate note."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from archwright.exporters import dot, mermaid
from archwright.importers import compose
from archwright.model.confidence import Confidence, confidence_of, inferred_note

FIXTURES = Path(__file__).parent / "fixtures"
VOTING = FIXTURES / "example-voting-app-compose"
FLASK = FIXTURES / "awesome-compose-nginx-flask-mysql"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args], capture_output=True, text=True, timeout=120
    )


def test_min_confidence_filters_calls_and_evidence(tmp_path: Path) -> None:
    every = _cli("import", "compose", str(FLASK))
    sure = _cli("import", "compose", str(FLASK), "--min-confidence", "confirmed")
    assert every.returncode == sure.returncode == 0, every.stderr + sure.stderr
    ids = [c["id"] for c in yaml.safe_load(every.stdout)["connections"]]
    kept = [c["id"] for c in yaml.safe_load(sure.stdout)["connections"]]
    assert sorted(ids) == ["backend->db", "proxy->backend"]
    assert kept == ["proxy->backend"]


def test_min_confidence_refuses_unknown_level() -> None:
    done = _cli("import", "compose", str(FLASK), "--min-confidence", "maybe")
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "confirmed, likely, possible" in done.stderr


def test_inferred_calls_are_dashed_and_labelled() -> None:
    arch = compose.parse(FLASK).architecture
    chart = mermaid.flowchart(arch)
    graph = dot.to_dot(arch)
    likely = [line for line in chart.splitlines() if "(likely)" in line]
    assert len(likely) == 1 and "-.->" in likely[0]
    solid = [line for line in chart.splitlines() if "-->" in line and "(likely)" not in line]
    assert len(solid) == 1 and "-.->" not in solid[0]
    dashed = [line for line in graph.splitlines() if 'style="dashed"' in line and "->" in line]
    assert len(dashed) == 1 and "(likely)" in dashed[0]


def test_hand_written_connections_count_as_confirmed() -> None:
    arch = compose.parse(FLASK).architecture
    plain = arch.connections[0].model_copy(update={"properties": {}})
    odd = arch.connections[0].model_copy(update={"properties": {"confidence": "sure?"}})
    assert confidence_of(plain) is Confidence.CONFIRMED
    assert confidence_of(odd) is Confidence.CONFIRMED


def test_audit_and_simulate_say_when_they_run_on_guessed_calls(tmp_path: Path) -> None:
    arch = compose.parse(VOTING).architecture
    note = inferred_note(arch)
    assert note is not None and note.startswith("note: 5 of 5 connections are inferred")
    out = tmp_path / "voting.yaml"
    assert _cli("import", "compose", str(VOTING), "-o", str(out)).returncode == 0
    for command in (["audit", str(out)], ["simulate", str(out)]):
        done = _cli(*command)
        lines = [x for x in done.stderr.splitlines() if "inferred" in x]
        assert lines == [f"archwright: {note}"], (command, done.stderr)
    sure = tmp_path / "sure.yaml"
    args = ("import", "compose", str(FLASK), "--min-confidence", "confirmed", "-o", str(sure))
    assert _cli(*args).returncode == 0
    assert "inferred" not in _cli("audit", str(sure)).stderr


def test_missing_calls_line_on_stderr() -> None:
    done = _cli("import", "kubernetes", str(FIXTURES / "example-voting-app-k8s"))
    assert done.returncode == 0, done.stderr
    assert (
        "archwright: loss: missing_calls: 5 services and 0 calls found: the hostnames are "
        "probably compiled into the code; run `import repo` on the source"
    ) in done.stderr.splitlines()
