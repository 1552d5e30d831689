"""The `archwright` command. Each command lives in its own module, listed in
`cli/commands.py`; a module is imported only when its command runs or its own help is
shown, so a process pays for one command, not all 30 (issue 16).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, MutableMapping
from types import ModuleType
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from archwright import __version__
from archwright.cli.commands import COMMANDS, CommandEntry
from archwright.cli.errors import EXIT_BAD_INPUT


def _without_pydantic_plugins() -> None:
    """Run this process's pydantic models without third-party pydantic plugins.

    pydantic looks plugins up through `importlib.metadata` entry points when it builds
    its first model: importing `importlib.metadata` (email, zipfile, csv) and scanning
    every installed distribution cost each command about 0.08 G instructions, 6% of a
    whole `validate` (issue 16). The CLI's results must not depend on what else is
    installed, so its process answers pydantic's question "which plugins?" with none,
    as `PYDANTIC_DISABLE_PLUGINS=__all__` would, without the import. A pydantic that
    no longer asks there simply ignores this (tests/cli/test_startup_imports.py says so).
    Library users' processes are not touched: only the `archwright` command does this.
    """
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        stub = ModuleType(name, "No pydantic plugins in the archwright command.")
        stub.get_plugins = tuple  # type: ignore[attr-defined]
        sys.modules[name] = stub


_without_pydantic_plugins()  # before any command imports a model


def _one_blas_thread() -> None:
    """Load numpy's OpenBLAS with one thread unless the user chose a number.

    OpenBLAS starts a thread per core when numpy is imported: about 0.04 s of every
    command that imports numpy (simulate, chaos, availability, sweep, critique, review)
    on this project's 2-core machine, for nothing, since the engines use numpy's
    element-wise functions, which never call BLAS, and dot products of one journey's
    shares (issue 16). One thread also keeps those dot products summed in the same
    order on every machine. Set before numpy is imported; an explicit
    `OPENBLAS_NUM_THREADS` wins, and library users' processes are not touched.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


_one_blas_thread()  # before any command imports numpy

_BY_NAME = {entry.name: entry for entry in COMMANDS}
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,  # plain help: Rich's help renderer costs 150 ms of start-up
}


def build_command(entry: CommandEntry) -> Any:
    """The click command of one table entry, built as eager registration would build it
    (same Typer settings), from `archwright.cli.<module>`."""
    target = getattr(importlib.import_module(f"archwright.cli.{entry.module}"), entry.attr)
    holder = typer.Typer(**_SETTINGS)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=entry.name)
    else:
        holder.command(entry.name)(target)
    return typer.main.get_group(holder).commands[entry.name]


class _LazyCommands(MutableMapping[str, Any]):
    """The root group's commands: every table name is a key; a command is built on
    first lookup. An unknown name is a KeyError, so `get` answers None as for a dict."""

    def __init__(self, loaded: MutableMapping[str, Any]) -> None:
        self._loaded: dict[str, Any] = dict(loaded)

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            self._loaded[name] = build_command(_BY_NAME[name])
        return self._loaded[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        yield from _BY_NAME
        yield from (name for name in self._loaded if name not in _BY_NAME)

    def __len__(self) -> int:
        return len(set(_BY_NAME) | set(self._loaded))


class LazyGroup(TyperGroup):
    """Typer's group, with commands built on demand and listed from the table."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _LazyCommands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of `--help`, from the table's summaries: Typer's own layout,
        applied to stand-ins that carry only a name and the summary."""
        stand_ins: dict[str, Any] = {
            e.name: TyperCommand(name=e.name, help=e.summary) for e in COMMANDS
        }
        TyperGroup(name=self.name, commands=stand_ins).format_commands(ctx, formatter)


app = typer.Typer(
    name="archwright",
    help="Architecture workbench: design, audit, simulate and export system architectures.",
    no_args_is_help=True,
    cls=LazyGroup,
    **_SETTINGS,
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


def run() -> None:
    """The `archwright` process: `main`, then an exit that skips the interpreter's
    teardown.

    Freeing every module and object at exit cost each command about 0.07 G instructions,
    6% of a whole `validate` on 50 components (issue 16), for memory the operating
    system reclaims anyway. Once the command has ended, its buffered output is flushed
    and the `atexit` handlers run (temporary folders, logging) as teardown would, then
    the process ends with the same code. It falls back to the ordinary exit, with
    Python's own reporting, when a flush fails (a closed pipe: exit code and message
    stay Python's) or a non-daemon thread still runs (teardown would wait for it).
    Only the console script and `python -m archwright` call this; tests call `main`.
    """
    try:
        main()
    except SystemExit as done:
        if not isinstance(done.code, int | None) or _threads_still_running():
            raise
        import atexit

        atexit._run_exitfuncs()
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):
            raise done from None
        os._exit(done.code or 0)


def _threads_still_running() -> bool:
    """Whether a non-daemon thread other than this one is alive: teardown joins those."""
    threading = sys.modules.get("threading")
    if threading is None:
        return False
    me = threading.current_thread()
    return any(t is not me and not t.daemon and t.is_alive() for t in threading.enumerate())
