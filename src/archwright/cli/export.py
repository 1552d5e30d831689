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
    """Export diagrams, infrastructure code or documents into a folder.

    All or nothing: the folder is rebuilt beside itself and swapped in, files this format
    wrote last time and no longer writes are removed, and the user's own files stay.
    """
    import sys

    from archwright.archfile import load_architecture
    from archwright.exporters import registry
    from archwright.exporters._staging import export_files
    from archwright.exporters.exporter import ExportError, UnsafePath

    with input_errors():
        try:
            registry.load(to)
        except KeyError as exc:
            raise BadInput(str(exc.args[0])) from None
        arch = load_architecture(arch_file)
        try:
            module = registry.prepare(to, arch)
            files = module.render(arch)
            lost = registry.losses(to, arch)
            result = export_files(files, out, to)
        except (ExportError, UnsafePath) as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"cannot write to {out}: {exc.strerror or exc}") from None
    for loss in lost:
        print(loss.line(to), file=sys.stderr)
    for path in result.written:
        print(path)
    if result.removed:
        print(
            f"archwright: removed {len(result.removed)} file(s) this format no longer writes",
            file=sys.stderr,
        )
    if result.kept:
        print(
            f"archwright: kept {len(result.kept)} file(s) the format no longer writes because "
            f"they were edited: {', '.join(result.kept[:5])}",
            file=sys.stderr,
        )


def formats_command() -> None:
    """List the export formats."""
    from archwright.exporters import registry

    for name in registry.formats():
        print(name)
