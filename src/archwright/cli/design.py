"""`archwright design TEXT | --spec FILE | --from-spec NAME | --from-tickets FILE [-o DIR]
[--format yaml|json]`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from archwright.cli.errors import BadInput, input_errors
from archwright.cli.llm_option import LLM_HELP

if TYPE_CHECKING:
    from archwright.generate import DesignResult
    from archwright.kb.specs import Spec
    from archwright.model import Cloud

_CLOUDS = ("aws", "gcp", "azure")


def command(
    text: str | None = typer.Argument(None, metavar="TEXT", help="What to build, in words."),
    spec: Path | None = typer.Option(None, "--spec", help="Requirements file (YAML or JSON)."),
    from_spec: str | None = typer.Option(
        None, "--from-spec", help="Start from a reference spec (see `archwright specs list`)."
    ),
    from_tickets: Path | None = typer.Option(
        None,
        "--from-tickets",
        help="Ticket export: Jira (CSV, JSON), Linear (CSV), GitHub (gh issue list --json), "
        "Notion (markdown).",
    ),
    out: Path | None = typer.Option(
        None, "-o", "--out", help="Output folder for archwright.yaml and design.md (default out/)."
    ),
    fmt: str = typer.Option("yaml", "--format", help="yaml (write files) or json (print)."),
    cloud: str | None = typer.Option(None, "--cloud", help="aws, gcp or azure."),
    llm: str | None = typer.Option(
        None, "--llm", help="The model proposes, the engine sizes: " + LLM_HELP
    ),
) -> None:
    """Design a sized, explained architecture from a description or a requirements file.

    Writes archwright.yaml and design.md into the output folder; with --format json the
    architecture is printed on stdout instead (and files are written only if -o is given).
    """
    import sys

    from archwright.archfile import to_data
    from archwright.cli.output import print_json

    with input_errors():
        _check_options(fmt, cloud, [text, spec, from_spec, from_tickets])
        from archwright.generate.extract import DescriptionTooLong
        from archwright.model import Cloud

        target = Cloud(cloud) if cloud else None
        try:
            result = _design(text, spec, from_spec, from_tickets, target)
        except DescriptionTooLong as exc:
            raise BadInput(str(exc)) from None
        from archwright.cli.llm_option import client_for, usage_note
        from archwright.generate.llm_design import enhance_for_cli, provenance_markdown

        client = client_for(llm)
        result, outcome = enhance_for_cli(result, text, client, target)
        arch = result.architecture
        if fmt == "json":
            print_json(to_data(arch))
        if fmt == "yaml" or out is not None:
            _write(result, provenance_markdown(outcome.provenance), out or Path("out"), fmt)
        print(f"archwright: {outcome.provenance.note}{usage_note(client)}", file=sys.stderr)


def _check_options(fmt: str, cloud: str | None, inputs: list[object]) -> None:
    """Refuse an unknown format or cloud, and anything but exactly one input, before the
    engine runs."""
    if fmt not in ("yaml", "json"):
        raise BadInput(f"unknown format {fmt!r} (use yaml or json)")
    if cloud is not None and cloud not in _CLOUDS:
        raise BadInput(f"unknown cloud {cloud!r} (use {', '.join(_CLOUDS)})")
    given = [x for x in inputs if x is not None]
    if len(given) != 1:
        raise BadInput(
            "give exactly one of: a description, --spec FILE, --from-spec NAME, --from-tickets FILE"
        )


def _write(result: DesignResult, provenance: str, folder: Path, fmt: str) -> None:
    """Write archwright.yaml and design.md (with how the design was made) into `folder`;
    in yaml format, print their paths and a one-line summary."""
    from archwright.archfile import dumps_architecture, write_atomic
    from archwright.generate.report import render

    arch = result.architecture
    files = {
        "archwright.yaml": dumps_architecture(arch),
        "design.md": render(result) + "\n" + provenance,
    }
    try:
        for name, body in files.items():
            write_atomic(folder / name, body)
    except OSError as exc:
        raise BadInput(f"cannot write to {folder}: {exc.strerror or exc}") from None
    if fmt == "yaml":
        for name in files:
            print(folder / name)
        total = result.cost.monthly_total
        print(
            f"{len(arch.components)} components, {len(arch.decisions)} decisions, "
            f"{len(result.conflicts)} conflicts, about ${total:,.0f}/month"
        )


def _design(
    text: str | None,
    spec: Path | None,
    from_spec: str | None,
    tickets: Path | None,
    cloud: Cloud | None,
) -> DesignResult:
    """Run the engine on whichever input was given (exactly one is)."""
    from archwright.archfile import load_requirements
    from archwright.generate import design

    if tickets is not None:
        from archwright.generate.tickets import design_from_tickets

        return design_from_tickets(tickets, cloud=cloud)
    if text is not None:
        if not text.strip():
            raise BadInput("the description is empty")
        return design(text, cloud=cloud)
    if spec is not None:
        return design(load_requirements(spec), cloud=cloud)
    chosen = find_spec(from_spec or "")
    return design(chosen.requirements, cloud=cloud, name=chosen.title)


def find_spec(name: str) -> Spec:
    import difflib

    from archwright.kb.specs import load_specs

    library = load_specs()
    found = library.find(name)
    if found is None:
        close = difflib.get_close_matches(name.lower(), library.names(), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else " (see `archwright specs list`)"
        raise BadInput(f"no reference spec {name!r}{hint}")
    return found
