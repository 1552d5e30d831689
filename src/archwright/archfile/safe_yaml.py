"""YAML and JSON read with limits, because input files are untrusted.

A 342-byte billion-laughs document loads in milliseconds and explodes only when walked;
deep nesting crashes the C loader with a segfault no `except` catches. So YAML is built
from libyaml's event stream (iterative, no recursion) by `one_pass`, which counts size,
depth, aliases and the expanded size a walk would see as it goes: one parse, refused at
the first event past a limit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml

from archwright.archfile.one_pass import ItemLines, Refused, build_all
from archwright.archfile.places import line_of as line_of  # advise.migrate reads it here
from archwright.archfile.places import lines_of as lines_of

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIASES = 1_000
MAX_NODES = 2_000_000
MAX_DIGITS = 1_000  # Python refuses int(str) past 4,300; no real figure needs 1,000


class UnsafeInput(ValueError):
    """Input refused before parsing: too big, too deep, too many aliases, or malformed.

    `line` is 1-based when the problem has a place in the file.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_aliases: int = MAX_ALIASES
    max_nodes: int = MAX_NODES


DEFAULT_LIMITS = Limits()


def _yaml_error(exc: yaml.YAMLError, limits: Limits) -> UnsafeInput:
    """One refusal per cause, whichever layer noticed it first.

    PyYAML 6.0.4 and newer refuse deep flow nesting in their own scanner ("exceeded maximum
    nesting depth") before our event scan reaches its limit; that is the same refusal as ours,
    so it gets the same message rather than passing through as "invalid YAML".
    """
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "nesting depth" in str(problem):
        return UnsafeInput(f"nested deeper than {limits.max_depth} levels", line)
    return UnsafeInput(f"invalid YAML: {problem}", line)


def loads_yaml_all(
    text: str, limits: Limits = DEFAULT_LIMITS, items: ItemLines | None = None
) -> list[Any]:
    """Every document of a (multi-document) YAML text, within limits, in one parse
    (`items`: see `one_pass.ItemLines`)."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise UnsafeInput(f"larger than {limits.max_bytes // (1024 * 1024)} MiB")
    try:
        return build_all(
            text,
            max_depth=limits.max_depth,
            max_aliases=limits.max_aliases,
            max_nodes=limits.max_nodes,
            max_digits=MAX_DIGITS,
            items=items,
        )
    except Refused as exc:
        raise UnsafeInput(exc.message, exc.line) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, limits) from None


def loads_yaml(text: str, limits: Limits = DEFAULT_LIMITS, items: ItemLines | None = None) -> Any:
    """One YAML document (an empty text is None)."""
    docs = loads_yaml_all(text, limits, items)
    if len(docs) > 1:
        raise UnsafeInput(f"expected one YAML document, found {len(docs)}")
    return docs[0] if docs else None


def loads_json(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise UnsafeInput(f"larger than {limits.max_bytes // (1024 * 1024)} MiB")
    depth = 0
    deepest = 0
    in_string = False
    escaped = False
    for ch in text:  # bracket depth outside strings, before json recurses
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limits.max_depth:
                raise UnsafeInput(f"nested deeper than {limits.max_depth} levels")
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise UnsafeInput(f"invalid JSON: {exc.msg}", exc.lineno) from None
    except UnsafeInput:
        raise
    except (ValueError, RecursionError) as exc:  # an integer past 4,300 digits
        raise UnsafeInput(f"unreadable value ({_first_line(exc)})") from None


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259); Python's reader accepts them by default."""
    raise UnsafeInput(f"invalid JSON: {name} is not a number JSON allows")


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


def loads(
    text: str,
    *,
    json_format: bool,
    limits: Limits = DEFAULT_LIMITS,
    items: ItemLines | None = None,
) -> Any:
    """A YAML or JSON document; `items` is filled only from YAML."""
    return loads_json(text, limits) if json_format else loads_yaml(text, limits, items)
