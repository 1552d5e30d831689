"""All-or-nothing exports: build the new output folder beside the old one, then swap them.

Writing 5,000 files one by one into `-o` leaves a mix of old and new when the process is
killed half-way, and two exports to one folder interleave. Instead:

1. A lock inside the folder (`.archwright.lock`, flock) refuses a second export to it.
   The staging copy hard-links it, so the locked file is the same inode before and
   after the swap, and nothing is left beside `-o`.
2. A staging folder beside it receives hard links to everything already in `-o` (the
   user's own files and other exporters' files stay), then this export's files.
3. Files the same exporter wrote last time and did not write now are removed, found in
   the manifest (`.archwright-export`) with their hashes; a file the user has
   edited since is kept and reported, never deleted.
4. The staging folder and `-o` are exchanged in one `renameat2(RENAME_EXCHANGE)` call
   (two renames where the kernel lacks it, with recovery on the next run), and the old
   tree is removed.

A SIGKILL at any point leaves either the previous folder or the new one, plus litter
named `.NAME.staging-*` that the next export removes. Files are created with mode 0666
less the umask, like any file the user makes; text never contains NUL.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import stat
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from archwright.archfile import current_umask, text_bytes
from archwright.exporters.exporter import ExportError, UnsafePath, plain_relative, safe_relative

MANIFEST = ".archwright-export"
"""JSON, but named without `.json`: importers read `*.json` (Terraform plans) in a folder."""
LOCK = ".archwright.lock"


class ExportBusy(ExportError):
    """Another export to the same folder holds its lock."""


@dataclass(frozen=True)
class ExportResult:
    """What one export did: files written (under `root`), stale files removed, edited
    files kept.

    The written files are kept as relative strings and become paths only when asked:
    a `Path` per file was 0.15 s of a 10,000-component scaffold (50,000 files), and the
    CLI only prints them (`lines`).
    """

    root: Path
    names: tuple[str, ...]
    removed: tuple[str, ...]
    kept: tuple[str, ...]

    @property
    def written(self) -> tuple[Path, ...]:
        """Each written file's path."""
        return tuple(self.root / rel for rel in self.names)

    def lines(self) -> str:
        """The written paths, one a line, as `str(path)` spells them: `root` is resolved
        and never `/` (refused), and each name is plain, so `root / name` is a join."""
        base = os.fspath(self.root)
        return "".join(f"{base}/{rel}\n" for rel in self.names)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def planned(files: Mapping[str, str | bytes]) -> dict[str, bytes]:
    """Every path checked (plain, relative, not the manifest) before anything is written.

    Also what the web workbench zips, so a download holds exactly what `-o` would.
    """
    return {rel: _bytes(content) for rel, content in _checked(files).items()}


def _checked(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """`planned` without the encoding: the export encodes each file as it writes it, so
    a 190 MB scaffold is never held twice (issue 16: the copy's page faults were 0.4 s
    of system time at 10k components)."""
    out: dict[str, str | bytes] = {}
    for rel, content in sorted(files.items()):
        path = plain_relative(rel)
        if path in (MANIFEST, LOCK):
            raise UnsafePath(f"refusing to write {rel!r}: a name the export itself uses")
        out[path] = content
    return out


def _bytes(content: str | bytes) -> bytes:
    return text_bytes(content) if isinstance(content, str) else content


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    lock = root / LOCK
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ExportBusy(
                f"another export to {root} is running; try again when it ends"
            ) from None
        yield
    finally:
        os.close(fd)


def _litter(root: Path) -> list[Path]:
    return sorted(root.parent.glob(f".{root.name}.staging-*"))


def _recover(root: Path) -> None:
    """Remove the staging folders a killed export left beside the output folder."""
    for path in _litter(root):
        shutil.rmtree(path, ignore_errors=True)


def _mirror(source: Path, dest: Path) -> None:
    """Hard links in `dest` to every file under `source` (directories made, links copied).

    One `scandir` per folder, whose entries know their type, and string paths: a
    re-export of a 50,000-file scaffold links every file, and a `Path` plus an lstat per
    file was most of that (issue 16).
    """
    _mirror_folder(os.fspath(source), os.fspath(dest))


def _mirror_folder(source: str, dest: str) -> None:
    with os.scandir(source) as entries:
        for entry in entries:
            target = os.path.join(dest, entry.name)
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
            elif entry.is_dir(follow_symlinks=False):
                os.mkdir(target)
                shutil.copymode(entry.path, target)
                _mirror_folder(entry.path, target)
            else:
                _link(entry, target)


def _link(src: os.DirEntry[str], dst: str) -> None:
    if src.is_file(follow_symlinks=False):
        try:
            os.link(src.path, dst, follow_symlinks=False)
        except OSError:
            shutil.copy2(src.path, dst, follow_symlinks=False)
    else:
        raise ExportError(f"{src.path}: not a regular file; the output folder must hold only files")


def _read_manifest(root: Path) -> dict[str, dict[str, str]]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    exporters = data.get("exporters") if isinstance(data, dict) else None
    if not isinstance(exporters, dict):
        return {}
    return {
        str(name): {str(k): str(v) for k, v in entries.items()}
        for name, entries in exporters.items()
        if isinstance(entries, dict)
    }


def _remove_stale(
    stage: Path, old: Mapping[str, str], new: Mapping[str, str | bytes]
) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    kept: list[str] = []
    for rel, digest in sorted(old.items()):
        if rel in new:
            continue
        try:
            path = stage / safe_relative(rel)
        except UnsafePath:
            continue  # a manifest edited by hand names no file of ours
        if not path.is_file() or path.is_symlink():
            continue
        if _digest(path.read_bytes()) != digest:
            kept.append(rel)
            continue
        path.unlink()
        removed.append(rel)
        _prune(path.parent, stage)
    return removed, kept


def _prune(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


_TWO_THREADS_FROM = 2_000
"""Files from which two threads write them: creating a file is kernel work that runs
without Python's lock, 10 µs a file on tmpfs and 30 µs on this machine's ext4 disk, so
the second half of a 50,000-file scaffold is created on another core while the first is
(issue 16). Below it, a thread would cost more than it saves."""


def _write_new(stage: Path, files: Mapping[str, str | bytes]) -> dict[str, str]:
    """Every file written (see `_write_run`), the halves of a large export in two
    threads; each file's digest for the manifest, in the order of `files`."""
    items = list(files.items())
    mode = 0o666 & ~current_umask()  # read once: its fallback sets and resets the umask
    if len(items) < _TWO_THREADS_FROM:
        return _write_run(stage, items, mode)
    half = len(items) // 2
    with ThreadPoolExecutor(max_workers=1) as other:
        first = other.submit(_write_run, stage, items[:half], mode)
        second = _write_run(stage, items[half:], mode)
        digests = first.result()
    digests.update(second)
    return digests


def _write_run(stage: Path, files: list[tuple[str, str | bytes]], mode: int) -> dict[str, str]:
    """Each file in one create, one write and one close (issue 16).

    A file the last export wrote with the same bytes and mode is already here as a hard
    link (`_mirror`), and stays: re-exporting an unchanged model allocates no inode and
    frees none. That matters beyond the saved write: on ext4 without a journal (this
    project's benchmark machine) every inode allocation skips the inodes freed in the
    last 30 s one by one, so deleting 25,000 files and creating 25,000 costs seconds.
    Paths are strings: a `Path` per file was most of the user time at 50,000 files.
    `files` is sorted; two runs may share a folder (one of them makes it: `_folder`).
    """
    base = os.fspath(stage) + "/"
    made: set[str] = set()
    digests: dict[str, str] = {}
    last = ""
    for rel, content in files:
        data = _bytes(content)
        digests[rel] = _digest(data)
        folder_rel = rel.rpartition("/")[0]
        if folder_rel != last:  # sorted paths: most files share the folder of the last one
            if folder_rel:
                _folder(base, folder_rel, made, rel)
            last = folder_rel
        target = base + rel  # `rel` is plain and relative: the same as `os.path.join`
        try:
            fd = os.open(target, _CREATE, 0o666)
        except FileExistsError:  # O_EXCL: something of that name is there, link or not
            if _unchanged(target, data, mode, rel):
                continue
            os.unlink(target)  # a hard link to the old file (or a link): never write through it
            fd = os.open(target, _CREATE, 0o666)
        _write_all(fd, data)
    return digests


def _folder(base: str, folder_rel: str, made: set[str], rel: str) -> None:
    """Make `folder_rel` under `base` (which ends in `/`), each part a real folder.

    A part this loop made itself is safe, and so is one that was already a folder (lstat,
    not a link) under a safe parent: one mkdir per new folder instead of resolving the
    whole path (an lstat per component) for each. `made` holds the relative folders
    checked so far, so a folder seen again costs one set lookup and no join.
    """
    if folder_rel in made:
        return
    parent = folder_rel.rpartition("/")[0]
    if parent:
        _folder(base, parent, made, rel)
    folder = base + folder_rel
    try:
        os.mkdir(folder)
    except FileExistsError:
        kind = os.lstat(folder).st_mode
        if stat.S_ISLNK(kind):
            raise UnsafePath(f"refusing to write {rel!r}: a folder on its way is a link") from None
        if not stat.S_ISDIR(kind):
            raise ExportError(f"cannot write {rel}: a file is in the way of its folder") from None
    made.add(folder_rel)


def _unchanged(target: str, data: bytes, mode: int, rel: str) -> bool:
    """Whether the file already at `target` holds exactly `data` with `mode`."""
    info = os.lstat(target)
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"cannot write {rel}: a folder of that name is in the way")
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
        return False
    if stat.S_IMODE(info.st_mode) != mode:
        return False  # permissions follow the umask of this export, not the last one
    fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        return os.read(fd, len(data) + 1) == data
    finally:
        os.close(fd)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW


def _write_all(fd: int, data: bytes) -> None:
    """Write `data` to `fd` and close it. Plain `os.write`: a file object (`os.fdopen`)
    asks the kernel three more questions per file (fstat for its buffer size, an ioctl
    for a terminal, a seek for its position), 30,000 calls for a 10,000-file export."""
    try:
        done = os.write(fd, data) if data else 0
        if done < len(data):  # a short write (a signal, a full disk): write the rest
            view = memoryview(data)[done:]
            while view:
                view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def manifest_text(manifest: Mapping[str, Mapping[str, str]]) -> str:
    """The manifest file: `json.dumps` of its body with `indent=1`, exporters and files
    sorted, and a final line break, written line by line. An indent makes `json` use its
    Python encoder, which was 33 ms for the 25,000 entries of a 5,000-component scaffold
    (issue 17); strings go through the same escaping function (`ensure_ascii`)."""
    quote = json.encoder.encode_basestring_ascii
    blocks = []
    for name, entries in sorted(manifest.items()):
        rows = [f"   {quote(rel)}: {quote(digest)}" for rel, digest in sorted(entries.items())]
        body = "{\n" + ",\n".join(rows) + "\n  }" if rows else "{}"
        blocks.append(f"  {quote(name)}: {body}")
    exporters = "{\n" + ",\n".join(blocks) + "\n }" if blocks else "{}"
    return f'{{\n "version": 1,\n "exporters": {exporters}\n}}\n'


def _write_manifest(stage: Path, manifest: Mapping[str, Mapping[str, str]]) -> None:
    target = stage / MANIFEST
    target.unlink(missing_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(manifest_text(manifest))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the system cannot."""
    try:
        # The process's own symbols: libc is loaded already, and `find_library` would
        # run `ldconfig -p` in a child process (~20 ms) on every export over a folder.
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(stage: Path, root: Path) -> None:
    if not root.exists():
        os.rename(stage, root)
        return
    if _exchange(stage, root):
        shutil.rmtree(stage, ignore_errors=True)  # now holds the old tree
        return
    old = stage.with_name(stage.name + "-old")
    os.rename(root, old)
    os.rename(stage, root)
    shutil.rmtree(old, ignore_errors=True)


def _check_root(root: Path) -> None:
    here = Path.cwd().resolve()
    if root == Path(root.anchor) or here.is_relative_to(root):
        raise ExportError(
            f"refusing to export into {root}: it holds the current folder; "
            "choose a folder of its own"
        )
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root} exists and is not a folder")
    if root.exists() and os.path.ismount(root):
        raise ExportError(f"{root} is a mount point; export into a folder inside it")


def export_files(
    files: Mapping[str, str | bytes], out: str | os.PathLike[str], exporter: str
) -> ExportResult:
    """Replace `exporter`'s files under `out` with `files`, all at once (see module doc)."""
    checked = _checked(files)
    try:
        root = Path(out).resolve()  # a link to a folder: the folder it names is replaced
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11)
        raise ExportError(f"{out}: cannot resolve the output folder ({exc})") from None
    _check_root(root)
    old = [p for p in _litter(root) if p.name.endswith("-old")]
    if not root.exists() and old:
        os.rename(old[-1], root)  # killed between the two renames of the fallback swap
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        _recover(root)
        stage = root.parent / f".{root.name}.staging-{os.getpid()}-{secrets.token_hex(4)}"
        os.mkdir(stage, 0o777)
        try:
            shutil.copymode(root, stage)
            _mirror(root, stage)
            manifest = _read_manifest(root)
            removed, kept = _remove_stale(stage, manifest.get(exporter, {}), checked)
            manifest[exporter] = _write_new(stage, checked)
            for rel in kept:
                manifest[exporter].pop(rel, None)
            _write_manifest(stage, manifest)
            _swap(stage, root)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
    return ExportResult(root, tuple(checked), tuple(removed), tuple(kept))
