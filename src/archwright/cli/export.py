"""`archwright export ARCH --to FORMAT -o DIR`."""

from __future__ import annotations

import sys
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
            registry.load(to)
        except KeyError as exc:
            raise BadInput(str(exc.args[0])) from None
        arch = load_architecture(arch_file)
        try:
            module = registry.prepare(to, arch)
            files = module.render(arch)
        except ExportError as exc:
            raise BadInput(str(exc)) from None
        lost = registry.losses(to, arch)
        try:
            written = write_files(files, out)
        except UnsafePath as exc:
            raise BadInput(str(exc)) from None
    for loss in lost:
        print(loss.line(to), file=sys.stderr)
    for path in written:
        print(path)


def formats_command() -> None:
    """List the export formats."""
    from archwright.exporters import registry

    for name in registry.formats():
        print(name)
