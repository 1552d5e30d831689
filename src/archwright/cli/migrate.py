"""`archwright migrate ARCH --to TARGET` or `archwright migrate MONOLITH.yaml`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def command(
    source: Path = typer.Argument(
        ..., metavar="ARCH|MONOLITH", help="Architecture file, or a monolith description."
    ),
    to: Path | None = typer.Option(None, "--to", help="Target architecture file."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """A phased strangler-fig plan: extraction order by coupling, seams, data, rollback."""
    from archwright.advise.migrate import (
        is_monolith_file,
        load_monolith,
        monolith_from_architectures,
        plan,
    )
    from archwright.archfile import load_architecture
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        if is_monolith_file(str(source)):
            mono = load_monolith(str(source))
        elif to is None and (imported := _imported(source)) is not None:
            mono = imported
        else:
            if to is None:
                raise BadInput(
                    f"{source} is an architecture: give the target with --to, pass a "
                    "monolith description, or an `import repo` result with ORM modules"
                )
            from pydantic import ValidationError

            try:
                mono = monolith_from_architectures(load_architecture(source), load_architecture(to))
            except ValidationError:
                raise BadInput(f"{to}: the target needs at least two services to extract") from None
        result = plan(mono)
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import migrate_text

    print(migrate_text(result), end="")


def _imported(source: Path) -> Any:
    """The monolith an `import repo` result carries (modules read from ORM models)."""
    from archwright.advise.migrate import monolith_from_import
    from archwright.archfile import load_architecture

    return monolith_from_import(load_architecture(source))
