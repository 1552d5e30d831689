"""Fuzzing the LLM response decoders: any text in, a value or a one-line refusal out.

A fixed budget runs in CI (200 examples per property); `ARCHWRIGHT_FUZZ_EXAMPLES=20000`
runs a long one. The properties: `loads_bounded` raises only `JsonRefused`,
`decode_json` only `OutputInvalid`, and the envelope readers (`field`, `count`) only
`BadOutput` or nothing, whatever JSON value a server sends.
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archwright.llm import BadOutput, OutputInvalid, decode_json
from archwright.llm.bounded_json import MAX_DEPTH, JsonRefused, loads_bounded
from archwright.llm.provider import count, field

EXAMPLES = int(os.environ.get("ARCHWRIGHT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TOKENS = st.sampled_from(
    ['{', '}', '[', ']', '"', ':', ',', '-', '1', '9' * 50, 'NaN', 'Infinity', '1e999',
     '"a"', 'true', 'null', '\\', '\\u0000', ' ', '```json', '\n']
)  # fmt: skip
JSONISH = st.lists(_TOKENS, max_size=200).map("".join)
TEXT = st.one_of(st.text(max_size=500), JSONISH)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@FUZZ
@given(TEXT)
def test_loads_bounded_refuses_in_one_way(text: str) -> None:
    try:
        loads_bounded(text)
    except JsonRefused as exc:
        assert "\n" not in str(exc)


@FUZZ
@given(TEXT)
def test_decode_json_refuses_in_one_way(text: str) -> None:
    try:
        decode_json(text)
    except OutputInvalid as exc:
        assert exc.problems and all("\n" not in p for p in exc.problems)


@FUZZ
@given(st.integers(min_value=MAX_DEPTH + 1, max_value=200_000))
def test_any_depth_past_the_limit_is_refused_quickly(depth: int) -> None:
    try:
        loads_bounded("[" * depth + "]" * depth)
    except JsonRefused as exc:
        assert "deep" in str(exc)
    else:
        raise AssertionError("accepted nesting past the limit")


@FUZZ
@given(JSON_VALUES)
def test_envelope_readers_never_crash(data: Any) -> None:
    text = json.dumps(data)
    value = loads_bounded(text) if len(text) < 100_000 else data
    with contextlib.suppress(BadOutput):
        field(value, "choices", 0, "message", "content")
    assert count(value, "prompt_tokens") >= 0
