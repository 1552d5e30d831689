"""`archwright review ARCH [--llm PROVIDER:MODEL]`: the audit told as a narrative review."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.llm_option import LLM_HELP


def command(
    arch_path: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    llm: str | None = typer.Option(None, "--llm", help="Model to write the narrative: " + LLM_HELP),
    fmt: str = typer.Option("markdown", "--format", help="markdown or json."),
) -> None:
    """Review an architecture: the audit's findings, prioritised and explained.

    With --llm (or a model in the config file) a model writes the narrative, grounded in
    the findings; without one, the review is the audit skeleton and says the LLM was not
    used.
    """
    import sys

    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("markdown", "json"):
            raise BadInput(f"--format must be markdown or json, not {fmt!r}")
        from archwright.archfile import load_architecture
        from archwright.cli.llm_option import client_for

        arch = load_architecture(arch_path)
        client = client_for(llm)
    from archwright.advise.review import render_markdown, review
    from archwright.audit import audit

    report = audit(arch)
    grades = {cat.value: g.grade for cat, g in report.grades.items()}
    try:
        result = review(arch, report.active, grades, client)
        usage = client.usage_summary() if client is not None else {}
    finally:
        if client is not None:
            client.close()
    if fmt == "json":
        print_json(
            {
                "llm": {
                    "used": result.llm_used,
                    "source": result.source,
                    "note": result.note,
                    **usage,
                },
                "overall": report.overall.grade,
                "grades": grades,
                "review": result.review.model_dump(mode="json"),
            }
        )
        return
    sys.stdout.write(render_markdown(result))
    print(f"archwright: {result.note}", file=sys.stderr)
