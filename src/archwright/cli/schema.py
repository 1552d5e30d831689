"""`archwright schema`: the JSON Schema of architecture files, for editors and CI."""

from __future__ import annotations

import typer


def command(
    requirements: bool = typer.Option(
        False, "--requirements", help="Schema of a requirements file instead."
    ),
) -> None:
    """Print the JSON Schema of an architecture file (or of a requirements file)."""
    from archwright.archfile.schema import architecture_schema, requirements_schema
    from archwright.cli.output import print_json

    print_json(requirements_schema() if requirements else architecture_schema())
