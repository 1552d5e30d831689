"""`archwright conform ARCH --against KIND PATH`: does the deployment match the design?"""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import EXIT_FINDINGS, BadInput, input_errors


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="The designed architecture."),
    against: str = typer.Option(..., "--against", help="compose, kubernetes, terraform or repo."),
    path: Path = typer.Argument(..., metavar="PATH", help="Deployment files to compare with."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Drift between a design and deployment files; exit 1 when they differ."""
    from archwright.archfile import load_architecture
    from archwright.cli.import_cmd import run_import
    from archwright.cli.output import console, print_json
    from archwright.exporters import registry
    from archwright.exporters._losses import expected
    from archwright.importers.drift import compare

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r}; choose table or json")
        design = load_architecture(arch_file)
        lost = registry.losses(against, design) if against in registry.formats() else []
        drift = compare(expected(design, lost), run_import(against, path).architecture)
    if fmt == "json":
        print_json({**drift.to_data(), "not_expressed": [loss.line(against) for loss in lost]})
    elif not drift.drifted:
        print(f"{arch_file}: no drift against {path}")
    else:
        from rich.table import Table

        table = Table(title=f"Drift: {arch_file} vs {path}")
        for column in ("what", "status", "id", "detail"):
            table.add_column(column)
        for change in drift.changes:
            table.add_row(change.what, change.status, change.id, change.detail)
        console().print(table)
    if lost and fmt == "table":
        print(f"{len(lost)} design fact(s) {against} does not express, so not compared:")
        for loss in lost:
            print(f"  {loss.line(against)}")
    if drift.drifted:
        raise typer.Exit(EXIT_FINDINGS)
