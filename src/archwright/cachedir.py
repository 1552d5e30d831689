"""Where archwright keeps what it can rebuild: the user cache folder.

Its own module, outside the layers, because the command's first lines need it (the
compiled-source cache, `archwright.cli.source_cache`) before anything heavier is
imported, and the kb cache and the exporters' template cache use the same folder.
"""

from __future__ import annotations

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
