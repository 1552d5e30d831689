"""`archwright conform ARCH --against KIND PATH`: does the deployment match the design?"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from archwright.cli.errors import EXIT_FINDINGS, BadInput, input_errors

if TYPE_CHECKING:
    from archwright.exporters._losses import Loss
    from archwright.importers.drift import Drift
    from archwright.model import Architecture


def drift_against(design: Architecture, lost: Sequence[Loss], actual: Architecture) -> Drift:
    """Drift of deployment files from a design, given the losses its export declares:
    the files may hold the design as the format can express it, or as the exporter
    writes it where it declared a loss (the loss is printed, never a silent match)."""
    from archwright.exporters._losses import expected
    from archwright.importers.drift import compare

    return compare(expected(design, lost), actual, expected(design, lost, as_written=True))


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="The designed architecture."),
    against: str = typer.Option(..., "--against", help="compose, kubernetes, terraform or repo."),
    path: Path = typer.Argument(..., metavar="PATH", help="Deployment files to compare with."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Drift between a design and deployment files; exit 1 when they differ."""
    from archwright.archfile import load_architecture
    from archwright.cli.import_cmd import run_import
    from archwright.cli.output import print_json
    from archwright.exporters import registry

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r}; choose table or json")
        design = load_architecture(arch_file)
        lost = registry.losses(against, design) if against in registry.formats() else []
        drift = drift_against(design, lost, run_import(against, path).architecture)
    if fmt == "json":
        print_json({**drift.to_data(), "not_expressed": [loss.line(against) for loss in lost]})
    elif not drift.drifted:
        print(f"{arch_file}: no drift against {path}")
    else:
        _print_table(f"Drift: {arch_file} vs {path}", drift)
    if lost and fmt == "table":
        print(f"{len(lost)} design fact(s) the {against} export declares it does not express:")
        for loss in lost:
            print(f"  {loss.line(against)}")
    if drift.drifted:
        raise typer.Exit(EXIT_FINDINGS)


def _print_table(title: str, drift: Drift) -> None:
    """The drift table (ids and details come from the files)."""
    from archwright.cli.output import console
    from archwright.cli.plain_table import print_table

    rows = [(c.what, c.status, c.id, c.detail) for c in drift.changes]
    print_table(console(), title, ("what", "status", "id", "detail"), rows)
