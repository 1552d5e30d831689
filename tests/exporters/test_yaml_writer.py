"""The direct YAML writer gives PyYAML's text byte for byte, and handles what exporters emit.

`_yaml.dump_yaml` falls back to PyYAML for what the writer does not decide, so comparing
`dump_yaml` with PyYAML would pass whatever the writer did. These tests call the writer
itself: where it answers, its text must equal PyYAML's; and on every YAML file the
exporters' golden tests hold, it must answer (else the speed-up silently went away).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archwright.exporters._yaml import _pyyaml_dump, _pyyaml_dump_all, dump_yaml
from archwright.exporters._yaml_block import (
    _DEEPEST,
    Fixed,
    Unhandled,
    _decide,
    _is_plain,
    write,
)

GOLDEN = Path(__file__).parent / "golden"

# Strings built around what decides a scalar's style: indicators first and inside, the
# values other YAML types claim (booleans, numbers, null, dates, merge), quotes, spaces
# at either end, unicode, line breaks, tabs and characters the emitters escape.
_PIECES = [
    "a", "x", "Z", "0", "1", "8080", "0.1.0", "1e3", "0x1F", "0o17", "1_000", ".5", "-1",
    "true", "False", "yes", "No", "on", "OFF", "null", "~", "Null", "2026-12-05", "<<", "=",
    "-", "?", ":", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@",
    "`", "---", "...", " ", "  ", ": ", " #", "- ", "? ", "\n", "\n\n", "\t", "\r", "\x85",
    "\u2028", "\ufeff", "\xa0", "é", "日本", "😀", "\x00", "\x7f", "${{ x }}", "{{ y }}",
    "a b", "it's", "http://h:80/p?q=1#f",
]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join) | st.text(max_size=12)
_LONG = st.builds(
    lambda word, n: " ".join([word] * n), st.sampled_from(["ab", "c:d"]), st.integers(300, 520)
)
_SCALARS = (
    _TEXT
    | _LONG
    | st.integers(-(10**20), 10**20)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=True, allow_infinity=True)
)
_KEYS = _TEXT | st.sampled_from(["k" * 99, "k" * 100, "k" * 130, "apiVersion"])
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=25,
)
_ROOTS = st.dictionaries(_KEYS, _DOCS, min_size=1, max_size=5) | st.lists(
    _DOCS, min_size=1, max_size=5
)


def _written(data: Any) -> str | None:
    out: list[str] = []
    try:
        write(data, out)
    except Unhandled:
        return None
    return "".join(out)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ROOTS)
def test_where_the_writer_answers_it_writes_what_pyyaml_writes(data: Any) -> None:
    text = _written(data)
    if text is not None:
        assert text == _pyyaml_dump(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ROOTS, min_size=1, max_size=3))
def test_several_documents_match_pyyaml_dump_all(docs: list[Any]) -> None:
    parts = [_written(d) for d in docs]
    if all(p is not None for p in parts):
        assert "".join(f"---\n{p}" for p in parts) == _pyyaml_dump_all(docs)


def _fix(data: Any) -> Any:
    """The same value with every mapping in it a `Fixed`."""
    if type(data) is dict:
        return Fixed({k: _fix(v) for k, v in data.items()})
    if type(data) is list:
        return [_fix(item) for item in data]
    return data


def _places(block: Any) -> Any:
    """One block at several indentations and leads: a value, a list item, nested both."""
    return {"a": block, "b": [block, {"c": block}], "d": [[block, {"e": [block]}]], "f": block}


def _deep_first(block: Any) -> Any:
    """The same places, the deepest first: later places move its text back out."""
    return {"d": [[{"e": [block]}, block]], "b": [{"c": block}, block], "a": block}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_KEYS, _DOCS, max_size=4), st.sampled_from([_places, _deep_first]))
def test_a_fixed_mapping_is_written_as_the_plain_one_in_every_place(
    block: Any, places: Callable[[Any], Any]
) -> None:
    fixed = places(_fix(block))
    plain = _written(places(block))
    assert _written(fixed) == plain
    assert _written(fixed) == plain  # again, now from the texts kept at the first
    if plain is not None:
        assert plain == _pyyaml_dump(fixed)
    else:
        assert _pyyaml_dump(fixed) == _pyyaml_dump(places(block))


_ASCII = [chr(c) for c in range(0x20, 0x7F)]
_AROUND = ["a", "y", "1", " ", ":", "#", "-", "?", ".", "'", "%", ",", "\n", "\t", "é"]


def test_the_plain_fast_path_keeps_only_what_decide_keeps_plain() -> None:
    """Every ASCII string of up to two characters and every string of three or four
    built from the characters the rules turn on: what `_is_plain` accepts, `_decide`
    writes as it is. And it accepts ordinary text, else it would save nothing."""
    short = [a + b for a in ["", *_ASCII] for b in _ASCII]
    built = ["".join(p) for n in (3, 4) for p in itertools.product(_AROUND, repeat=n)]
    accepted = [text for text in short + built if _is_plain(text)]
    assert len(accepted) > 1000
    assert all(_decide(text) == text for text in accepted)
    ordinary = ["svc-0", "generated-10000", "redis:7.4-alpine", "a b", 'rate{x="y"}[5m] > 0']
    assert all(map(_is_plain, ordinary))
    assert not any(map(_is_plain, ["a: b", "x #y", "a ", "a:", "yes", "1a", "- a", "été"]))


@settings(max_examples=1500, deadline=None)
@given(_TEXT)
def test_the_plain_fast_path_agrees_with_decide_on_generated_text(text: str) -> None:
    if _is_plain(text):
        assert _decide(text) == text


def test_a_mapping_nested_past_the_measured_depth_goes_to_pyyaml() -> None:
    """Lines of kept texts go unmeasured down to `_DEEPEST` spaces; deeper, PyYAML."""
    data: Any = {"k": "v w"}
    for _ in range(_DEEPEST // 2 + 1):
        data = {"k": data}
    assert _written(data) is None
    assert _written(data["k"]) is not None
    assert dump_yaml(data) == _pyyaml_dump(data)


def test_a_fixed_mapping_refuses_changes() -> None:
    fixed = Fixed({"a": "1"})
    _written({"k": fixed})
    changes = [
        lambda: fixed.__setitem__("a", "2"),
        lambda: fixed.__delitem__("a"),
        lambda: fixed.update(a="2"),
        lambda: fixed.pop("a"),
        lambda: fixed.popitem(),
        lambda: fixed.clear(),
        lambda: fixed.setdefault("b", "2"),
        lambda: fixed.__ior__({"a": "2"}),
    ]
    for change in changes:
        with pytest.raises(TypeError):
            change()
    assert fixed == {"a": "1"}
    assert _written({"k": fixed}) == "k:\n  a: '1'\n"


@pytest.mark.parametrize(
    "value",
    [
        "plain", "8080", "true", "null", "", "~", "a: b", "a:b", "a:", "x #y", "x#y", "- x",
        "-x", "? x", "?x", ":x", "---x", "...", "it's", "'q'", "été", "1e3", "0.1.0",
        "${{ secrets.X }}", "{{ $labels.job }}", "[x]", "*", "&a", "!t", "%p", "@u", "`b`",
        "<<", "=", "2026-12-05", "a\nb", "run: x\nnext 'q' line",
    ],
)  # fmt: skip
def test_the_scalars_exporters_write_are_decided_here(value: str) -> None:
    """These must not fall back: they are what manifests and workflows are made of."""
    key = value if value and "\n" not in value else "e"  # a key of several lines is `? `
    for data in ({"k": value, key: [value, {"n": value}]}, [value, [value]]):
        text = _written(data)
        assert text is not None, value
        assert text == _pyyaml_dump(data)


@pytest.mark.parametrize(
    "data",
    [
        {"k": "a\tb"},
        {"k": "a\n\nb"},
        {"k": "a \nb"},
        {"k": "a\n b"},
        {"k": "\na"},
        {"k": "a\n"},
        {"k": " ".join(["word"] * 300)},
        {"k" * 100: 1},
        {"": 1},
        {1: "int key"},
        {"k": b"bytes"},
        {"k": ("tuple",)},
        {},
        [],
        "scalar",
    ],
)
def test_what_the_writer_does_not_decide_goes_to_pyyaml(data: Any) -> None:
    assert _written(data) is None


# The formats whose YAML files are all written by `_yaml.dump_yaml` / `dump_yaml_all`.
_DUMPED = ("compose", "github-actions", "kubernetes", "monitoring", "openapi", "render")


def _golden_yaml() -> list[Path]:
    return sorted(
        p
        for fmt in _DUMPED
        for p in (GOLDEN / fmt).rglob("*")
        if p.suffix in (".yaml", ".yml") and p.is_file()
    )


def test_the_golden_files_are_there() -> None:
    assert {p.relative_to(GOLDEN).parts[0] for p in _golden_yaml()} == set(_DUMPED)


@pytest.mark.parametrize("path", _golden_yaml(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_every_golden_yaml_file_is_written_by_the_writer(path: Path) -> None:
    """Read back and written again by the writer alone, each golden file comes out the
    same, less its leading comment lines and the pinned actions' version comments (both
    added after dumping)."""
    body = _strip(path.read_text(encoding="utf-8"))
    docs = list(yaml.safe_load_all(body))
    parts = [_written(d) for d in docs]
    if path.name == "ci.yml":  # one per export: shell loops whose lines start with spaces
        assert parts == [None], "the CI workflow is written double-quoted, by PyYAML"
        return
    assert docs and all(p is not None for p in parts), path
    several = body.startswith("---\n")
    assert body == "".join(f"---\n{p}" if several else str(p) for p in parts)


_VERSION = re.compile(r"(@[0-9a-f]{40}) # \S+$", re.MULTILINE)


def _strip(text: str) -> str:
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return _VERSION.sub(r"\1", "".join(lines))
