"""Hostile documents for the fuzz suite: real inputs with parts replaced, deleted or added.

A mutation starts from a valid document (an example model, a real compose file or
manifest from the importer fixtures) so most examples reach the code past the parser,
and replaces a few values with what issue 17 found breaking things: non-finite and
oversized numbers, empty and 300-character names, control characters, wrong types.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# `ARCHWRIGHT_FUZZ_EXAMPLES` sets the budget per test: small and derandomized in the test
# suite (the same inputs every run), large through scripts/fuzz.
EXAMPLES = int(os.environ.get("ARCHWRIGHT_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=os.environ.get("ARCHWRIGHT_FUZZ_RANDOM") != "1",
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE_VALUES: list[Any] = [
    float("inf"),
    float("-inf"),
    float("nan"),
    10**400,
    -(10**30),
    10**12,
    -1,
    0,
    1.5,
    "",
    " ",
    "x" * 300,
    "9" * 400,
    "1e400",
    "5M",
    "2s",
    "99.9%",
    "${UNSET:?}",
    "../../etc/passwd",
    "a\x00b",
    "line\nbreak",
    "http://user:pass@db:5432/x",
    "db:5432",
    None,
    True,
    [],
    {},
    [None],
    {"": None},
]

SCALARS = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
_VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
# A copy of every value: the pool holds lists and dicts that a later mutation would
# change in place (and hypothesis must draw the same thing twice from the same choices).
VALUES = _VALUES.map(copy.deepcopy)


def _slots(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) pair of a document, containers first."""
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _slots(node[key], out)
    elif isinstance(node, list):
        for index in range(len(node)):
            out.append((node, index))
            _slots(node[index], out)
    return out


@st.composite
def mutated(draw: st.DrawFn, seed: Any, max_changes: int = 4) -> Any:
    """`seed` with 1..max_changes values replaced, deleted or added."""
    doc = copy.deepcopy(seed)
    for _ in range(draw(st.integers(min_value=1, max_value=max_changes))):
        slots = _slots(doc, [])
        if not slots:
            return draw(VALUES)
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "key"]))
        if action == "replace":
            container[key] = draw(VALUES)
        elif action == "delete":
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[draw(st.text(max_size=12))] = draw(VALUES)
        elif action == "add":
            container.append(draw(VALUES))
        elif isinstance(container, dict):  # rename a key
            container[draw(st.sampled_from(HOSTILE_VALUES[9:17]))] = container.pop(key)
    return doc


@st.composite
def mutated_text(draw: st.DrawFn, seed: str, max_changes: int = 4) -> str:
    """`seed` with a few spans deleted, duplicated or overwritten (for HCL, Dockerfiles)."""
    text = seed
    for _ in range(draw(st.integers(min_value=1, max_value=max_changes))):
        if not text:
            return draw(st.text(max_size=50))
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start, max_value=min(len(text), start + 40)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            piece = draw(
                st.sampled_from(['"', "{", "}", "${", "\n", "=", "[", "x" * 250, "\x00"])
                | st.text(max_size=10)
            )
            text = text[:start] + piece + text[start:]
    return text
