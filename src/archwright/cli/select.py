"""`archwright select KIND --spec FILE`: rank catalog technologies for a need."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.numbers import number_option


def command(
    kind: str = typer.Argument(
        ...,
        help="A component kind (stream, queue, sql_db...), kinds joined by commas "
        "(queue,stream: the first is the natural one), or a group (messaging).",
    ),
    spec: Path | None = typer.Option(None, "--spec", help="Requirements file (the need)."),
    arch: Path | None = typer.Option(
        None, "--arch", help="Or take the requirements recorded in this architecture file."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    top: int = number_option(8, "--top", bound="top", help="Rows of the ranking to print (table)."),
    speaks: str | None = typer.Option(
        None,
        "--speaks",
        help="Protocol(s) the clients speak (websocket, mqtt...): only candidates that "
        "speak it, as design narrows a role whose clients speak it. Replaces the protocol "
        "the requirements give the role (read from their keys and description).",
    ),
    horizon: float | None = number_option(
        None,
        "--horizon",
        bound="horizon",
        above_low=True,
        help="Years of scale.growth_per_year the scalability ceiling looks ahead (default 2).",
    ),
    holds: float | None = number_option(
        None,
        "--holds",
        bound="storage",
        help="GB of data the role holds, priced with each candidate (default: the "
        "requirements' scale.data_gb for a role that stores data; a design's decision "
        "names its store's share).",
    ),
) -> None:
    """Rank technologies for a need: guarantees, burden, cost at scale, team, cloud, lock-in."""
    from archwright.advise.select import SelectError, select
    from archwright.archfile import load_architecture, load_requirements
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json
    from archwright.kb import load_catalog
    from archwright.kb.tradeoffs import load_tradeoffs

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        req = load_requirements(spec) if spec else None
        if req is None and arch is not None:
            req = load_architecture(arch).requirements
        try:
            result = select(kind, req, load_catalog(), load_tradeoffs(), speaks, horizon, holds)
        except SelectError as exc:
            raise BadInput(str(exc)) from None
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import select_text

    print(select_text(result, top), end="")
