"""Code that the standard library compiles from text at every start, compiled once per
Python and kept in the user cache (issue 16).

Before a command reads its file, its process builds about 75 dataclasses (pydantic's,
annotated_types', typer's and ours), whose methods `dataclasses` writes out as source
text and runs with `exec`, and about 750 `typing.ForwardRef`s (the string annotations
of pydantic-core's TypedDicts), each of which `compile`s its text. Parsing and compiling
that text was 0.17 G instructions, 16% of a whole `validate` of 50 components. The text
is the same in every process, so is the code it compiles to: `dataclasses`, `typing`
and `collections` (namedtuple) get an `exec`, `compile` and `eval` that look the code
object up by its exact source text, compile only what they have not seen, and the
process writes what it added back at exit.

Regular expressions are the same story one level down: `re` parses each pattern and
turns it into the opcode list of its matching engine in Python code, 45 patterns (PyYAML's
reader, resolver and timestamp, `platform`'s, `textwrap`'s, ours) for 0.09 G of a
`validate`. The cache keeps, per pattern text and flags, the arguments `re` passed to
`_sre.compile`, and gives them to `_sre.compile` again: the same pattern object, without
the parsing.

The code object is the one the built-in would make: the same text, file name and mode,
and no inherited `__future__` flags (these modules have none). The file is a cache,
never a source of truth: one written by another Python (its name carries the version)
or unreadable is ignored and rewritten, and so is each entry that is damaged (its own
CRC-32 does not match); a folder that cannot be written leaves every process compiling,
as before. The check is per entry, made when the entry is used: the file keeps what
every command has compiled (3,400 entries, 4.3 MB after a few days' use), a process
uses about 700 of them, and the whole file's CRC-32 cost each start 0.02 G
instructions; checking only what is used saved 0.013 G, 1.3% of an `audit` of 50
components (issue 16). It holds code objects
as Python's own `__pycache__` does, in the user's own cache folder, which only the user
can write to, as they can their shell's start-up files: a file that another user could
have written (not the user's own, or group- or world-writable) is not read.
"""

from __future__ import annotations

import _thread
import atexit
import builtins
import collections
import contextlib
import dataclasses
import marshal
import re
import sys
import typing
import zlib
from pathlib import Path
from types import CodeType, SimpleNamespace
from typing import Any

from archwright.cachedir import cache_folder, read_own, replace_own

MAX_ENTRIES = 5_000  # validate+audit+cost+simulate: ~700; past this, keep what was used
FORMAT = 2  # in the file name: 1 checked the whole file, 2 checks each entry

_compile = builtins.compile
_exec = builtins.exec
_eval = builtins.eval
_re_compiler: Any = getattr(re, "_compiler", None)  # the module `re` compiles with


class SourceCache:
    """Code objects by (mode, file name, source text), read from and saved to `path`."""

    def __init__(self, path: Path | None, blobs: dict[str, bytes]) -> None:
        self.path = path
        self.blobs = blobs  # marshalled code by key, as saved: decoded only when used
        self.codes: dict[str, CodeType] = {}
        self.patterns: dict[str, tuple[Any, ...]] = {}  # `_sre.compile`'s arguments
        self.added = False

    @classmethod
    def read(cls, path: Path | None) -> SourceCache:
        """The cache saved at `path`; empty when there is none or it does not check out."""
        blobs: Any = {}
        if path is not None:
            try:
                blobs = marshal.loads(read_own(path))  # str keys, bytes values
            except (OSError, ValueError, EOFError, TypeError):
                blobs = {}
        return cls(path, blobs if isinstance(blobs, dict) else {})

    def code(self, source: str, filename: str, mode: str) -> CodeType:
        """The code `compile(source, filename, mode)` gives, compiled at most once."""
        key = f"{mode}\0{filename}\0{source}"
        found = self.codes.get(key)
        if found is None:
            found = self._decoded(key)
            if found is None:
                found = _compile(source, filename, mode, dont_inherit=True)
                self.blobs[key] = _sealed(marshal.dumps(found))
                self.added = True
            self.codes[key] = found
        return found

    def _saved(self, key: str) -> Any:
        """What was saved under `key`, unmarshalled; None when nothing readable was
        (nothing, not bytes, or bytes whose CRC-32 does not match)."""
        blob = self.blobs.get(key)
        if type(blob) is not bytes or len(blob) < 4:
            return None
        payload = blob[4:]
        if int.from_bytes(blob[:4], "big") != zlib.crc32(payload):
            return None
        try:
            return marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None

    def _decoded(self, key: str) -> CodeType | None:
        """The saved code of `key`, or None when there is none (or it is not code)."""
        found = self._saved(key)
        return found if type(found) is CodeType else None

    def compile(
        self,
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
    ) -> Any:
        """`compile`, from the cache for plain source text (`typing.ForwardRef`'s case)."""
        if type(source) is not str or type(filename) is not str or flags or optimize != -1:
            return _compile(source, filename, mode, flags, dont_inherit, optimize)
        return self.code(source, filename, mode)

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /, **options: Any) -> None:
        """`exec`, with source text compiled through the cache (`dataclasses`' case).
        Keyword options (`closure`, in the Pythons that have it) pass through unchanged,
        so a standard library that starts passing them keeps working."""
        if type(source) is str:
            source = self.code(source, "<string>", "exec")
        _exec(source, globals, locals, **options)

    def eval(self, source: Any, globals: Any = None, locals: Any = None) -> Any:
        """`eval`, with source text compiled through the cache (`namedtuple`'s case)."""
        if type(source) is str:
            source = self.code(source, "<string>", "eval")
        return _eval(source, globals, locals)

    def regex(self, pattern: Any, flags: int = 0) -> Any:
        """`re._compiler.compile`, from the cache for a text pattern: the `_sre.compile`
        arguments that `re` worked out for this text and these flags before."""
        if type(pattern) is not str or type(flags) is not int or flags & re.DEBUG:
            return _RECORDER.original(pattern, flags)
        key = f"re\0{flags}\0{pattern}"
        args = self.patterns.get(key) or self._arguments(key, pattern)
        if args is not None:
            self.patterns[key] = args
            return _RECORDER.sre.compile(*args)
        me = _thread.get_ident()
        _RECORDER.last.pop(me, None)
        made = _RECORDER.original(pattern, flags)
        args = _RECORDER.last.pop(me, None)
        if type(args) is tuple and args and args[0] is pattern:
            plain = tuple(_plain(arg) for arg in args)
            with contextlib.suppress(ValueError):  # not marshallable: not kept
                self.blobs[key] = _sealed(marshal.dumps(plain))
                self.patterns[key] = plain
                self.added = True
        return made

    def _arguments(self, key: str, pattern: str) -> tuple[Any, ...] | None:
        """The saved `_sre.compile` arguments of `key`, or None when there are none or
        they are not for this pattern."""
        found = self._saved(key)
        if type(found) is not tuple or not found or found[0] != pattern:
            return None
        return found

    def save(self) -> None:
        """Write the cache if this process compiled something new (a temporary file
        renamed over it: a concurrent reader sees the old file or the new one)."""
        if not self.added or self.path is None:
            return
        blobs = self.blobs
        if len(blobs) > MAX_ENTRIES:
            blobs = {key: blobs[key] for key in [*self.codes, *self.patterns]}
        replace_own(self.path, marshal.dumps(blobs))  # unwritable: compile each time


def _sealed(payload: bytes) -> bytes:
    """An entry as saved: the CRC-32 of `payload`, then `payload`."""
    return zlib.crc32(payload).to_bytes(4, "big") + payload


def _plain(arg: Any) -> Any:
    """`arg` as marshal can write it: `re` writes its opcode list with int subclasses
    (named constants) that `_sre.compile` reads as the ints they are."""
    if type(arg) is list:
        return [int(item) if isinstance(item, int) else item for item in arg]
    return arg


class _SreRecorder:
    """What `re._compiler` sees as `_sre`: the real module's names, and a `compile`
    that keeps the arguments of its last call (per thread), so the cache stores exactly
    what this Python's `re` passes, whatever its version computes."""

    def __init__(self) -> None:
        self.original: Any = None if _re_compiler is None else _re_compiler.compile
        self.sre: Any = None if _re_compiler is None else _re_compiler._sre
        self.last: dict[int, tuple[Any, ...]] = {}

    def stand_in(self) -> SimpleNamespace:
        """The `_sre` that `re._compiler` is given."""
        names = {name: getattr(self.sre, name) for name in dir(self.sre)}
        return SimpleNamespace(**{**names, "compile": self.compile})

    def compile(self, *args: Any) -> Any:
        self.last[_thread.get_ident()] = args
        return self.sre.compile(*args)


_RECORDER = _SreRecorder()


def cache_path() -> Path | None:
    """This Python's cache file: code objects are only valid for the version that made
    them, so the name carries the interpreter and its exact version (and the layout)."""
    folder = cache_folder()
    if folder is None:
        return None
    tag = f"{FORMAT}-{sys.implementation.cache_tag}-{sys.hexversion:x}"
    return folder / f"sources-{tag}.marshal"


def install() -> SourceCache:
    """Give `dataclasses`, `typing` and `collections` the cached `exec`, `compile` and
    `eval`, `re` its cached pattern compiler, and save what the process added when it
    exits. Called once, before the command imports typer and pydantic
    (`archwright.cli`'s `__init__`)."""
    cache = SourceCache.read(cache_path())
    setattr(dataclasses, "exec", cache.exec)  # noqa: B010
    setattr(typing, "compile", cache.compile)  # noqa: B010
    setattr(collections, "eval", cache.eval)  # noqa: B010
    if _RECORDER.sre is not None and _re_compiler.compile is _RECORDER.original:
        _re_compiler._sre = _RECORDER.stand_in()
        _re_compiler.compile = cache.regex
    atexit.register(cache.save)
    return cache
