"""Independent parts of one export rendered in two processes, for the CLI only.

A 10,000-component scaffold is ten exports in one (Terraform, Kubernetes, monitoring,
compose, ...): about 4 s of pure-Python rendering on one core while the machine's other
cores wait (issue 16). Its parts share nothing but the loaded design, so after the design
is loaded the process forks once: the child renders its share of the parts and sends the
results back through a pipe, the parent renders the rest, and the results come back in
the order of the parts, the same as rendering them one after another.

Forking is only safe where the process has no other thread (a thread holding a lock at
the fork leaves the lock held forever in the child), so it is opt-in: the command line
enters `two_processes()` around an export, while the web workbench, the test suite's own
process and every other caller render serially (the fork's own tests run in a fresh
process: `tests/exporters/parallel_cases.py`). It is also skipped where `os.fork` does
not exist.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from archwright.exporters.exporter import ExportError

_T = TypeVar("_T")
_ALLOWED: ContextVar[bool] = ContextVar("archwright_two_processes", default=False)


@dataclass(frozen=True)
class Part(Generic[_T]):
    """One independent piece of an export, with its expected share of the render time
    (any unit: only the ratios decide which process renders it)."""

    weight: float
    render: Callable[[], _T]


@contextmanager
def two_processes() -> Iterator[None]:
    """Allow `render_parts` to fork within this block (the CLI's export command)."""
    token = _ALLOWED.set(True)
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def render_parts(parts: Sequence[Part[_T]], fork: bool, head_start: float = 0.0) -> list[_T]:
    """Each part's result, in order. `fork` is the caller's judgement that the work is
    large enough to pay for a process (a few milliseconds); the fork also needs
    `two_processes()`, `os.fork` and no other running thread. `head_start` is the work
    the caller does itself afterwards, in the weights' unit: the parent takes less."""
    if not (fork and len(parts) > 1 and _ALLOWED.get() and _can_fork()):
        return [part.render() for part in parts]
    mine, theirs = _split(parts, head_start)
    results: dict[int, _T] = {}
    with _Child(parts, theirs) as child:
        for i in mine:
            results[i] = parts[i].render()
        results.update(child.results())
    return [results[i] for i in range(len(parts))]


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _split(parts: Sequence[Part[_T]], head_start: float) -> tuple[list[int], list[int]]:
    """The parent's and the child's part indexes, their loads (the parent's counting its
    head start) as even as a greedy split makes them: heaviest first, each to the lighter
    side, the parent on a tie."""
    order = sorted(range(len(parts)), key=lambda i: (-parts[i].weight, i))
    mine: list[int] = []
    theirs: list[int] = []
    loads = [head_start, 0.0]
    for i in order:
        side = 0 if loads[0] <= loads[1] else 1
        (mine if side == 0 else theirs).append(i)
        loads[side] += parts[i].weight
    return sorted(mine), sorted(theirs)


class _Child(Generic[_T]):
    """The forked process rendering `indexes` of `parts`; always reaped on exit."""

    def __init__(self, parts: Sequence[Part[_T]], indexes: list[int]) -> None:
        self._parts = parts
        self._indexes = indexes
        self._pid = 0
        self._read = -1

    def __enter__(self) -> _Child[_T]:
        self._read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child, which never returns from here
            os.close(self._read)
            _serve(self._parts, self._indexes, write)
        os.close(write)
        self._pid = pid
        return self

    def results(self) -> dict[int, _T]:
        """The child's results, or its exception raised here."""
        with os.fdopen(self._read, "rb") as pipe:
            self._read = -1
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise ExportError(
                f"the second rendering process ended without a result ({_how(status)})"
            )
        outcome, payload, trace = pickle.loads(data)  # our own child, through our own pipe
        if outcome == "error":
            if not isinstance(payload, ExportError):
                payload.add_note(f"in the second rendering process:\n{trace}")
            raise payload
        results: dict[int, _T] = payload
        return results

    def __exit__(self, *exc: object) -> None:
        if self._read >= 0:
            os.close(self._read)
        if self._pid:  # the parent failed first: the child's work is not wanted
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def _serve(parts: Sequence[Part[Any]], indexes: list[int], write: int) -> None:
    """The child: render, send the outcome, and end without the parent's teardown (no
    atexit handlers, no second flush of buffers inherited from the parent)."""
    code = 0
    try:
        try:
            payload = ("ok", {i: parts[i].render() for i in indexes}, "")
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # every failure, interrupts too, goes back
            data = _failure(exc)
            code = 1
        view = memoryview(data)
        while view:
            view = view[os.write(write, view) :]
    finally:
        os._exit(code)


def _failure(exc: BaseException) -> bytes:
    trace = "".join(traceback.format_exception(exc))
    try:
        return pickle.dumps(("error", exc, trace), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled: send its text
        plain = RuntimeError(f"{type(exc).__name__}: {exc}")
        return pickle.dumps(("error", plain, trace), protocol=pickle.HIGHEST_PROTOCOL)
