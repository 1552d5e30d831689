"""Where archwright keeps what it can rebuild: the user cache folder.

Its own module, outside the layers, because the command's first lines need it (the
compiled-source cache, `archwright.cli.source_cache`) before anything heavier is
imported, and the kb cache and the exporters' template cache use the same folder.
"""

from __future__ import annotations

import os
from pathlib import Path


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
