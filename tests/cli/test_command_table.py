"""The static command table (`cli/commands.py`) that lets the CLI import a command's
module only when it runs: every entry builds, every command in the modules is listed,
and `--help` prints exactly what the fully loaded CLI prints."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
import typer
from cli_process import imported_modules
from typer.core import TyperGroup
from typer.testing import CliRunner

import archwright.cli
from archwright.cli.app import app, build_command
from archwright.cli.commands import COMMANDS, CommandEntry

NAMES = [entry.name for entry in COMMANDS]


def test_names_and_targets_are_unique() -> None:
    assert len(set(NAMES)) == len(NAMES)
    targets = [(e.module, e.attr) for e in COMMANDS]
    assert len(set(targets)) == len(targets)


@pytest.mark.parametrize("entry", COMMANDS, ids=NAMES)
def test_entry_builds_and_its_summary_is_its_help(entry: CommandEntry) -> None:
    command = build_command(entry)
    assert command.name == entry.name
    assert not command.hidden and not command.deprecated and not command.short_help
    assert command.get_short_help_str(10_000) == entry.summary


def _commands_in_modules() -> set[tuple[str, str]]:
    """(module, attribute) of every command a cli module defines: a function named
    `command` or `*_command` not already registered on a Typer of its module, and every
    module-level Typer."""
    found: set[tuple[str, str]] = set()
    for info in pkgutil.iter_modules(archwright.cli.__path__):
        module = importlib.import_module(f"archwright.cli.{info.name}")
        apps = {n: v for n, v in vars(module).items() if isinstance(v, typer.Typer)}
        on_apps = {c.callback for a in apps.values() for c in a.registered_commands}
        if info.name == "app":
            continue  # the root itself
        found.update((info.name, name) for name in apps)
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and value.__module__ == module.__name__
                and (name == "command" or name.endswith("_command"))
                and value not in on_apps
            ):
                found.add((info.name, name))
    return found


def test_every_command_in_the_modules_is_in_the_table() -> None:
    found = _commands_in_modules()
    assert len(found) >= len(COMMANDS) > 25  # the walk sees the modules
    assert found == {(e.module, e.attr) for e in COMMANDS}


def test_root_registers_nothing_outside_the_table() -> None:
    assert app.registered_commands == [] and app.registered_groups == []
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    assert group.list_commands(typer.Context(group)) == NAMES


def test_help_is_what_the_fully_loaded_cli_prints() -> None:
    lazy = CliRunner().invoke(app, ["--help"], terminal_width=100)
    assert lazy.exit_code == 0
    root = typer.main.get_command(app)
    eager = TyperGroup(
        name=root.name,
        commands={e.name: build_command(e) for e in COMMANDS},
        params=root.params,
        help=root.help,
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    with typer.Context(eager, info_name="archwright", terminal_width=100) as ctx:
        assert lazy.output == eager.get_help(ctx) + "\n"
    listed = lazy.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == NAMES


def test_version_and_help_import_no_command_module() -> None:
    for args in (["--version"], ["--help"]):
        loaded = {m for m in imported_modules(*args) if m.startswith("archwright.")}
        assert loaded == {"archwright.cli", "archwright.cli.app", "archwright.cli.commands"} | {
            "archwright.cli.errors",
            "archwright.cli.collector",
            "archwright.cli.source_cache",
            "archwright.cachedir",
        }, args


def test_a_command_imports_its_own_module_only() -> None:
    loaded = imported_modules("validate", "examples/three_tier.yaml")
    commands = {m.rsplit(".", 1)[1] for m in loaded if m.startswith("archwright.cli.")}
    assert "validate" in commands
    assert not commands & ({e.module for e in COMMANDS} - {"validate"})
