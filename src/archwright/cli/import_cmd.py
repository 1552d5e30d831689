"""`archwright import compose|kubernetes|terraform|repo PATH|URL [-o FILE] [--format yaml|json]
[--min-confidence confirmed|likely|possible]`.

The module is not called `import` because that is a Python keyword.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from archwright.cli.errors import BadInput, input_errors

if TYPE_CHECKING:
    from archwright.importers.importer import ImportResult


# The one definition of `--min-confidence`: `import` and `audit --from` declare it so,
# since `audit --from` audits what `import` writes (`imported` below).
MIN_CONFIDENCE = typer.Option(
    "possible",
    "--min-confidence",
    help="Keep calls at least this sure: confirmed, likely or possible.",
)


def command(
    kind: str = typer.Argument(..., metavar="KIND", help="compose, kubernetes, terraform or repo."),
    path: str = typer.Argument(
        ..., metavar="PATH", help="A file or a folder to import (repo: also a git URL)."
    ),
    out: Path | None = typer.Option(None, "-o", "--out", help="Write the architecture here."),
    fmt: str = typer.Option("yaml", "--format", help="yaml or json."),
    min_confidence: str = MIN_CONFIDENCE,
) -> None:
    """Reverse-engineer deployment files into an architecture, with a loss report."""
    from archwright.archfile import dumps_architecture, to_data, write_atomic
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("yaml", "json"):
            raise BadInput(f"unknown format {fmt!r}; choose yaml or json")
        result = imported(kind, path, min_confidence)
        arch = result.architecture
        json_out = fmt == "json" or (out is not None and out.suffix.lower() == ".json")
        text = dumps_architecture(arch, json_format=json_out)
        if out is not None:
            write_atomic(out, text)
    if fmt == "json":
        doc = {"architecture": to_data(arch), **result.report()}
        if out is not None:
            doc = {"written": str(out), **result.report()}
        print_json(doc)
        return
    if out is None:
        sys.stdout.write(text)
    else:
        print(f"{out}: {len(arch.components)} components, {len(arch.connections)} connections")
    print_losses(result)


def imported(kind: str, path: Path | str, min_confidence: str = "possible") -> ImportResult:
    """What `import KIND PATH` makes of the files: the importer's result, without the
    calls below `min_confidence`. `audit --from` audits exactly this, so the two
    commands cannot drift apart."""
    return keep_confident(run_import(kind, path), min_confidence)


def print_losses(result: ImportResult) -> None:
    """The loss report on stderr, one line each (stdout carries the command's output)."""
    for loss in result.losses:
        print(f"archwright: loss: {loss.line()}", file=sys.stderr)


def run_import(kind: str, path: Path | str) -> ImportResult:
    """Load the importer for `kind` and parse PATH (or clone a git URL for `repo`);
    problems become BadInput lines.

    The files become plain containers and frozen results, with no reference cycles, so
    the cyclic collector is paused while they are read, as the architecture loader does
    (model/collector.py). Only `repo` can clone, so only it imports the git module (its
    patterns compiled at import). Both were 3 M instructions of each `audit --from
    kubernetes` on Online Boutique (issue 16).
    """
    from archwright.importers import registry
    from archwright.importers.importer import ImportProblem
    from archwright.model.collector import collector_paused

    try:
        module = registry.load(kind)
    except KeyError as exc:
        raise BadInput(str(exc.args[0])) from None
    try:
        with collector_paused():
            if kind == "repo" and isinstance(path, str) and _git_url(path):
                result: ImportResult = module.parse_url(path)
            else:
                result = module.parse(Path(path))
    except ImportProblem as exc:
        raise BadInput(exc.one_line()) from None
    except RecursionError:
        raise BadInput(f"{path}: nested too deeply") from None
    return result


def _git_url(path: str) -> bool:
    from archwright.importers._git import is_git_url

    return is_git_url(path)


def keep_confident(result: ImportResult, level: str) -> ImportResult:
    """Drop the calls below `level` (and their evidence); losses are kept."""
    from dataclasses import replace

    from archwright.model.confidence import Confidence, confidence_of

    try:
        floor = Confidence(level)
    except ValueError:
        choices = ", ".join(c.value for c in Confidence)
        raise BadInput(f"unknown --min-confidence {level!r}; choose from: {choices}") from None
    kept = [c for c in result.architecture.connections if confidence_of(c).rank >= floor.rank]
    pairs = {(c.source, c.target) for c in kept}
    arch = result.architecture.model_copy(update={"connections": kept})
    evidence = [e for e in result.evidence if (e.source, e.target) in pairs]
    return replace(result, architecture=arch, evidence=evidence)
