"""Reading an input file without trusting what the path names.

A path can name a FIFO with no writer (a blocking `open` hangs forever), `/dev/zero`
(`st_size` is 0, so a size check on `stat()` passes and the read never ends), or a pipe on
stdin holding gigabytes. So every read here opens non-blocking, refuses anything that is
not a regular file, and reads at most `max_bytes + 1` bytes whatever `stat()` said. Stdin
is read only when asked for (`-`, `/dev/stdin`), with the same cap. Importers and the model
loader share this one reader.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

STDIN_NAMES = frozenset({"-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"})
_CHUNK = 1024 * 1024


class Unreadable(ValueError):
    """Why a path cannot be read, phrased for the person (the caller adds the path)."""


def is_stdin(path: Path | str) -> bool:
    return str(path) in STDIN_NAMES


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file (or stdin), refused past `max_bytes` without reading on."""
    if is_stdin(path):
        return _capped(sys.stdin.buffer, max_bytes, "standard input")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise Unreadable("no such file") from None
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise Unreadable("a file name cannot contain a NUL byte") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise Unreadable("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"is {file_type(info.st_mode)}, not a regular file")
        if info.st_size > max_bytes:
            raise Unreadable(_too_big(info.st_size, max_bytes))
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb", buffering=0) as handle:
        return _capped(handle, max_bytes, "file")


def _capped(handle: BinaryIO, max_bytes: int, what: str) -> bytes:
    """Read in chunks and stop one byte past the limit: never more than the limit in memory."""
    parts: list[bytes] = []
    total = 0
    try:
        while total <= max_bytes:
            chunk = handle.read(min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise Unreadable(_os_reason(exc)) from None
    if total > max_bytes:
        raise Unreadable(f"{what} is over the {limit_text(max_bytes)} limit")
    return b"".join(parts)


def limit_text(max_bytes: int) -> str:
    return f"{max_bytes / (1024 * 1024):g} MiB"


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {size / 1e6:.1f} MB, over the {limit_text(max_bytes)} limit"


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return exc.strerror or str(exc)


def file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
