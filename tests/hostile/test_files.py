"""Paths that are not plain files: devices, FIFOs, stdin floods, symlink loops.

Each command must answer within the subprocess timeout (a FIFO with no writer used to
block 22 commands forever) and refuse in one line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]  # the `cli` fixture of conftest.py

COMPOSE = (
    "services:\n  web:\n    image: nginx\n    environment: {API_URL: 'http://api:80'}\n"
    "  api:\n    image: example/api:1\n"
)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "arch.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [("validate",), ("simulate",), ("cost",), ("audit",), ("availability",)],
    ids=lambda c: c[0],
)
def test_fifo_without_writer_is_refused_not_waited_on(
    cli: Cli, fifo: Path, command: tuple[str, ...]
) -> None:
    cli(command[0], fifo, *command[1:]).refused(str(fifo), "FIFO", "not a regular file")


@pytest.mark.parametrize("kind", ["compose", "kubernetes", "terraform", "repo"])
def test_importers_refuse_a_fifo(cli: Cli, fifo: Path, kind: str) -> None:
    cli("import", kind, fifo).refused("FIFO")


@pytest.mark.parametrize(
    "command",
    [
        ("validate",),
        ("simulate",),
        ("audit",),
        ("import", "kubernetes"),
        ("import", "compose"),
        ("import", "terraform"),
    ],
    ids=" ".join,
)
def test_dev_zero_is_refused(cli: Cli, command: tuple[str, ...]) -> None:
    """st_size is 0 for a device: a size check on stat() alone would read for ever."""
    cli(*command, "/dev/zero").refused("/dev/zero", "character device")


def test_stdin_is_read_with_a_cap(cli: Cli) -> None:
    flood = b"a" * (11 * 1024 * 1024)
    cli("validate", "-", stdin=flood).refused("standard input is over the 10 MiB limit")
    cli("validate", "/dev/stdin", stdin=flood).refused("over the 10 MiB limit")


def test_stdin_model_is_read(cli: Cli, three_tier: Path) -> None:
    out = cli("validate", "-", stdin=three_tier.read_bytes()).ok()
    assert "ok" in out.stdout


def test_folder_given_as_file(cli: Cli, tmp_path: Path) -> None:
    cli("validate", tmp_path).refused("is a folder, not a file")


def test_symlink_loop_as_model_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    cli("validate", tmp_path / "a.yaml").refused("symlink loop")


@pytest.mark.parametrize("kind", ["compose", "kubernetes", "repo"])
def test_symlink_loop_in_import_folder_is_one_line(cli: Cli, tmp_path: Path, kind: str) -> None:
    project = tmp_path / "project"
    (project / "svc").mkdir(parents=True)
    (project / "compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (project / "svc" / "Dockerfile").write_text("FROM python:3.12\n", encoding="utf-8")
    (project / "svc" / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
        "spec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n",
        encoding="utf-8",
    )
    (project / "svc" / "l1").symlink_to("l2")
    (project / "svc" / "l2").symlink_to("l1")
    cli("import", kind, project).refused("symlink loop")


def test_import_of_one_file_ignores_a_loop_beside_it(cli: Cli, tmp_path: Path) -> None:
    """`import compose FILE` reads that file (and what it names), not the folder tree."""
    (tmp_path / "compose.yaml").write_text(COMPOSE, encoding="utf-8")
    (tmp_path / "deep" / "x").mkdir(parents=True)
    (tmp_path / "deep" / "x" / "l1").symlink_to("l2")
    (tmp_path / "deep" / "x" / "l2").symlink_to("l1")
    (tmp_path / "l3").symlink_to("l4")
    (tmp_path / "l4").symlink_to("l3")
    out = cli("import", "compose", tmp_path / "compose.yaml").ok()
    assert "web" in out.stdout and "api" in out.stdout


def test_fifo_inside_import_folder_is_skipped(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
        "spec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n",
        encoding="utf-8",
    )
    os.mkfifo(tmp_path / "blocked.yaml")
    out = cli("import", "kubernetes", tmp_path).ok()
    assert "web" in out.stdout


def test_nul_byte_in_a_path_named_by_the_input(cli: Cli, tmp_path: Path) -> None:
    """Found by the fuzz suite: a compose build context with a NUL byte."""
    (tmp_path / "compose.yaml").write_text(
        'services:\n  web:\n    build: "a\\u0000b"\n', encoding="utf-8"
    )
    cli("import", "compose", tmp_path).refused("refusing path", "a\\x00b")


# Deep nesting: the pure-Python parsers raise RecursionError at a few hundred levels, the
# C YAML loader can segfault from about 30,000; the depth is checked before parsing.
DEEP = {
    "arch.json": "[" * 100_000 + "]" * 100_000,
    "arch.yaml": "name: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "block.yaml": "".join("  " * i + "k:\n" for i in range(3_000)),
}


@pytest.mark.parametrize("name", sorted(DEEP))
@pytest.mark.parametrize("command", ["validate", "simulate"])
def test_a_deeply_nested_model_file_is_one_line(
    cli: Cli, tmp_path: Path, name: str, command: str
) -> None:
    path = tmp_path / name
    path.write_text(DEEP[name], encoding="utf-8")
    cli(command, path).refused(str(path), "nested deeper than")


@pytest.mark.parametrize("kind", ["compose", "kubernetes"])
def test_a_deeply_nested_import_file_is_one_line(cli: Cli, tmp_path: Path, kind: str) -> None:
    path = tmp_path / ("compose.yaml" if kind == "compose" else "deploy.yaml")
    path.write_text("services:\n  web:\n    image: " + DEEP["arch.json"] + "\n", "utf-8")
    cli("import", kind, path).refused(path.name, "nested deeper than")


def test_a_raw_nul_byte_in_a_model_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    """A NUL byte in the file itself (not YAML's "\\0" escape, see test_text_output)."""
    path = tmp_path / "arch.yaml"
    path.write_bytes(b"name: a\x00b\ncomponents: []\n")
    cli("validate", path).refused(str(path))
