"""Table cells print as written: a bracket in a finding or a component id is not markup."""

from __future__ import annotations

import pytest
from rich.table import Table

from archwright.cli.output import console, literal


def test_literal_cells_keep_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    table = Table()
    table.add_column("finding")
    table.add_column("fix")
    table.add_row(*literal("takes list[str] and [bold]x[/bold]", "[/]"))
    console().print(table)
    out = capsys.readouterr().out
    assert "list[str]" in out and "[bold]x[/bold]" in out and "[/]" in out
