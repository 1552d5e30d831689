"""Indented JSON, byte for byte `json.dumps(data, indent=2)`, without its Python encoder.

With `indent` set, the standard library (before Python 3.14) leaves its C encoder for a
generator per nesting level: most of a 10k-component monitoring export (a Grafana
dashboard of 14k panels) and a large share of the scaffold's contracts. This writes the
same text from exact `dict` (string keys), `list`, `str`, `int`, `float`, `bool` and
`None`, escaping strings with the standard library's own C functions; anything else
raises `Unhandled` and the caller uses `json.dumps`. `tests/exporters/test_json_writer.py`
compares both.

A list is written a column at a time: the items' values of one type are escaped by one
`map` over the C function, and records sharing their keys (the 56,000 findings of an
audit, the results of a SARIF log) are filled into one `%` template per shape, so the
per-value work of the Python encoder (one generator step and one call per value) is
paid per column instead.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import Any

_ESCAPE: Callable[[str], str] = json.encoder.encode_basestring
_ESCAPE_ASCII: Callable[[str], str] = json.encoder.encode_basestring_ascii
_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


class Unhandled(Exception):
    """A value this writer does not write: use `json.dumps`."""


class _Writer:
    """The escaping and the float rule of one document."""

    def __init__(self, ensure_ascii: bool, allow_nan: bool) -> None:
        self.escape = _ESCAPE_ASCII if ensure_ascii else _ESCAPE
        self.allow_nan = allow_nan

    def float_text(self, value: float) -> str:
        if value != value or value in _FLOATS:
            if not self.allow_nan:  # what json.dumps(..., allow_nan=False) raises
                raise ValueError("Out of range float values are not JSON compliant")
            return "NaN" if value != value else _FLOATS[value]
        return float.__repr__(value)


def dumps(data: Any, ensure_ascii: bool, *, allow_nan: bool = True) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=ensure_ascii, allow_nan=allow_nan)`."""
    return _many([data], "\n", _Writer(ensure_ascii, allow_nan))[0]


def dumps_each(documents: list[Any], ensure_ascii: bool, *, allow_nan: bool = True) -> list[str]:
    """`dumps` of each document, as one column: the text of each depends on it alone."""
    return _many(documents, "\n", _Writer(ensure_ascii, allow_nan)) if documents else []


def _many(values: list[Any], newline: str, w: _Writer) -> list[str]:
    """The text of each value, each starting on a line indented as `newline` says (a line
    break and the indentation): one column of a list or of records."""
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return [
            _many([v], newline, w)[0] if type(v) in _CONTAINERS else _scalar(v, w) for v in values
        ]
    kind = kinds.pop()
    if kind is str:
        return _strings(values, w)
    if kind is dict:
        return _records(values, newline, w)
    if kind is list or kind is tuple:
        return _lists(values, newline, w)
    if kind is float:
        return list(map(w.float_text, values))
    if kind in _CONSTANTS:  # flags and empty fields of every finding: no call per value
        return list(map(_CONSTANTS[kind].__getitem__, values))
    if kind is int:
        return list(map(int.__repr__, values))
    return [_scalar(v, w) for v in values]


def _strings(values: list[str], w: _Writer) -> list[str]:
    """Escaped strings; a column repeating a few texts (a rule's rationale and fix on each
    of its findings) escapes each text once."""
    distinct = set(values)
    if len(distinct) * 4 > len(values):
        return list(map(w.escape, values))
    escaped = {text: w.escape(text) for text in distinct}
    return list(map(escaped.__getitem__, values))


def _records(values: list[dict[Any, Any]], newline: str, w: _Writer) -> list[str]:
    """Dicts: those sharing one key order through one template per order.

    A column of a few shapes (the Datadog monitors' `options`, two shapes in turn) is
    written a shape at a time and put back in order; each record's text depends on that
    record alone. Mostly distinct shapes (a contract's paths) go one by one.
    """
    shapes = list(map(tuple, values))
    distinct = set(shapes)
    if len(distinct) == 1:
        return _shaped(values, shapes[0], newline, w)
    if len(distinct) * 4 > len(values):
        return [_shaped([v], keys, newline, w)[0] for v, keys in zip(values, shapes, strict=True)]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, keys in enumerate(shapes):
        groups.setdefault(keys, []).append(i)
    out = [""] * len(values)
    for keys, where in groups.items():
        texts = _shaped([values[i] for i in where], keys, newline, w)
        for i, text in zip(where, texts, strict=True):
            out[i] = text
    return out


def _shaped(
    values: list[dict[Any, Any]], keys: tuple[Any, ...], newline: str, w: _Writer
) -> list[str]:
    """Dicts that all have `keys`, in that order, through one template."""
    if not keys:
        return ["{}"] * len(values)
    if any(type(k) is not str for k in keys):
        raise Unhandled("a key that is not a string")
    inner = newline + "  "
    columns = [_many(list(map(itemgetter(k), values)), inner, w) for k in keys]
    template = (
        ("{" + inner + ("," + inner).join(w.escape(k).replace("%", "%%") + ": %s" for k in keys))
        + newline
        + "}"
    )
    return list(map(template.__mod__, zip(*columns, strict=True)))


def _lists(values: list[list[Any] | tuple[Any, ...]], newline: str, w: _Writer) -> list[str]:
    """Lists and tuples: every item of the column written together, then regrouped."""
    repeated = _repeated_texts(values)
    if repeated is not None:  # a rule's references on each of its findings: once each
        distinct: list[list[Any] | tuple[Any, ...]] = list(dict.fromkeys(repeated))
        texts = dict(zip(distinct, _lists(distinct, newline, w), strict=True))
        return list(map(texts.__getitem__, repeated))
    inner = newline + "  "
    sep = "," + inner
    items = _many([item for v in values for item in v], inner, w)
    lengths = set(map(len, values))
    if len(lengths) == 1:  # one template for lists of one length (mostly 1, or 0)
        size = lengths.pop()
        if not size:
            return ["[]"] * len(values)
        template = "[" + inner + sep.join(["%s"] * size) + newline + "]"
        return list(map(template.__mod__, zip(*[iter(items)] * size, strict=True)))
    out: list[str] = []
    start = 0
    for v in values:
        if v:
            end = start + len(v)
            out.append("[" + inner + sep.join(items[start:end]) + newline + "]")
            start = end
        else:
            out.append("[]")
    return out


def _repeated_texts(values: list[list[Any] | tuple[Any, ...]]) -> list[tuple[str, ...]] | None:
    """The lists as tuples when they hold strings alone and repeat (four uses each or
    more, as `_strings` asks), else None. Strings only: as keys, 1, 1.0 and True are one."""
    if len(values) < 8 or not _strings_only(values[:64]):
        return None
    if len(set(map(tuple, values[:64]))) * 4 > min(len(values), 64) or not _strings_only(values):
        return None  # the first lists already differ (the targets of findings): not worth it
    keys = list(map(tuple, values))
    return keys if len(set(keys)) * 4 <= len(values) else None


def _strings_only(values: list[list[Any] | tuple[Any, ...]]) -> bool:
    return set(map(type, chain.from_iterable(values))) == {str}


_CONTAINERS = (dict, list, tuple)
_CONSTANTS: dict[type, dict[Any, str]] = {
    bool: {True: "true", False: "false"},
    type(None): {None: "null"},
}


def _scalar(value: Any, w: _Writer) -> str:
    kind = type(value)
    if kind is str:
        return w.escape(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return w.float_text(value)
    raise Unhandled(f"a value of type {kind.__name__}")
