"""The compiled-source cache's file on disk: private (0600, in a 0700 folder it
creates), written whole (no temporary file left), and ignored when it cannot be trusted:
empty, not the layout written, an entry whose CRC-32 does not match or that is not
code, or writable by others."""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from pathlib import Path

from archwright.cli.source_cache import SourceCache

KEY = "eval\0<string>\0" + "2 + 3"


def _write(path: Path, blobs: object) -> None:
    path.write_bytes(marshal.dumps(blobs))
    path.chmod(0o600)


def _sealed(payload: bytes) -> bytes:
    return zlib.crc32(payload).to_bytes(4, "big") + payload


def test_the_file_is_private_and_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "made" / "sources.marshal"
    cache = SourceCache.read(path)
    assert cache.eval("2 + 3") == 5
    cache.save()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700 & ~_umask()
    assert os.listdir(path.parent) == ["sources.marshal"]  # the temporary file renamed
    assert SourceCache.read(path).blobs.keys() == {KEY}


def test_a_file_that_checks_out_but_holds_the_wrong_things_is_ignored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sources.marshal"
    contents = (
        None,
        ["not", "a", "dict"],
        {KEY: 42},
        {KEY: b"\x00not marshal"},  # too short for a CRC-32
        {KEY: _sealed(b"\x00not marshal")},  # its CRC checks out, marshal cannot read it
        {KEY: _sealed(marshal.dumps(42))},  # checks out and reads, but is not code
        {KEY: marshal.dumps(compile("2 + 3", "<string>", "eval"))},  # no CRC-32 (format 1)
    )
    for content in contents:
        if content is None:
            path.write_bytes(b"")  # empty
        else:
            _write(path, content)
        cache = SourceCache.read(path)
        assert cache.eval("2 + 3") == 5  # compiled again, not taken from the file
        assert isinstance(cache.blobs, dict) and type(cache.blobs[KEY]) is bytes
        fresh = compile("2 + 3", "<string>", "eval", dont_inherit=True)
        assert marshal.loads(cache.blobs[KEY][4:]) == fresh


def test_a_file_others_can_write_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "sources.marshal"
    first = SourceCache.read(path)
    first.eval("2 + 3")
    first.save()
    assert SourceCache.read(path).blobs.keys() == {KEY}
    for mode in (0o620, 0o602):
        path.chmod(mode)
        assert SourceCache.read(path).blobs == {}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
