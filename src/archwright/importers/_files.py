"""Reading input files safely: inside the root, within size limits, parsed with limits.

Deployment files name other files (`include`, `extends`, `env_file`, volumes, modules);
every such name is resolved (symlinks too) and refused when it leaves the root the user
gave, so an import can never be turned into a read of `/etc/shadow`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archwright.archfile import Limits, UnsafeInput, loads_json, loads_yaml_all
from archwright.importers.importer import ImportProblem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 20_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
SKIP_DIRS = frozenset(
    {
        ".git",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".terraform",
        "vendor",
        "target",
        "dist",
        "build",
        ".tox",
        ".mypy_cache",
    }
)
LIMITS = Limits(max_bytes=MAX_FILE_BYTES)


class SafeRoot:
    """A folder (or the folder of a single file) that every read must stay inside."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ImportProblem(str(path), "no such file or folder")
        resolved = path.resolve()
        self.root = resolved if resolved.is_dir() else resolved.parent
        self.start = resolved
        self.total = 0
        self._shown: dict[Path, str] = {}

    def rel(self, path: Path) -> str:
        """Path shown in evidence and losses: relative to the root, POSIX style."""
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                shown = path.name
            self._shown[path] = shown
        return shown

    def resolve(self, name: str, base: Path) -> Path:
        """`name` relative to folder `base`, refused when it resolves outside the root."""
        if "\x00" in name:
            raise ImportProblem(self.rel(base), f"refusing path {name!r}")
        target = (
            base / os.path.expanduser(name) if not Path(name).is_absolute() else Path(name)
        ).resolve()
        if not target.is_relative_to(self.root):
            raise ImportProblem(
                self.rel(base) or ".", f"refusing {name!r}: it resolves outside {self.root}"
            )
        return target

    def inside(self, path: Path) -> bool:
        try:
            return path.resolve().is_relative_to(self.root)
        except OSError:
            return False

    def read_text(self, path: Path) -> str:
        shown = self.rel(path)
        if not self.inside(path):
            raise ImportProblem(shown, f"refusing {path}: it resolves outside {self.root}")
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ImportProblem(
                    shown,
                    f"file is {size / 1e6:.1f} MB, over the "
                    f"{MAX_FILE_BYTES // (1024 * 1024)} MiB limit",
                )
            self.total += size
            if self.total > MAX_TOTAL_BYTES:
                raise ImportProblem(shown, "input over the 200 MiB total limit")
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise ImportProblem(shown, "no such file") from None
        except IsADirectoryError:
            raise ImportProblem(shown, "is a folder, not a file") from None
        except OSError as exc:
            raise ImportProblem(shown, exc.strerror or str(exc)) from None
        if len(data) > MAX_FILE_BYTES:
            raise ImportProblem(shown, "file grew over the size limit while read")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportProblem(shown, f"not UTF-8 text ({exc.reason})") from None

    def yaml_docs(self, path: Path) -> list[Any]:
        return parse_yaml_docs(self.read_text(path), self.rel(path))

    def json(self, path: Path) -> Any:
        return parse_json(self.read_text(path), self.rel(path))

    def walk(self, start: Path | None = None) -> Iterator[Path]:
        """Every regular file below `start`, sorted, skipping tool folders and symlinks out."""
        count = 0
        base = start or self.root
        for folder, dirs, files in os.walk(base, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if path.is_symlink() and not self.inside(path):
                    continue
                if not path.is_file():
                    continue
                count += 1
                if count > MAX_FILES:
                    raise ImportProblem(self.rel(base) or ".", f"more than {MAX_FILES} files")
                yield path


def parse_yaml_docs(text: str, shown: str) -> list[Any]:
    """Every document of a YAML text (limits against bombs, depth and size)."""
    try:
        return loads_yaml_all(text, LIMITS)
    except UnsafeInput as exc:
        raise ImportProblem(shown, exc.message, exc.line) from None


def parse_json(text: str, shown: str) -> Any:
    try:
        return loads_json(text, LIMITS)
    except UnsafeInput as exc:
        raise ImportProblem(shown, exc.message, exc.line) from None
    except RecursionError:
        raise ImportProblem(shown, "nested too deeply") from None
