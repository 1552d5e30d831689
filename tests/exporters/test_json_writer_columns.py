"""The indented JSON writer's column paths give `json.dumps(data, indent=2)` byte for byte.

Lists of records sharing their keys (findings, SARIF results) are written a column at a
time with one template per shape; this drives those paths with records of one shape,
of several shapes, with nested lists of equal and unequal lengths, repeated texts and
`%` in keys and values, and checks the `allow_nan=False` refusal json.dumps makes.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.exporters._json_block import dumps

_TEXT = st.sampled_from(["", "a", "%s", "100%", '"', "\\", "\n", "é", "😀", "same text"]) | st.text(
    max_size=6
)
_SCALAR = (
    _TEXT
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)
_LEAF = _SCALAR | st.lists(_TEXT, max_size=3) | st.lists(_SCALAR, max_size=2).map(tuple)
_KEYS = st.lists(_TEXT, min_size=0, max_size=5, unique=True)


_COLUMNS = [
    _TEXT,
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    _TEXT | st.none(),
    st.lists(_TEXT, min_size=1, max_size=1),
    st.lists(_TEXT, min_size=2, max_size=2).map(tuple),
    st.lists(_TEXT, max_size=3),
    _SCALAR,
]


@st.composite
def _records(draw: Any) -> list[Any]:
    """Records of one to three shapes (key orders). Each key of a shape draws its values
    from one column type (so whole columns are texts, numbers or lists of one length, as
    in findings) or from any leaf, some nested."""
    shapes = draw(st.lists(_KEYS, min_size=1, max_size=3))
    mixed = (
        _LEAF
        | st.dictionaries(_TEXT, _LEAF, max_size=2)
        | st.lists(
            st.fixed_dictionaries({"a": _SCALAR, "b": st.lists(_TEXT, max_size=2)}), max_size=3
        )
    )
    column = {k: draw(st.sampled_from([*_COLUMNS, mixed])) for keys in shapes for k in keys}
    out: list[Any] = []
    for _ in range(draw(st.integers(0, 12))):
        keys = draw(st.sampled_from(shapes))
        out.append({k: draw(column[k]) for k in keys})
    return out


@settings(max_examples=600, deadline=None)
@given(_records(), st.booleans())
def test_records_are_written_as_json_dumps_writes_them(data: list[Any], ensure_ascii: bool) -> None:
    document = {"findings": data, "count": len(data)}
    expected = json.dumps(document, indent=2, ensure_ascii=ensure_ascii)
    assert dumps(document, ensure_ascii) == expected


def test_a_long_column_of_repeated_texts_and_one_length_lists() -> None:
    rows = [
        {"rule": "R1", "why": "a long reason, 100% the same", "targets": [f"c-{i}"], "n": i}
        for i in range(500)
    ]
    rows += [{"rule": "R2", "why": "other", "targets": [], "n": 0.5}] * 3
    pairs = [{"ends": [f"a-{i}", f"b-{i}"], "x": [i, None, True]} for i in range(50)]
    assert dumps(pairs, True) == json.dumps(pairs, indent=2)
    assert dumps(rows, False) == json.dumps(rows, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_out_of_range_floats_are_refused_like_json_dumps(bad: float) -> None:
    data = [{"x": 1.0}, {"x": bad}]
    with pytest.raises(ValueError):
        json.dumps(data, indent=2, allow_nan=False)
    with pytest.raises(ValueError):
        dumps(data, False, allow_nan=False)
    assert dumps(data, False) == json.dumps(data, indent=2)


def test_repeated_lists_of_texts_are_written_once_each_and_as_json_dumps_writes_them() -> None:
    """A rule's references repeat on each of its findings: the writer writes each list
    once. Lists equal as tuples but not as JSON (1, 1.0 and True are one key) and string
    lists that turn mixed late in the column must not be merged."""
    refs = [["RFC 1", "AWS 2"], ["Google SRE"], [], ["RFC 1", "AWS 2"]]
    rows = [{"references": list(refs[i % 4]), "n": i} for i in range(400)]
    lookalikes = [{"v": [[1], [True], [1.0], ["1"]][i % 4]} for i in range(40)]
    late = [{"v": ["a", "b"]} for _ in range(100)] + [{"v": ["a", 2]}, {"v": ["a", None]}]
    for data in (rows, lookalikes, late, [r["references"] for r in rows]):
        assert dumps(data, False) == json.dumps(data, indent=2, ensure_ascii=False)
