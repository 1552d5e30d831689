"""Parts of an export rendered in two processes (exporters/_parallel.py): the results are
the serial ones in the same order, failures on either side come back as the exception
they were, no child is left behind, and the fork happens only where it is allowed.

A fork needs a process without other threads, and earlier tests of the suite (the web
server's, the browser's) leave daemon threads behind, so these run in a fresh pytest
process started by `test_parallel_parts.py`; the file name keeps the suite from
collecting them itself."""

from __future__ import annotations

import os
import pickle
import signal
import threading
from pathlib import Path

import pytest
from infra_validators import EXAMPLES, hostile_model
from typer.testing import CliRunner

from archwright.archfile import load_architecture
from archwright.cli.app import app
from archwright.exporters import _parallel, registry, scaffold
from archwright.exporters._parallel import Part, _split, render_parts, two_processes
from archwright.exporters.exporter import ExportError
from archwright.model import Architecture


@pytest.fixture(autouse=True)
def _only_thread() -> None:
    """A fork needs a process without other threads; a test that leaked one would make
    these tests pass serially and prove nothing, so say so instead."""
    assert threading.active_count() == 1, f"threads left running: {threading.enumerate()}"


def _no_child_left() -> None:
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def _pid_parts(n: int) -> list[Part[tuple[int, int]]]:
    return [Part(1.0, lambda i=i: (i, os.getpid())) for i in range(n)]


def test_without_permission_every_part_renders_here() -> None:
    results = render_parts(_pid_parts(4), fork=True)
    assert results == [(i, os.getpid()) for i in range(4)]


def test_without_the_callers_judgement_every_part_renders_here() -> None:
    with two_processes():
        results = render_parts(_pid_parts(4), fork=False)
    assert [pid for _, pid in results] == [os.getpid()] * 4


def test_two_processes_share_the_parts_and_keep_their_order() -> None:
    with two_processes():
        results = render_parts(_pid_parts(5), fork=True)
    assert [i for i, _ in results] == list(range(5))
    pids = {pid for _, pid in results}
    assert os.getpid() in pids
    assert len(pids) == 2
    _no_child_left()


def test_permission_ends_with_the_block() -> None:
    with two_processes():
        pass
    assert {pid for _, pid in render_parts(_pid_parts(3), fork=True)} == {os.getpid()}


def test_a_running_thread_keeps_the_render_in_one_process() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with two_processes():
            results = render_parts(_pid_parts(4), fork=True)
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}


def _fail_in_child(exc: BaseException) -> list[Part[object]]:
    """Parts whose failing one goes to the child: the parent's share is the heavy one."""

    def boom() -> object:
        raise exc

    return [Part(10.0, lambda: "parent"), Part(1.0, boom)]


def test_a_childs_export_error_is_raised_as_it_was() -> None:
    with two_processes(), pytest.raises(ExportError, match="cannot write x: nope"):
        render_parts(_fail_in_child(ExportError("cannot write x: nope")), fork=True)
    _no_child_left()


def test_a_childs_bug_keeps_its_type_and_carries_the_childs_traceback() -> None:
    with two_processes(), pytest.raises(KeyError) as caught:
        render_parts(_fail_in_child(KeyError("missing")), fork=True)
    notes = "".join(getattr(caught.value, "__notes__", []))
    assert "in the second rendering process" in notes
    assert "boom" in notes  # the child's frames
    _no_child_left()


class _Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise pickle.PicklingError("not this one")


def test_an_exception_that_cannot_travel_comes_back_as_its_text() -> None:
    with two_processes(), pytest.raises(RuntimeError, match="_Unpicklable: odd"):
        render_parts(_fail_in_child(_Unpicklable("odd")), fork=True)
    _no_child_left()


def test_a_child_that_dies_is_an_export_error() -> None:
    parts: list[Part[object]] = [
        Part(10.0, lambda: "parent"),
        Part(1.0, lambda: os.kill(os.getpid(), signal.SIGKILL)),
    ]
    with two_processes(), pytest.raises(ExportError, match="signal 9"):
        render_parts(parts, fork=True)
    _no_child_left()


def test_a_parent_failure_stops_and_reaps_the_child() -> None:
    def boom() -> object:
        raise ValueError("parent side")

    parts: list[Part[object]] = [Part(10.0, boom), Part(1.0, lambda: __import__("time").sleep(60))]
    with two_processes(), pytest.raises(ValueError, match="parent side"):
        render_parts(parts, fork=True)
    _no_child_left()


@pytest.mark.parametrize(
    ("weights", "head_start", "mine", "theirs"),
    [
        ([1.0, 1.0], 0.0, [0], [1]),
        ([3.0, 2.0, 2.0], 0.0, [0], [1, 2]),
        ([3.0, 2.0, 2.0], 2.5, [1], [0, 2]),
        ([5.0, 1.0, 1.0, 1.0], 0.0, [0], [1, 2, 3]),
    ],
)
def test_the_split_evens_the_loads(
    weights: list[float], head_start: float, mine: list[int], theirs: list[int]
) -> None:
    parts = [Part(w, lambda: None) for w in weights]
    assert _split(parts, head_start) == (mine, theirs)


def _models() -> list[Architecture]:
    return [load_architecture(path) for path in EXAMPLES] + [hostile_model()]


def test_the_scaffold_in_two_processes_is_the_serial_scaffold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scaffold, "_FORK_FROM", 0)
    render = registry.load("scaffold").render
    for arch in _models():
        serial = render(arch)
        with two_processes():
            forked = render(arch)
        assert list(forked) == list(serial), arch.name
        assert forked == serial, arch.name
    _no_child_left()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_the_export_command_writes_the_same_tree_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    arch = str(EXAMPLES[0])
    runner = CliRunner()
    serial = runner.invoke(app, ["export", arch, "--to", "scaffold", "-o", str(tmp_path / "a")])
    assert serial.exit_code == 0, serial.stderr
    monkeypatch.setattr(scaffold, "_FORK_FROM", 0)
    forks: list[int] = []
    real = _parallel._Child.results
    monkeypatch.setattr(_parallel._Child, "results", lambda child: forks.append(1) or real(child))
    forked = runner.invoke(app, ["export", arch, "--to", "scaffold", "-o", str(tmp_path / "b")])
    assert forked.exit_code == 0, forked.stderr
    assert forks == [1]  # the export went through a second process
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert forked.stdout.replace(str(tmp_path / "b"), "X") == serial.stdout.replace(
        str(tmp_path / "a"), "X"
    )
    _no_child_left()
