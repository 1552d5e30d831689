"""The compiled-source cache (`archwright.cli.source_cache`): the code it gives is what
the built-ins compile, a second process compiles nothing, and a damaged or unwritable
cache only costs the compiling."""

from __future__ import annotations

import collections
import dataclasses
import marshal
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
from cli_process import ROOT

from archwright.cli import source_cache
from archwright.cli.source_cache import SourceCache


def fresh(tmp_path: Path) -> SourceCache:
    return SourceCache.read(tmp_path / "sources.marshal")


def test_the_cached_code_is_what_compile_gives(tmp_path: Path) -> None:
    cache = fresh(tmp_path)
    for text, mode in [("def f(a, b=1):\n return a + b\n", "exec"), ("x * 2", "eval")]:
        mine = cache.compile(text, "<string>", mode)
        assert mine == compile(text, "<string>", mode, dont_inherit=True)
        assert mine.co_filename == "<string>"
    scope: dict[str, object] = {}
    cache.exec("def f(a, b=1):\n return a + b\n", scope)
    assert scope["f"](2) == 3  # type: ignore[operator]
    assert cache.eval("x * 2", {"x": 21}) == 42
    cache.exec("y = 5", scope, closure=None)  # exec's keyword options pass through
    assert scope["y"] == 5


def test_a_second_process_decodes_instead_of_compiling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(tmp_path)
    first.exec("def g():\n return 7\n", {})
    first.save()
    compiled: list[str] = []
    monkeypatch.setattr(source_cache, "_compile", lambda s, *a, **k: compiled.append(s))
    second = fresh(tmp_path)
    scope: dict[str, object] = {}
    second.exec("def g():\n return 7\n", scope)
    assert compiled == [] and scope["g"]() == 7  # type: ignore[operator]
    assert not second.added  # nothing new: the file is not written again


def test_a_damaged_entry_is_compiled_again_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(tmp_path)
    first.eval("1 + 1")
    first.eval("2 + 2")
    first.save()
    path = tmp_path / "sources.marshal"
    data = bytearray(path.read_bytes())
    blob = first.blobs["eval\0<string>\0" + "1 + 1"]
    data[data.index(blob) + len(blob) - 3] ^= 0xFF  # inside the entry's marshalled code
    path.write_bytes(bytes(data))
    compiled: list[str] = []
    real = source_cache._compile
    monkeypatch.setattr(
        source_cache, "_compile", lambda s, *a, **k: compiled.append(s) or real(s, *a, **k)
    )
    second = fresh(tmp_path)
    assert second.eval("1 + 1") == 2 and second.eval("2 + 2") == 4
    assert compiled == ["1 + 1"]  # only the damaged entry: the other one still checks out
    second.save()
    third = fresh(tmp_path)
    assert third.eval("1 + 1") == 2 and compiled == ["1 + 1"] and not third.added


def test_a_damaged_file_is_ignored_and_rewritten(tmp_path: Path) -> None:
    first = fresh(tmp_path)
    first.eval("1 + 1")
    first.save()
    path = tmp_path / "sources.marshal"
    path.write_bytes(path.read_bytes()[:-5])  # cut short: marshal cannot read it
    second = fresh(tmp_path)
    assert second.blobs == {}
    assert second.eval("1 + 1") == 2
    second.save()
    assert fresh(tmp_path).blobs.keys() == {"eval\0<string>\0" + "1 + 1"}


def test_an_unwritable_folder_only_costs_the_compiling(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = SourceCache.read(blocker / "sub" / "sources.marshal")
    assert cache.eval("3 * 3") == 9
    cache.save()  # no exception, nothing written
    assert blocker.read_text() == "not a folder"


def test_a_big_cache_keeps_only_what_the_saving_process_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_cache, "MAX_ENTRIES", 2)
    first = fresh(tmp_path)
    for n in range(3):
        first.eval(f"{n} + 1")
    first.save()
    second = fresh(tmp_path)
    assert len(second.blobs) == 3
    second.eval("7 + 1")
    second.save()
    assert fresh(tmp_path).blobs.keys() == {"eval\0<string>\0" + "7 + 1"}


def test_the_stdlib_calls_the_names_the_cli_replaces() -> None:
    """If dataclasses, typing or namedtuple stopped calling these names, the cache would
    be dead code: the CLI process (which installs it) must still fill it."""
    cache = getattr(dataclasses.exec, "__self__", None)  # importing archwright.cli installs it
    assert isinstance(cache, SourceCache)
    assert getattr(typing.compile, "__self__", None) is cache
    assert getattr(collections.eval, "__self__", None) is cache
    before = set(cache.codes)

    @dataclasses.dataclass(frozen=True)
    class Probe:
        never_seen_field_name_q7: int

    typing.ForwardRef("never_seen_forward_ref_q7")
    collections.namedtuple("NeverSeenTupleQ7", ["aq7", "bq7"])
    added = "\n".join(set(cache.codes) - before)
    assert "never_seen_field_name_q7" in added
    assert "never_seen_forward_ref_q7" in added
    assert "aq7" in added
    assert Probe(1) == Probe(1) and repr(Probe(2)).endswith("Probe(never_seen_field_name_q7=2)")


PATTERNS = [
    (r"^(?P<number>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[a-z%]*)$", 0),
    (r"[\x00-\x08\x0b\x0c\x0e-\x1f\u0080-\u0084\ud800-\uffff]", 0),
    (r"(?:yes|no|on|off)\b", int(re.IGNORECASE | re.MULTILINE)),
    (r"(a)(b)?(?(2)c|d)", int(re.VERBOSE)),
]


def fresh_pattern(pattern: str, flags: int) -> re.Pattern[str]:
    """What this Python's own `re` compiles, never from any cache."""
    compiled: re.Pattern[str] = source_cache._RECORDER.original(pattern, flags)
    return compiled


def test_a_cached_pattern_is_the_pattern_re_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = fresh(tmp_path)
    made = [first.regex(pattern, flags) for pattern, flags in PATTERNS]
    assert made == [fresh_pattern(p, f) for p, f in PATTERNS]  # Pattern == compares the code
    assert first.added
    first.save()

    def no_parsing(*args: object) -> None:
        raise AssertionError(f"parsed again: {args}")

    monkeypatch.setattr(source_cache._RECORDER, "original", no_parsing)
    second = fresh(tmp_path)
    again = [second.regex(pattern, flags) for pattern, flags in PATTERNS]
    monkeypatch.undo()
    assert again == [fresh_pattern(p, f) for p, f in PATTERNS]
    assert [(p.groups, dict(p.groupindex), p.flags) for p in again] == [
        (p.groups, dict(p.groupindex), p.flags) for p in made
    ]
    assert again[0].match("2.5 ms").groupdict() == {"number": "2.5", "unit": "ms"}  # type: ignore[union-attr]
    assert not second.added


def test_patterns_it_does_not_keep_pass_through(tmp_path: Path) -> None:
    cache = fresh(tmp_path)
    assert cache.regex(b"ab+c", 0) == fresh_pattern(b"ab+c", 0)  # type: ignore[arg-type]
    assert not cache.added and cache.patterns == {}
    with pytest.raises(re.error):
        cache.regex("(unclosed", 0)
    assert cache.patterns == {}


def test_a_saved_pattern_for_other_text_is_not_used(tmp_path: Path) -> None:
    first = fresh(tmp_path)
    first.regex("abc", 0)
    first.save()
    second = fresh(tmp_path)
    (key,) = [key for key in second.blobs if key.startswith("re\0")]
    second.blobs[key] = source_cache._sealed(marshal.dumps(("xyz", 32, [1, 2, 3], 0, {}, (None,))))
    assert second.regex("abc", 0) == fresh_pattern("abc", 0)


def test_re_compiles_through_the_cache_in_the_cli() -> None:
    """If `re` stopped calling `_compiler.compile` or `_sre.compile` as it does, the
    cache would never fill: the CLI process (which installs it) must still fill it."""
    cache = getattr(dataclasses.exec, "__self__", None)
    assert isinstance(cache, SourceCache)
    assert getattr(re._compiler.compile, "__self__", None) is cache  # type: ignore[attr-defined]
    text = r"never_seen_pattern_q7(\d+)"
    assert re.compile(text).match("never_seen_pattern_q742").group(1) == "42"  # type: ignore[union-attr]
    assert f"re\0{0}\0{text}" in cache.patterns


def test_the_command_writes_its_cache_and_reads_it_back(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    outputs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "archwright", "validate", "examples/three_tier.yaml"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1] and outputs[0][0] == 0
    (path,) = (tmp_path / "archwright").glob("sources-*.marshal")
    assert len(SourceCache.read(path).blobs) > 100
