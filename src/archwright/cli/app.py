"""The `archwright` command. Each command lives in its own module; this file only lists them.

Command modules import nothing heavy at module level, so `archwright --help` stays fast.
"""

from __future__ import annotations

import sys

import typer

from archwright import __version__
from archwright.cli import (
    adr,
    ask,
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
    serve,
    session,
    simulate,
    slo,
    specs,
    sweep,
    tradeoff,
    validate,
)
from archwright.cli.errors import EXIT_BAD_INPUT

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
app.command("ask")(ask.command)
app.command("serve")(serve.command)


_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def main() -> None:
    """Run the CLI; a usage error (unknown option, `--rps abc`) is one line, exit 2.

    Typer's own report is a usage block, a hint and a boxed message: four lines for one
    problem, unlike every other refusal. Help asked for by running with no arguments is
    still printed whole.
    """
    try:
        code = app(standalone_mode=False)
    except typer.Abort:
        print("Aborted!", file=sys.stderr)
        sys.exit(1)
    except _CLICK_ERROR as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            print(exc.format_message(), file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(EXIT_BAD_INPUT)
        message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
        ctx = getattr(exc, "ctx", None)
        where = f"{ctx.info_name}: " if ctx is not None and ctx.parent is not None else ""
        print(f"archwright: {where}{message}", file=sys.stderr)
        sys.exit(int(getattr(exc, "exit_code", EXIT_BAD_INPUT)))
    sys.exit(code if isinstance(code, int) else 0)
