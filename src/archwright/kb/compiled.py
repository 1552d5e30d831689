"""The kb data files, parsed once per installation and cached as JSON in the user cache.

Every command that reads the catalog, patterns or specs used to parse ~110 YAML files
with PyYAML's Python constructor: about 0.3 s of each process's start. The same data as
JSON loads in a few milliseconds. So the first process to need the kb parses it and
writes every file's data into one JSON file under the user cache folder
(`$XDG_CACHE_HOME/archwright`, else `~/.cache/archwright`), named by the SHA-256 of the
data files' names and bytes: an edited or upgraded kb gets a new name, never stale data.

The cache is a convenience, never a source of truth: a file that is missing, unreadable,
truncated or edited (its payload digest does not match its header) is ignored and
rebuilt; a cache folder that cannot be written leaves the process parsing the YAML as
before. A file whose data JSON cannot represent exactly (a date, a non-string key) is
not cached and is read from its YAML each time, so a cache hit always equals a fresh
parse (a test checks both).

Finding that name means reading and hashing every data file. A small `.key` file beside
the cache remembers which name the same files (path, size, mtime in nanoseconds) gave
last time, so an unchanged install reads only the cache; any change to a file changes
its marks and the content is hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from archwright.cachedir import cache_folder, replace_own
from archwright.package_data import LOADER
from archwright.package_data import folder as package_folder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from pydantic import BaseModel

FORMAT = 2  # bump when the cache layout changes
_M = TypeVar("_M", bound="BaseModel")


def _data_files() -> list[tuple[str, Traversable]]:
    """(path under kb/, file) of every YAML data file, sorted by path."""
    root = _kb_root()
    if isinstance(root, Path):
        return _files_on_disk(root)
    out: list[tuple[str, Traversable]] = []
    stack: list[tuple[str, Traversable]] = [("", root)]
    while stack:
        prefix, folder = stack.pop()
        for entry in folder.iterdir():
            name = f"{prefix}{entry.name}"
            if entry.is_dir() and not entry.name.startswith(("_", ".")):
                stack.append((f"{name}/", entry))
            elif entry.name.endswith(".yaml"):
                out.append((name, entry))
    return sorted(out, key=lambda item: item[0])


def _files_on_disk(root: Path) -> list[tuple[str, Traversable]]:
    """`_data_files` of an installed folder, walked with `os.scandir`: its entries know
    whether they are folders without a `stat` each, where `Path.iterdir` and `is_dir`
    built and asked a `Path` for all 360 entries, about 0.005 G instructions of each
    kb-reading process (issue 16)."""
    out: list[tuple[str, Traversable]] = []
    stack: list[tuple[str, str]] = [("", str(root))]
    while stack:
        prefix, folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.is_dir() and not entry.name.startswith(("_", ".")):
                    stack.append((f"{name}/", entry.path))
                elif entry.name.endswith(".yaml"):
                    out.append((name, Path(entry.path)))
    return sorted(out, key=lambda item: item[0])


def _kb_root() -> Traversable:
    """The kb folder: a `Path` when the package is installed as files, walked with
    `os.scandir` (`archwright.package_data.folder`)."""
    return package_folder("archwright.kb")


@cache
def compiled() -> dict[str, tuple[bool, str | bytes]]:
    """Every kb data file by path under kb/: (True, its data as JSON text, UTF-8 bytes
    when read from the cache) when cached, else (False, its YAML text). Text, not
    objects: each reader gets values of its own."""
    files = _data_files()
    folder = cache_folder()
    marks = None if folder is None else _stat_marks(files)
    found = None
    if folder is not None and marks is not None:
        found = _read_by_marks(folder, marks)
    texts: dict[str, str] = {}
    if found is None:
        texts = {name: entry.read_bytes().decode("utf-8") for name, entry in files}
        key = _content_key(texts)
        path = None if folder is None else _cache_path(folder, key)
        found = None if path is None else _read_cache(path, key)
        if found is None:
            fresh: dict[str, str] = {}
            for name, text in texts.items():
                as_json = _exact_json(yaml.load(text, Loader=LOADER))
                if as_json is not None:
                    fresh[name] = as_json
            if path is not None:
                _write_cache(path, key, fresh)
            found = dict(fresh)
        if folder is not None and marks is not None:
            replace_own(_marks_path(folder, marks), key.encode("ascii"))
    return {
        name: (True, found[name])
        if name in found
        else (False, texts[name] if name in texts else entry.read_bytes().decode("utf-8"))
        for name, entry in files
    }


def _content_key(texts: dict[str, str]) -> str:
    """The SHA-256 of every data file's name and bytes: the cache file's name."""
    digest = hashlib.sha256()
    for name, text in texts.items():
        data = text.encode("utf-8")
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _cache_path(folder: Path, key: str) -> Path:
    return folder / f"kb-{FORMAT}-{key[:32]}.json"


def _stat_marks(files: list[tuple[str, Traversable]]) -> str | None:
    """Every data file's path, size and modification time in nanoseconds, hashed; None
    when the files are not plain files (a zipped install), which then always hash.

    Reading and hashing 1.5 MB of YAML to find the cache's name cost every process about
    0.04 G instructions (issue 16). A file edited in place gets a new size or mtime, so
    new marks, and the content hash is taken again: the marks only remember which content
    key the same files had last time, as Python's own .pyc check does with mtime and size.
    """
    digest = hashlib.sha256()
    for _name, entry in files:
        if not isinstance(entry, Path):
            return None
        try:
            st = os.stat(entry)
        except OSError:
            return None
        digest.update(f"{entry}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _marks_path(folder: Path, marks: str) -> Path:
    return folder / f"kb-{FORMAT}-files-{marks[:32]}.key"


def _read_by_marks(folder: Path, marks: str) -> dict[str, str | bytes] | None:
    """The cache the same files (by `_stat_marks`) led to last time, checked as any
    cache read is; None when there is none or it does not check out."""
    try:
        key = _marks_path(folder, marks).read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        return None
    return _read_cache(_cache_path(folder, key), key)


def _exact_json(value: Any) -> str | None:
    """`value` as one line of JSON, or None when JSON cannot give it back equal."""
    try:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text if json.loads(text) == value else None


def _read_cache(path: Path, key: str) -> dict[str, str | bytes] | None:
    """The cached JSON texts by file, as UTF-8 bytes, or None when absent, unreadable or
    not what was written (the header's CRC-32 covers every byte after it).

    Bytes, not text: `json.loads` and pydantic's JSON parser read UTF-8 bytes as they
    read text, and decoding the whole 0.8 MB payload to split it into lines cost every
    catalog-reading process about 0.007 G instructions, for the 300 files of which a
    command reads a few (issue 16). JSON escapes every newline and tab, and no UTF-8
    sequence holds those bytes, so the payload splits into the same lines as bytes.

    A CRC, not a SHA-256: the check is against damage (a truncated or edited file), not
    an attacker, who could rewrite the header as easily as the payload. Hashing the
    0.8 MB payload with SHA-256 cost every catalog-reading process 0.023 G instructions,
    half of reading the cache; CRC-32 costs about 1 M (issue 16).
    """
    try:
        raw = path.read_bytes()
        header, _, payload = raw.partition(b"\n")
        meta = json.loads(header)
        if meta.get("key") != key or meta.get("crc32") != zlib.crc32(payload):
            return None
        lines = payload.split(b"\n")[:-1]  # JSON escapes every newline
        out: dict[str, str | bytes] = {}
        for line in lines:
            name, tab, text = line.partition(b"\t")
            if not tab:
                return None
            out[name.decode("utf-8")] = text
    except (OSError, ValueError, AttributeError):
        return None
    return out


def _write_cache(path: Path, key: str, data: dict[str, str]) -> None:
    payload = "".join(f"{name}\t{text}\n" for name, text in data.items()).encode("utf-8")
    header = json.dumps({"key": key, "crc32": zlib.crc32(payload)}).encode()
    replace_own(path, header + b"\n" + payload)


def read_file(name: str) -> Any:
    """The data of kb/<name> (a path like `supply_chain/end_of_life.yaml`), fresh objects."""
    cached, text = compiled()[name]
    return json.loads(text) if cached else yaml.load(text, Loader=LOADER)


def read_folder(folder: str) -> list[tuple[str, Any]]:
    """(file name, data) of every `.yaml` file directly in kb/<folder>, by name."""
    prefix = f"{folder}/"
    return [
        (name[len(prefix) :], read_file(name))
        for name in compiled()
        if name.startswith(prefix) and "/" not in name[len(prefix) :]
    ]


def validate_folder(folder: str, model: type[_M]) -> list[tuple[str, _M]]:
    """(file name, `model` validated) of every `.yaml` file directly in kb/<folder>.

    A cached file's JSON text goes to pydantic's own parser, which validates while it
    parses: no Python objects built by `json.loads` to be walked again. The result is
    the same model (a test compares both for every catalog file); it saves about 0.02 G
    instructions of each process that loads the catalog (issue 16).
    """
    prefix = f"{folder}/"
    out: list[tuple[str, _M]] = []
    for name, (cached, text) in compiled().items():
        if not name.startswith(prefix) or "/" in name[len(prefix) :]:
            continue
        if cached:
            out.append((name[len(prefix) :], model.model_validate_json(text)))
        else:
            out.append((name[len(prefix) :], model.model_validate(yaml.load(text, Loader=LOADER))))
    return out
