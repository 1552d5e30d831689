"""Files only their owner may read: the response cache and the call log.

Both hold answers and error texts about the user's designs; on a shared machine they
must not be readable by others whatever the umask says. The folder is made 0700 and
each file is created 0600 (existing ones are tightened), before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600

OUR_FILES = (
    "llm-cache.sqlite3",
    "llm-cache.sqlite3-wal",
    "llm-cache.sqlite3-shm",
    "llm-calls.jsonl",
)


def private_dir(folder: Path) -> None:
    """Create `folder` 0700; tighten an existing one that holds nothing but our files.

    A folder the user already uses for other things (a cache_dir set to the project
    folder) is left as it is: its permissions are the user's choice, our files in it
    are still 0600.
    """
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
        return
    mode = stat.S_IMODE(folder.stat().st_mode)
    if mode & 0o077 and all(p.name in OUR_FILES for p in folder.iterdir()):
        with contextlib.suppress(OSError):
            os.chmod(folder, DIR_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it is missing; tighten it if it exists."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
