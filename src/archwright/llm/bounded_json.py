"""JSON from a server or a model, decoded with limits, so a hostile answer costs nothing.

`json.loads` has three traps for text we did not write: nesting a few thousand levels
deep raises RecursionError, an integer over 4,300 digits raises ValueError, and
`1e999`, `NaN` and `Infinity` come back as non-finite floats that later arithmetic and
JSON output cannot use. `loads_bounded` checks the depth first (one linear scan), then
parses with hooks that refuse long integers and non-finite numbers; every refusal is a
`JsonRefused` with a one-line reason, which callers turn into their own error.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any

MAX_DEPTH = 64
"""Deeper than any answer we ask for (an architecture is about 6 levels deep)."""

MAX_INT_DIGITS = 30
"""Token counts and sizes fit in far fewer digits; longer integers are refused."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


class JsonRefused(ValueError):
    """Text that is not JSON we accept: malformed, too deep or with unusable numbers."""


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting outside strings (0 for a scalar)."""
    brackets = _BRACKET.findall(_STRING.sub("", text))
    steps = (1 if b in "[{" else -1 for b in brackets)
    return max(accumulate(steps, initial=0))


def _int(token: str) -> int:
    digits = token.lstrip("-")
    if len(digits) > MAX_INT_DIGITS:
        raise JsonRefused(f"an integer of {len(digits):,} digits (limit {MAX_INT_DIGITS})")
    return int(token)


def _float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise JsonRefused(f"a number out of range ({token[:20]})")
    return value


def _constant(token: str) -> Any:
    raise JsonRefused(f"{token} is not a JSON number")


def loads_bounded(text: str) -> Any:
    """`json.loads(text)` with depth, integer-size and finiteness limits (JsonRefused)."""
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise JsonRefused(f"nested {depth:,} levels deep (limit {MAX_DEPTH})")
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonRefused(f"not valid JSON: {exc.msg} at char {exc.pos}") from None
    except RecursionError:
        raise JsonRefused("nested too deep") from None
