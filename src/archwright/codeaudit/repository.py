"""The files of the repository under audit, walked once with limits: no symlinks
followed, vendored and generated folders skipped, big files not read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SKIP_DIRS = frozenset(
    {
        ".git",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        "dist",
        "build",
        "target",
        ".tox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".terraform",
    }
)
MAX_FILES = 20_000
MAX_READ_BYTES = 1_000_000


class NotARepository(ValueError):
    """The path is not a readable folder."""


@dataclass(frozen=True)
class Repository:
    root: Path
    files: tuple[str, ...]  # POSIX paths relative to root, sorted
    truncated: bool = False
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def named(self, *suffixes: str) -> list[str]:
        return [f for f in self.files if f.endswith(suffixes)]

    def basename(self, *names: str) -> list[str]:
        return [f for f in self.files if f.rsplit("/", 1)[-1] in names]

    def text(self, rel: str) -> str:
        """The file's text ('' when too big or unreadable as text)."""
        if rel not in self._cache:
            path = self.root / rel
            try:
                if path.stat().st_size > MAX_READ_BYTES:
                    self._cache[rel] = ""
                else:
                    self._cache[rel] = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._cache[rel] = ""
        return self._cache[rel]


def walk(root: Path) -> Repository:
    if not root.is_dir():
        raise NotARepository(f"{root}: not a folder")
    found: list[str] = []
    truncated = False
    for current, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        base = Path(current)
        for name in sorted(names):
            path = base / name
            if path.is_symlink() or not path.is_file():
                continue
            found.append(path.relative_to(root).as_posix())
            if len(found) >= MAX_FILES:
                truncated = True
                break
        if truncated:
            break
    return Repository(root, tuple(sorted(found)), truncated)
