"""`archwright specs list` and `archwright specs show NAME`: the reference spec library."""

from __future__ import annotations

import typer

from archwright.cli.errors import BadInput, input_errors

app = typer.Typer(
    help="Reference designs of well-known products, usable as starting points.",
    no_args_is_help=True,
)


@app.command("list")
def list_command(
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List the reference specs: name, category and title."""
    from archwright.cli.output import print_json
    from archwright.kb.specs import load_specs

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (use table or json)")
        specs = load_specs().specs
        if fmt == "json":
            print_json(
                [
                    {"name": s.name, "title": s.title, "category": s.category, "summary": s.summary}
                    for s in specs
                ]
            )
            return
        width = max(len(s.name) for s in specs)
        cat = max(len(s.category) for s in specs)
        for s in specs:
            print(f"{s.name:<{width}}  {s.category:<{cat}}  {s.title}")


@app.command("show")
def show_command(
    name: str = typer.Argument(..., help="Spec name (from `archwright specs list`)."),
    fmt: str = typer.Option("yaml", "--format", help="yaml or json."),
) -> None:
    """Show one spec: its requirements and reference architecture."""
    from archwright.archfile import dump_yaml, to_data
    from archwright.cli.design import find_spec
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("yaml", "json"):
            raise BadInput(f"unknown format {fmt!r} (use yaml or json)")
        spec = find_spec(name)
        data = {
            "name": spec.name,
            "title": spec.title,
            "category": spec.category,
            "summary": spec.summary,
            "notes": spec.notes,
            "architecture": to_data(spec.architecture),
        }
        if fmt == "json":
            print_json(data)
        else:
            print(dump_yaml(data), end="")
