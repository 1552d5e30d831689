"""The `archwright` command. Each command lives in its own module; this file only lists them.

Command modules import nothing heavy at module level, so `archwright --help` stays fast.
"""

from __future__ import annotations

import typer

from archwright import __version__
from archwright.cli import (
    adr,
    audit,
    audit_code,
    availability,
    chaos,
    compare,
    conform,
    cost,
    critique,
    design,
    estimate,
    export,
    import_cmd,
    interview,
    migrate,
    prompt,
    review,
    schema,
    select,
    session,
    simulate,
    slo,
    specs,
    sweep,
    tradeoff,
    validate,
)

app = typer.Typer(
    name="archwright",
    help="Architecture workbench: design, audit, simulate and export system architectures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's help renderer costs 150 ms of start-up
)


def _version(value: bool) -> None:
    if value:
        print(f"archwright {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Architecture workbench: design, audit, simulate and export system architectures."""


app.command("validate")(validate.command)
app.command("schema")(schema.command)
app.command("export")(export.command)
app.command("formats")(export.formats_command)
app.command("cost")(cost.command)
app.command("audit")(audit.command)
app.command("rules")(audit.rules_command)
app.command("audit-code")(audit_code.command)
app.command("design")(design.command)
app.add_typer(specs.app, name="specs")
app.command("simulate")(simulate.command)
app.command("chaos")(chaos.command)
app.command("availability")(availability.command)
app.command("sweep")(sweep.command)
app.command("import")(import_cmd.command)
app.command("conform")(conform.command)
app.command("tradeoff")(tradeoff.command)
app.command("select")(select.command)
app.command("estimate")(estimate.command)
app.command("adr")(adr.command)
app.command("slo")(slo.command)
app.command("migrate")(migrate.command)
app.command("compare")(compare.command)
app.command("critique")(critique.command)
app.command("interview")(interview.command)
app.command("session")(session.command)
app.command("prompt")(prompt.command)
app.command("review")(review.command)


def main() -> None:
    app()
