"""What an exporter is, and the one place its files reach the disk.

An exporter renders text; it never writes. Writing is done here, after every path has
been checked to stay inside the output folder, so that no id from a model (`../../x`)
can place a file anywhere else.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from archwright.model import Architecture

Files = dict[str, str]
"""Relative POSIX path → file content."""

BinaryFiles = dict[str, bytes]
"""Relative POSIX path → bytes, for the few binary formats (PNG)."""


@dataclass(frozen=True)
class Exporter:
    name: str
    summary: str
    category: str  # "diagram", "infrastructure", "delivery", "docs", ...
    validator: str = ""  # the real tool that accepts the output, for docs and notes
    clouds: tuple[str, ...] = ()  # the clouds it writes resources for; () = cloud-neutral


class ExportError(Exception):
    """An export that cannot be produced for a reason outside the model (a tool missing)."""


class CloudRefused(ExportError):
    """A design on a cloud the exporter does not write resources for (nothing is written)."""


def design_cloud(arch: Architecture) -> str | None:
    """The cloud the design names in its constraints, if any."""
    cloud = arch.requirements.constraints.cloud
    return cloud.value if cloud is not None else None


def check_cloud(
    exporter: Exporter, arch: Architecture, others: Callable[[], Mapping[str, Exporter]]
) -> None:
    """Refuse a design whose cloud the exporter does not support, naming who does.

    `others` gives every exporter by format name; those listing the cloud, and the
    cloud-neutral infrastructure ones, are offered instead. It is called only to refuse:
    it imports every exporter module, which an export that goes ahead does not need
    (with `cost/zones.py`, terraform went from 1.88 to 1.51 G instructions; issue 16).
    """
    cloud = design_cloud(arch)
    if not exporter.clouds or cloud is None or cloud in exporter.clouds:
        return
    every = others()
    same = sorted(n for n, e in every.items() if cloud in e.clouds)
    neutral = sorted(n for n, e in every.items() if not e.clouds and e.category == "infrastructure")
    offer = ", ".join(same) if same else "none"
    raise CloudRefused(
        f"{exporter.name} writes {'/'.join(exporter.clouds)} resources only and this design's "
        f"cloud is {cloud}; exporters for {cloud}: {offer}"
        + (f" (cloud-neutral: {', '.join(neutral)})" if neutral else "")
    )


class UnsafePath(ValueError):
    """An output path that would leave the output folder."""


def safe_relative(path: str) -> PurePosixPath:
    """Refuse absolute paths, drive letters, `..` and empty parts."""
    return PurePosixPath(plain_relative(path))


def plain_relative(path: str) -> str:
    """`safe_relative` on the string alone: a path it accepts is already in the form
    `PurePosixPath` would give (no empty or `.` part to fold), and building one per file
    was a tenth of staging a 50,000-file export.

    Each part stands between two slashes once the path is wrapped in slashes, so an
    empty, `.` or `..` part (a leading slash included) is a substring search: a fifth of
    the time of splitting the path and testing each part (issue 16).
    """
    wrapped = f"/{path}/"
    if (
        not path
        or "\\" in path
        or ":" in path
        or "\x00" in path
        or "//" in wrapped
        or "/./" in wrapped
        or "/../" in wrapped
    ):
        raise UnsafePath(f"refusing to write {path!r}: not a plain relative path")
    return path


def write_files(files: Mapping[str, str | bytes], out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write every file atomically under `out_dir`; all paths are checked before any write."""
    from archwright.archfile import write_atomic

    root = Path(out_dir).resolve()
    targets: list[tuple[Path, str | bytes]] = []
    for rel, text in sorted(files.items()):
        target = (root / safe_relative(rel)).resolve()
        if not target.is_relative_to(root):
            raise UnsafePath(f"refusing to write {rel!r}: it resolves outside {root}")
        targets.append((target, text))
    for target, content in targets:
        write_atomic(target, content)
    return [t for t, _ in targets]


Render = Callable[[Architecture], Files]
