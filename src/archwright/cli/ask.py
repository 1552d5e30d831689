"""`archwright ask "QUESTION" [--arch FILE] [--spec FILE] [--session NAME] [--yes]`.

No question: an interactive prompt with history. The answering is
`archwright.advise.ask.answer` (the web chat panel calls the same function); this module
only reads files, prints, asks for acceptance of an edit and writes the accepted file.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from archwright.cli.collector import restore_threshold
from archwright.cli.errors import BadInput, input_errors
from archwright.cli.llm_option import LLM_HELP

if TYPE_CHECKING:
    from archwright.advise.ask import Answer, Conversation
    from archwright.llm import LlmClient
    from archwright.model import Architecture, Requirements

DEFAULT_ARCH = Path("archwright.yaml")
PROMPT = "ask> "


def command(
    question: str | None = typer.Argument(None, help="The question (none: interactive)."),
    arch_file: Path | None = typer.Option(
        None, "--arch", help="Architecture file (default: ./archwright.yaml when present)."
    ),
    spec: Path | None = typer.Option(None, "--spec", help="Requirements file (the context)."),
    session: str | None = typer.Option(
        None, "--session", help="Keep the conversation in the store under NAME (resumable)."
    ),
    yes: bool = typer.Option(False, "--yes", help="Accept a proposed edit without asking."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    export: Path | None = typer.Option(
        None, "--export", help="With --session: write it as markdown with its ADRs to FILE."
    ),
    llm: str | None = typer.Option(
        None,
        "--llm",
        help="Model that may route and phrase (figures stay the engines'): " + LLM_HELP,
    ),
) -> None:
    """Ask about the design in words: answers from the engines, edits as diffs to accept."""
    with input_errors():
        if fmt not in ("text", "json"):
            raise BadInput(f"unknown format {fmt!r} (text or json)")
        if export is not None and session is None:
            raise BadInput("--export needs --session NAME")
        path = arch_file or (DEFAULT_ARCH if DEFAULT_ARCH.is_file() else None)
        chat = _Chat(path, spec, fmt, yes)
        chat.conversation = _open_session(session, chat.original) if session else None
        from archwright.cli.llm_option import client_for

        chat.llm = client_for(llm)
    try:
        if question is not None:
            chat.turn(question)
        elif export is None:
            chat.interactive()
    finally:
        if chat.llm is not None:
            chat.llm.close()
    if export is not None and chat.conversation is not None:
        _export(chat.conversation, session or "", export)


class _Chat:
    """One command run: the model as it stands, and how turns are printed and accepted."""

    def __init__(self, path: Path | None, spec: Path | None, fmt: str, yes: bool) -> None:
        from archwright.archfile import load_requirements

        self.path, self.fmt, self.yes = path, fmt, yes
        self.spec_path = spec
        self.spec: Requirements | None = load_requirements(spec) if spec else None
        self.conversation: Conversation | None = None
        self.llm: LlmClient | None = None
        self.original = b""
        self.arch = self._load()

    def _load(self) -> Architecture:
        from archwright.archfile import load_architecture
        from archwright.archfile.reading import Unreadable, read_bytes
        from archwright.archfile.safe_yaml import MAX_BYTES
        from archwright.model import Architecture

        if self.path is None:
            return Architecture(name="no model")
        arch = load_architecture(self.path)
        try:
            self.original = read_bytes(self.path, MAX_BYTES)
        except Unreadable as exc:
            raise BadInput(f"{self.path}: {exc}") from None
        return arch

    def turn(self, question: str) -> None:
        from archwright.advise.ask import NO_FILE, QuestionError, answer

        with input_errors():
            try:
                reply = answer(
                    question,
                    self.arch,
                    arch_name=str(self.path) if self.path else NO_FILE,
                    spec=self.spec,
                    spec_name=str(self.spec_path) if self.spec_path else None,
                    json_format=bool(self.path and self.path.suffix.lower() == ".json"),
                    llm=self.llm,
                )
            except QuestionError as exc:
                raise BadInput(str(exc)) from None
        applied = self._show(reply)
        if self.conversation is not None:
            self.conversation.record(reply, reply.edit.new_text if applied and reply.edit else None)

    def _show(self, reply: Answer) -> bool:
        from archwright.cli.output import print_json

        if self.fmt == "json":
            applied = self._accept(reply, quiet=True)
            print_json({**reply.to_json(), "applied": applied})
            return applied
        print(reply.text)
        if reply.edit is not None:
            _print_edit(reply)
        if reply.pushback:
            print("The case against:")
            for line in reply.pushback:
                print(f"  - {line}")
        if reply.command:
            print(f"Reproduce: {reply.command}")
        return self._accept(reply, quiet=False)

    def _accept(self, reply: Answer, quiet: bool) -> bool:
        """Ask (or take --yes); write atomically only after acceptance."""
        from archwright.advise.ask import StaleFile, apply_edit

        if reply.edit is None:
            return False
        if self.path is None:
            print("archwright: not applied: no model file (give --arch)", file=sys.stderr)
            return False
        if not (self.yes or (not quiet and _confirm(f"Apply this edit to {self.path}?"))):
            print(f"archwright: not applied; {self.path} is unchanged", file=sys.stderr)
            return False
        with input_errors():
            try:
                apply_edit(reply.edit, self.path, self.original)
            except StaleFile as exc:
                raise BadInput(str(exc)) from None
            self.arch = self._load()
        print(f"archwright: wrote {self.path}", file=sys.stderr)
        return True

    def interactive(self) -> None:
        restore_threshold()  # a conversation of any length: Python's own collector thresholds
        history = self.conversation.questions() if self.conversation else []
        _readline_history(history)
        if history:
            print(f"(resuming: {len(history)} earlier questions; up-arrow recalls them)")
        while True:
            try:
                line = input(PROMPT)
            except EOFError:
                print()
                return
            text = line.strip()
            if text in ("quit", "exit", "q"):
                return
            if text:
                try:
                    self.turn(text)
                except typer.Exit as exc:
                    if exc.exit_code not in (0, None):
                        continue
                    raise


def _print_edit(reply: Answer) -> None:
    from archwright.advise.ask import render_delta

    assert reply.edit is not None
    print(reply.edit.diff, end="" if reply.edit.diff.endswith("\n") else "\n")
    print("Before -> after (engines):")
    for d in reply.edit.deltas:
        print(f"  {render_delta(d)}")


def _confirm(prompt: str) -> bool:
    """y/N on stderr, read from stdin; end of input means no."""
    print(f"{prompt} [y/N] ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    return line.strip().lower() in ("y", "yes")


def _readline_history(questions: list[str]) -> None:
    try:
        import readline
    except ImportError:  # pragma: no cover - platforms without readline
        return
    for q in questions:
        readline.add_history(q)


def _open_session(name: str, model: bytes) -> Any:
    from archwright.advise.ask import Conversation
    from archwright.store import Store, StoreError

    with input_errors():
        try:
            return Conversation.open(Store(), name, model.decode("utf-8") if model else None)
        except StoreError as exc:
            raise BadInput(f"session {name!r}: {exc}") from None


def _export(conversation: Any, name: str, out: Path) -> None:
    from archwright.archfile import write_atomic

    with input_errors():
        try:
            write_atomic(out, conversation.export_markdown(name))
        except OSError as exc:
            raise BadInput(f"cannot write {out}: {exc.strerror}") from None
    print(f"archwright: wrote {out}", file=sys.stderr)
