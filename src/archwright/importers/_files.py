"""Reading input files safely: inside the root, within size limits, parsed with limits.

Deployment files name other files (`include`, `extends`, `env_file`, volumes, modules);
every such name is resolved (symlinks too) and refused when it leaves the root the user
gave, so an import can never be turned into a read of `/etc/shadow`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archwright.archfile import Limits, UnsafeInput, loads_json, loads_yaml_all
from archwright.archfile.reading import Unreadable, file_type, limit_text, read_bytes
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
    """A folder (or the folder of a single file) that every read must stay inside.

    A symlink loop makes Python 3.11's `Path.resolve()` raise RuntimeError (not OSError):
    every resolve here goes through `_resolve`, which turns a loop into a one-line refusal.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ImportProblem(str(path), "no such file or folder")
        resolved = _resolve(path, str(path))
        mode = resolved.stat().st_mode
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise ImportProblem(str(path), f"is {file_type(mode)}, not a regular file or folder")
        self.single_file = not stat.S_ISDIR(mode)
        self.root = resolved.parent if self.single_file else resolved
        self.start = resolved
        self.total = 0
        self._shown: dict[Path, str] = {}

    def rel(self, path: Path) -> str:
        """Path shown in evidence and losses: relative to the root, POSIX style."""
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = path.resolve().relative_to(self.root).as_posix()
            except (ValueError, OSError, RuntimeError):
                shown = _unresolved_rel(path, self.root)
            self._shown[path] = shown
        return shown

    def resolve(self, name: str, base: Path) -> Path:
        """`name` relative to folder `base`, refused when it resolves outside the root."""
        if "\x00" in name:
            raise ImportProblem(self.rel(base), f"refusing path {name!r}")
        joined = base / os.path.expanduser(name) if not Path(name).is_absolute() else Path(name)
        target = _resolve(joined, self.rel(base) or ".")
        if not target.is_relative_to(self.root):
            raise ImportProblem(
                self.rel(base) or ".", f"refusing {name!r}: it resolves outside {self.root}"
            )
        return target

    def resolved(self, path: Path) -> Path:
        """`path.resolve()`, a symlink loop refused as one line naming it."""
        return _resolve(path, self.rel(path))

    def inside(self, path: Path) -> bool:
        """Whether `path` resolves inside the root; a symlink loop is refused."""
        try:
            return _resolve(path, self.rel(path)).is_relative_to(self.root)
        except OSError:
            return False

    def read_text(self, path: Path) -> str:
        shown = self.rel(path)
        if not self.inside(path):
            raise ImportProblem(shown, f"refusing {path}: it resolves outside {self.root}")
        try:
            data = read_bytes(path, MAX_FILE_BYTES)
        except Unreadable as exc:
            raise ImportProblem(shown, str(exc)) from None
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise ImportProblem(shown, f"input over the {limit_text(MAX_TOTAL_BYTES)} total limit")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportProblem(shown, f"not UTF-8 text ({exc.reason})") from None

    def yaml_docs(self, path: Path) -> list[Any]:
        return parse_yaml_docs(self.read_text(path), self.rel(path))

    def json(self, path: Path) -> Any:
        return parse_json(self.read_text(path), self.rel(path))

    def walk(self, start: Path | None = None) -> Iterator[Path]:
        """Every regular file below `start`, sorted, skipping tool folders and symlinks out.

        When the import named one file, the walk of "the root" lists only that file's own
        folder, not below it: importing `compose.yaml` must not read (or trip over) a whole
        home directory beside it.
        """
        if start is None and self.single_file:
            yield from self._siblings()
            return
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

    def _siblings(self) -> Iterator[Path]:
        """Regular files beside the single file imported; unusable links are passed over."""
        try:
            names = sorted(os.listdir(self.root))[:MAX_FILES]
        except OSError:
            return
        for name in names:
            path = self.root / name
            try:
                if path.is_file() and path.resolve().is_relative_to(self.root):
                    yield path
            except (OSError, RuntimeError):
                continue


def _resolve(path: Path, shown: str) -> Path:
    """`path.resolve()`, with a symlink loop refused as one line (RuntimeError on 3.11)."""
    try:
        return path.resolve()
    except RuntimeError:
        raise ImportProblem(shown, "symlink loop; refusing to follow it") from None
    except ValueError:  # a NUL byte: no file can have that name
        raise ImportProblem(shown, f"refusing path {str(path)!r}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ImportProblem(shown, "symlink loop; refusing to follow it") from None
        raise


def _unresolved_rel(path: Path, root: Path) -> str:
    """Where `path` is under `root` without resolving links (used when resolving fails)."""
    try:
        return path.absolute().relative_to(root).as_posix()
    except ValueError:
        return path.name


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
