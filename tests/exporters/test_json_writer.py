"""The indented JSON writer gives `json.dumps(data, indent=2)` byte for byte.

It is called directly (not through `dump_json`, which falls back to `json.dumps`), so a
difference cannot hide behind the fallback.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.exporters._json_block import Unhandled, dumps

_TEXT = st.text(max_size=8) | st.sampled_from(['"', "\\", "\n", "\x00", "\x7f", "é", "😀", "</"])
_SCALARS = (
    _TEXT
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
)
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(_TEXT, inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=1000, deadline=None)
@given(_DOCS, st.booleans())
def test_the_writer_writes_what_json_dumps_writes(data: Any, ensure_ascii: bool) -> None:
    assert dumps(data, ensure_ascii) == json.dumps(data, indent=2, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize("data", [{1: "int key"}, {"k": b"bytes"}, {"k": {1.5}}, [object()]])
def test_what_it_does_not_write_goes_to_json_dumps(data: Any) -> None:
    with pytest.raises(Unhandled):
        dumps(data, False)
