"""The audit judges capacity and cost at the recorded peak; a cycle of calls that never
settles makes that load a lower bound, and every audit format says so (issue 17).

The line is `cost.traffic.Unsettled`'s, the one simulate, chaos and cost print.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archwright.audit import audit
from archwright.cli.app import app
from archwright.cost.traffic import Unsettled
from archwright.model import Architecture
from loop_designs import loop

LINE = Unsettled(("a", "b"), 200).line


def _loop(back: float) -> Architecture:
    return loop(back, {"avg_rps": 10, "peak_rps": 20})


def test_the_report_carries_the_line_of_a_loop_that_did_not_settle_at_the_peak() -> None:
    assert audit(_loop(1.0)).warnings == (LINE,)
    assert audit(_loop(0.5)).warnings == ()


def test_a_loop_with_no_recorded_peak_carries_no_load_and_no_warning() -> None:
    """With no peak the audit judges no load (every rate 0), so nothing is a lower bound."""
    arch = _loop(1.0)
    arch.requirements.scale.peak_rps = None
    assert audit(arch).warnings == ()


def test_every_audit_format_states_the_unsettled_loop(tmp_path: Path) -> None:
    """JSON `warnings`, the table's `warning:` line, Markdown's `Warning:` line and a SARIF
    tool notification; a loop that settles shows none of them."""
    runner = CliRunner()
    for back, expected in ((1.0, [LINE]), (0.5, [])):
        path = tmp_path / f"loop{back}.json"
        path.write_text(_loop(back).model_dump_json(exclude_none=True), "utf-8")
        document = json.loads(runner.invoke(app, ["audit", str(path), "--format", "json"]).stdout)
        assert document["warnings"] == expected
        table = " ".join(runner.invoke(app, ["audit", str(path)]).stdout.split())
        markdown = runner.invoke(app, ["audit", str(path), "--format", "markdown"]).stdout
        sarif = json.loads(runner.invoke(app, ["audit", str(path), "--format", "sarif"]).stdout)
        notes = [
            n["message"]["text"]
            for inv in sarif["runs"][0].get("invocations", [])
            for n in inv["toolExecutionNotifications"]
        ]
        assert notes == expected
        assert (f"warning: {LINE}" in table) == bool(expected)
        assert (f"Warning: {LINE}." in markdown) == bool(expected)
