"""Where archwright keeps what it can rebuild: the user cache folder.

Its own module, outside the layers, because the command's first lines need it (the
compiled-source cache, `archwright.cli.source_cache`) before anything heavier is
imported, and the kb cache and the exporters' template cache use the same folder. The
source cache and the kb cache read and write their files through `read_own` and
`replace_own`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

# The folder is the user's alone when archwright creates it: it holds code objects the
# command runs (`source_cache`) and data it trusts (the kb cache). Files in it are 0600.
FOLDER_MODE = 0o700


def cache_folder() -> Path | None:
    """The user cache folder (XDG base directory spec), as platformdirs would pick it;
    None when there is no home to put it in (then nothing is cached)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no HOME and no passwd entry
            return None
    return Path(base) / "archwright"


def ours_alone(mark: os.stat_result) -> bool:
    """Whether a cache file or folder (its `stat`) can only have been written by this
    user: owned by them, writable by no group or other. Compiled code is loaded from the
    cache, so anything else there is ignored, however it got there."""
    return mark.st_uid == os.getuid() and not mark.st_mode & 0o022


def read_own(path: Path) -> bytes:
    """The bytes of a cache file that only this user can have written (PermissionError
    otherwise, as for any other unreadable file: callers treat both as no cache)."""
    with open(path, "rb") as handle:
        if not ours_alone(os.fstat(handle.fileno())):
            raise PermissionError(f"{path}: writable by others than its user")
        return handle.read()


def replace_own(path: Path, data: bytes) -> None:
    """Write a cache file whole, private to the user (0600, in a 0700 folder it creates):
    a temporary file renamed over it, so a concurrent reader sees the old file or the
    new one. A folder that cannot be written leaves the file as it was, silently: the
    cache is a convenience."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
