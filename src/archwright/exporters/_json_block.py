"""Indented JSON, byte for byte `json.dumps(data, indent=2)`, without its Python encoder.

With `indent` set, the standard library (before Python 3.14) leaves its C encoder for a
generator per nesting level: most of a 10k-component monitoring export (a Grafana
dashboard of 14k panels) and a large share of the scaffold's contracts. This writes the
same text from exact `dict` (string keys), `list`, `str`, `int`, `float`, `bool` and
`None`, escaping strings with the standard library's own C functions; anything else
raises `Unhandled` and the caller uses `json.dumps`. `tests/exporters/test_json_writer.py`
compares both.
"""

from __future__ import annotations

import json.encoder
from collections.abc import Callable
from typing import Any

_ESCAPE: Callable[[str], str] = json.encoder.encode_basestring
_ESCAPE_ASCII: Callable[[str], str] = json.encoder.encode_basestring_ascii
_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


class Unhandled(Exception):
    """A value this writer does not write: use `json.dumps`."""


def dumps(data: Any, ensure_ascii: bool) -> str:
    """`json.dumps(data, indent=2, ensure_ascii=ensure_ascii)`."""
    out: list[str] = []
    _value(data, "\n", out, _ESCAPE_ASCII if ensure_ascii else _ESCAPE)
    return "".join(out)


def _value(value: Any, newline: str, out: list[str], escape: Callable[[str], str]) -> None:
    """`newline` is a line break and the indentation of the line `value` starts on."""
    kind = type(value)
    if kind is str:
        out.append(escape(value))
    elif kind is dict:
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise Unhandled("a key that is not a string")
            out.append(sep + escape(key) + ": ")
            sep = "," + inner
            _value(item, inner, out, escape)
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            out.append(sep)
            sep = "," + inner
            _value(item, inner, out, escape)
        out.append(newline + "]")
    else:
        out.append(_scalar(value))


def _scalar(value: Any) -> str:
    kind = type(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        return _FLOATS.get(value) or float.__repr__(value)
    raise Unhandled(f"a value of type {kind.__name__}")
