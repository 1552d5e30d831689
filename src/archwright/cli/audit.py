"""`archwright audit ARCH [--format table|json|markdown|sarif] [--fail-on SEVERITY]`,
or `archwright audit --from compose|kubernetes|terraform|repo PATH [--min-confidence
LEVEL] ...`: import the deployment files and audit the result in one process."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from archwright.cli.errors import EXIT_FINDINGS, BadInput, input_errors
from archwright.cli.import_cmd import MIN_CONFIDENCE
from archwright.cli.output import warn_inferred

FORMATS = ("table", "json", "markdown", "sarif")


def _tokens(values: list[str]) -> list[str]:
    return [t for v in values for t in v.split(",") if t.strip()]


def command(
    arch_file: str = typer.Argument(
        ..., metavar="ARCH", help="Architecture file (with --from: the files to import)."
    ),
    fmt: str = typer.Option("table", "--format", help="table, json, markdown or sarif."),
    fail_on: str | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 when a finding is at or above: info|low|medium|high|critical.",
    ),
    only: list[str] = typer.Option(
        [], "--only", help="Rule codes, dotted names or categories (comma-separated, repeatable)."
    ),
    skip: list[str] = typer.Option([], "--skip", help="Rule codes, names or categories to skip."),
    from_kind: str | None = typer.Option(
        None,
        "--from",
        metavar="KIND",
        help="Import ARCH first (compose, kubernetes, terraform or repo), in this process.",
    ),
    min_confidence: str = MIN_CONFIDENCE,
) -> None:
    """Audit an architecture: findings with reasons and fixes, graded A-F per category."""
    from archwright.audit import UnknownSelector, audit
    from archwright.model import Severity

    with input_errors():
        if fmt not in FORMATS:
            raise BadInput(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")
        threshold = None
        if fail_on is not None:
            try:
                threshold = Severity(fail_on.lower())
            except ValueError:
                choices = ", ".join(s.value for s in Severity)
                raise BadInput(f"unknown severity {fail_on!r}; choose from: {choices}") from None
        arch, items = _architecture(arch_file, from_kind, fmt, min_confidence)
        try:
            report = audit(arch, only=_tokens(only), skip=_tokens(skip))
        except UnknownSelector as exc:
            raise BadInput(str(exc)) from None
    warn_inferred(arch)
    from archwright.model.collector import collector_paused

    with collector_paused():  # tens of thousands of plain dicts and rows: no cycles
        _print(report, arch, Path(arch_file), fmt, items, imported=from_kind is not None)
    if threshold is not None and any(f.severity.rank >= threshold.rank for f in report.active):
        raise typer.Exit(EXIT_FINDINGS)


def _architecture(
    arch_file: str, from_kind: str | None, fmt: str, min_confidence: str = "possible"
) -> tuple[Any, Any]:
    """The model to audit and, for SARIF, the lines its items start on.

    With `--from`, the model `import` would write, built in this process (one start-up
    instead of two, issue 16): the same importer and confidence filter as `import`
    (`import_cmd.imported`), its losses on stderr as `import` prints them, and the
    whole-model check the loader applies, so the findings are those of `import` then
    `audit`. The importer's model needs no second validation: its components and
    connections are built validated, and reading back what `import` writes gives an
    equal model (tests/cli/test_audit_from.py holds every importer fixture to that).
    """
    from archwright.archfile import FileProblem, load_architecture
    from archwright.archfile.one_pass import ItemLines

    if from_kind is None:
        if min_confidence != "possible":  # an architecture file's calls are all stated
            raise BadInput("--min-confidence applies to --from KIND PATH only")
        # SARIF places findings on lines: noted during the one parse, not by a second.
        items = ItemLines() if fmt == "sarif" else None
        return load_architecture(Path(arch_file), items), items
    from archwright.cli.import_cmd import imported, print_losses
    from archwright.model import check

    result = imported(from_kind, arch_file, min_confidence)
    print_losses(result)
    problems = check(result.architecture)
    if problems:
        raise FileProblem(arch_file, [(None, p) for p in problems])
    return result.architecture, None


def _print(
    report: Any, arch: Any, arch_file: Path, fmt: str, items: Any, *, imported: bool = False
) -> None:
    from archwright.audit.render import json_pieces, to_markdown
    from archwright.cli.output import json_document, print_json, print_text

    if fmt == "json":  # one JSON document on stdout, as `print_json` writes it
        for piece in json_pieces(report, json_document):
            sys.stdout.write(piece)
        sys.stdout.write("\n")
    elif fmt == "sarif":
        from archwright.archfile import read_text
        from archwright.audit.sarif import to_sarif

        # An imported model has no file of its own: results point at the imported
        # PATH, line 1 (deployment files do not say where a component is defined).
        text = "" if imported else read_text(arch_file)
        print_json(to_sarif(report, arch, text, _uri(arch_file), items))
    elif fmt == "markdown":
        print_text(to_markdown(report, arch.name))
    else:
        _print_table(report)


def _uri(path: Path) -> str:
    """The file relative to the working directory when under it (what code scanning wants)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _print_table(report: Any) -> None:
    from archwright.cli.output import capped, console
    from archwright.cli.plain_table import print_table

    out = console()
    title, headers = "Audit findings", ("severity", "rule", "targets", "finding", "fix")
    shown, more = capped(report.active, "findings")
    rows = [(f.severity.value, f.rule_id, ", ".join(f.targets), f.message, f.fix) for f in shown]
    if rows:
        print_table(out, title, headers, rows)
    else:
        out.print("No findings.")
    if more:
        out.print(more)
    suppressed = [f for f in report.findings if f.suppressed is not None]
    for f in suppressed:
        out.print(f"suppressed {f.rule_id} on {', '.join(f.targets)}: {f.suppressed}", markup=False)
    grades = "  ".join(f"{c.value} {g.grade}" for c, g in report.grades.items())
    out.print(f"grades: {grades}  overall {report.overall.grade} ({report.overall.score}/100)")
    if report.load:
        out.print(f"load: {report.load}")
    for warning in report.warnings:
        out.print(f"warning: {warning}", markup=False)


def rules_command(
    fmt: str = typer.Option("table", "--format", help="table, json or markdown."),
) -> None:
    """List the audit rules (markdown is the docs/rules.md reference)."""
    from archwright.audit import all_rules
    from archwright.audit.render import rules_markdown
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("table", "json", "markdown"):
            raise BadInput(f"unknown format {fmt!r}; choose from: table, json, markdown")
    rules = all_rules()
    if fmt == "markdown":
        print(rules_markdown(rules), end="")
    elif fmt == "json":
        print_json(
            [
                {
                    "code": r.rule.code,
                    "name": r.rule.name,
                    "category": r.rule.category.value,
                    "severity": r.rule.severity.value,
                    "summary": r.rule.summary,
                    "rationale": r.rule.rationale,
                    "fix": r.rule.fix,
                    "references": list(r.rule.refs),
                }
                for r in rules
            ]
        )
    else:
        for r in rules:
            print(f"{r.rule.code}  {r.rule.severity.value:<8}  {r.rule.name}  {r.rule.summary}")
