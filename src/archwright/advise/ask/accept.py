"""Writing an accepted edit: atomically, and only over the file the edit was made from.

The diff was computed against the file as read; if the file changed since (an editor
saved it meanwhile), writing would silently drop that change, so the write is refused.
"""

from __future__ import annotations

from pathlib import Path

from archwright.advise.ask.result import Edit
from archwright.archfile import write_atomic
from archwright.archfile.reading import Unreadable, read_bytes
from archwright.archfile.safe_yaml import MAX_BYTES


class StaleFile(ValueError):
    """The file changed after the edit was proposed; nothing was written."""


def apply_edit(edit: Edit, path: Path, original: bytes) -> None:
    """Write `edit.new_text` over `path` if it still holds `original` (all or nothing)."""
    try:
        current = read_bytes(path, MAX_BYTES)
    except Unreadable as exc:
        raise StaleFile(f"{path}: cannot re-read before writing ({exc})") from None
    if current != original:
        raise StaleFile(f"{path} changed since the edit was proposed; ask again")
    write_atomic(path, edit.new_text)
