"""`archwright export ARCH --to FORMAT -o DIR [--git] [--push URL]`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from archwright.cli.errors import BadInput, input_errors

if TYPE_CHECKING:
    from archwright.exporters._git import Author


def command(
    arch_file: Path = typer.Argument(..., metavar="ARCH", help="Architecture file."),
    to: str = typer.Option(..., "--to", help="Export format (see `archwright formats`)."),
    out: Path = typer.Option(Path("out"), "-o", "--out", help="Output folder."),
    git: bool = typer.Option(
        False, "--git", help="Make the output folder a git repository with a first commit."
    ),
    author: str | None = typer.Option(
        None, "--author", help="Commit author 'Name <email>' (default: git config)."
    ),
    push: str | None = typer.Option(
        None, "--push", metavar="REMOTE_URL", help="Push the first commit there (implies --git)."
    ),
) -> None:
    """Export diagrams, infrastructure code or documents into a folder.

    All or nothing: the folder is rebuilt beside itself and swapped in, files this format
    wrote last time and no longer writes are removed, and the user's own files stay. What
    the format cannot express is reported on stderr, one line per loss.
    """
    from archwright.archfile import load_architecture
    from archwright.exporters import registry
    from archwright.exporters._git import GitError, parse_author
    from archwright.exporters._parallel import two_processes
    from archwright.exporters._staging import export_files
    from archwright.exporters._topology import one_topology
    from archwright.exporters.exporter import ExportError, UnsafePath
    from archwright.model.collector import collector_paused

    # One topology for the files and the losses, and no cyclic collector while a large
    # design becomes files: the exporters build trees of plain containers, and the
    # collector walking them was 25-40% of a 10k-component export (issue 16). A format
    # made of independent parts (the scaffold) may render them in two processes here,
    # where no other thread runs (exporters/_parallel.py).
    with input_errors(), one_topology(), collector_paused(), two_processes():
        try:
            registry.load(to)
        except KeyError as exc:
            raise BadInput(str(exc.args[0])) from None
        arch = load_architecture(arch_file)
        try:
            committer = parse_author(author) if author else None
            module = registry.prepare(to, arch)
            files = module.render(arch)
            lost = registry.losses(to, arch)
            result = export_files(files, out, to)
        except (ExportError, UnsafePath, GitError) as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            raise BadInput(f"cannot write to {out}: {exc.strerror or exc}") from None
    if lost:  # one write: stderr flushes each line, and a 10k model has thousands
        sys.stderr.write("".join(f"{loss.line(to)}\n" for loss in lost))
    if result.names:  # one write: the scaffold lists 50,000 paths at 10k components
        sys.stdout.write(result.lines())
    _report_cleanup(result.removed, result.kept)
    if git or push:
        _repository(out, arch.name, committer, push)


def _report_cleanup(removed: tuple[str, ...], kept: tuple[str, ...]) -> None:
    if removed:
        print(
            f"archwright: removed {len(removed)} file(s) this format no longer writes",
            file=sys.stderr,
        )
    if kept:
        print(
            f"archwright: kept {len(kept)} file(s) the format no longer writes because "
            f"they were edited: {', '.join(kept[:5])}",
            file=sys.stderr,
        )


def _repository(out: Path, name: str, committer: Author | None, push: str | None) -> None:
    from archwright.exporters import _git

    title = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())[:72]
    with input_errors():
        try:
            who = committer or _git.configured_author(out)
            commit = _git.init_and_commit(out, who, f"Initial commit: {title or 'architecture'}")
            print(f"committed {commit[:12]} as {who.name} <{who.email}>")
            if push:
                print(f"pushed main to {_git.push(out, push)}")
        except _git.GitError as exc:
            raise BadInput(str(exc)) from None


def formats_command() -> None:
    """List the export formats."""
    from archwright.exporters import registry

    for name in registry.formats():
        print(name)
