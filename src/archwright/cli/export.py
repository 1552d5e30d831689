"""`archwright export ARCH --to FORMAT -o DIR`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import BadInput, input_errors


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    to: str = typer.Option(..., "--to", help="Export format (see `archwright formats`)."),
    out: Path = typer.Option(Path("out"), "-o", "--out", help="Output folder."),
) -> None:
    """Export diagrams, infrastructure code or documents into a folder."""
    from archwright.archfile import load_architecture
    from archwright.exporters import registry
    from archwright.exporters.exporter import ExportError, UnsafePath, write_files

    with input_errors():
        try:
            module = registry.load(to)
        except KeyError as exc:
            raise BadInput(str(exc.args[0])) from None
        arch = load_architecture(arch_file)
        try:
            files = module.render(arch)
        except ExportError as exc:
            raise BadInput(str(exc)) from None
        try:
            written = write_files(files, out)
        except UnsafePath as exc:
            raise BadInput(str(exc)) from None
    for path in written:
        print(path)


def formats_command() -> None:
    """List the export formats."""
    from archwright.exporters import registry

    for name in registry.formats():
        print(name)
