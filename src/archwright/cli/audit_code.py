"""`archwright audit-code DIR [--format text|json] [--fail-under GRADE]`."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.errors import EXIT_FINDINGS, BadInput, input_errors


def command(
    folder: Path = typer.Argument(..., metavar="DIR", help="Repository folder to grade."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    fail_under: str | None = typer.Option(
        None, "--fail-under", help="Exit 1 when the grade is worse than this letter (A-F)."
    ),
) -> None:
    """Grade a repository A-F: lint, complexity, tests, pinning, Dockerfiles, secrets."""
    from archwright.cli.output import print_json
    from archwright.codeaudit import ToolMissing, audit_code
    from archwright.codeaudit.render import to_data, to_text
    from archwright.codeaudit.repository import NotARepository
    from archwright.codeaudit.tools import ToolFailed

    with input_errors():
        if fmt not in ("text", "json"):
            raise BadInput(f"unknown format {fmt!r} (use text or json)")
        if fail_under is not None and fail_under not in ("A", "B", "C", "D", "F"):
            raise BadInput(f"--fail-under {fail_under!r}: use a letter A-F")
        try:
            report = audit_code(folder)
        except (NotARepository, ToolMissing, ToolFailed) as exc:
            raise BadInput(str(exc)) from None
    if fmt == "json":
        print_json(to_data(report))
    else:
        print(to_text(report))
    if fail_under is not None and report.grade > fail_under:
        raise typer.Exit(EXIT_FINDINGS)
