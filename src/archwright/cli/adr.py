"""`archwright adr ARCH [-o DIR]`: MADR records from the decisions in the model."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    arch_path: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    out: Path | None = typer.Option(None, "-o", "--output", help="Write one file per record."),
    fmt: str = typer.Option("markdown", "--format", help="markdown or json."),
) -> None:
    """Write Architecture Decision Records (MADR) for every decision in the model."""
    from archwright.advise.adr import architecture_records, write_records
    from archwright.archfile import load_architecture
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("markdown", "json"):
            raise BadInput(f"unknown format {fmt!r} (markdown or json)")
        arch = load_architecture(arch_path)
        records = architecture_records(arch)
        if not records:
            raise BadInput(f"{arch_path}: the model records no decisions")
        written = []
        if out is not None:
            try:
                written = write_records(out, records)
            except OSError as exc:
                raise BadInput(f"cannot write {out}: {exc.strerror}") from None
    if fmt == "json":
        print_json(
            {
                "records": [{"file": name, "markdown": text} for name, text in records],
                "written": [str(p) for p in written],
            }
        )
    elif out is not None:
        for path in written:
            print(path)
    else:
        print("\n---\n\n".join(text for _, text in records), end="")
