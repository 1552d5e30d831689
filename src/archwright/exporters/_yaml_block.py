"""A direct block-YAML writer for the documents exporters build, byte for byte PyYAML's.

PyYAML spends most of a 10k-component Kubernetes export building a node per value and
calling back into Python from its C emitter twice per scalar to resolve tags. The
documents exporters build are a small subset of YAML: dicts with `str` keys, lists,
`str`, `int`, `float`, `bool` and `None`, in block style, keys in insertion order, no
aliases. This writes that subset as text directly, choosing each scalar's style by the
same rules as the emitters (libyaml's `yaml_emitter_analyze_scalar` and PyYAML's
`Emitter.analyze_scalar`, which agree on them) for the strings it can decide exactly:
printable text, short enough that the emitter never folds it, on one line or on several
(neither starting nor ending with a space or a line break, no empty line: written
single-quoted, a line break as an empty line). Anything else (a tab, a blank line, a key
of 100 characters or more, another type, a mapping nested 200 deep) raises `Unhandled`
and the caller dumps that document with PyYAML instead, so the output never depends on
which path wrote it. `tests/exporters/test_yaml_writer.py` compares both on generated
documents and on every exporter's output.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

WIDTH = 1000  # the `width` every dump here passes; a scalar with a space past it folds
_KEY_LIMIT = 100  # the emitters write a key of 128 characters or more as `? key`
_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
# One line of printable characters: ASCII from space to `~`, and the non-ASCII ranges
# both emitters print as they are with allow_unicode, minus the BOM and the Unicode line
# and paragraph separators (which are line breaks to YAML).
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*")
_ALWAYS = frozenset("#,[]{}&*!|>'\"%@`")  # indicators a plain scalar cannot start with


class Unhandled(Exception):
    """A value this writer does not decide exactly: dump the document with PyYAML."""


def _plain_allowed(text: str) -> bool:
    """Whether a one-line printable string may be written plain in block context.

    The emitters' analysis restricted to such strings: no leading or trailing space, no
    document marker at the start, no indicator first (`?`, `:` and `-` only when a
    space or the end follows), no `: ` or ` #` inside.
    """
    if text[0] == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    first = text[0]
    spaced = len(text) == 1 or text[1] == " "
    if first in _ALWAYS or (first in "?:-" and spaced):
        return False
    return ": " not in text and " #" not in text and not text.endswith(":")


# The first characters that PyYAML's resolver tries any implicit tag for (digits, signs,
# `~`, `y`/`n`/`t`/`f`/`o` in either case, ...): any other first character resolves to
# `str` without a regular expression (read from the resolver's own table; with a
# wildcard or path resolver every text is asked).
_TRIED = frozenset(_RESOLVER.yaml_implicit_resolvers)
_ALWAYS_ASK = None in _TRIED or bool(_RESOLVER.yaml_path_resolvers)


def _plain_pattern() -> re.Pattern[str]:
    """The shape of `_is_plain` text: printable ASCII, its first character neither an
    indicator nor one the resolver tries (nor a space), its last neither a space nor a
    colon. One character class repeated: the regex engine's fast loop, no alternation."""
    if _ALWAYS_ASK:
        return re.compile("(?!)")  # every text goes through the resolver
    firsts = (chr(c) for c in range(0x21, 0x7F))
    first = "".join(
        re.escape(c) for c in firsts if c not in _TRIED and c not in _ALWAYS and c not in "?:-"
    )
    return re.compile(f"[{first}](?:[ -~]*[!-9;-~])?")


_PLAIN_SHAPE = _plain_pattern().fullmatch


def _is_plain(text: str) -> bool:
    """Whether `_decide` writes `text` as it is, answered by three C calls for most text.

    Most of a large export's strings are seen once (each service's rule expressions:
    119,183 strings decided in a 10k monitoring render), and deciding each in Python
    (printable, plain, resolver) takes five calls. A subset of what `_decide` keeps plain:
    `_PLAIN_SHAPE`, and no `: ` or ` #` inside (`tests/exporters/test_yaml_writer.py`
    holds it to `_decide`).
    """
    return _PLAIN_SHAPE(text) is not None and ": " not in text and " #" not in text


def _tag_of(text: str) -> Any:
    if text and text[0] not in _TRIED and not _ALWAYS_ASK:
        return _STR  # most unique strings of a large export (expressions, URLs, names)
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]


# The written form of each distinct one-line string, decided once per process (manifests
# repeat their labels, images and ports across thousands of files). A pure function of
# the string; bounded, so a stream of distinct values cannot grow it without limit.
_KNOWN: dict[str, str] = {}
_KNOWN_LIMIT = 500_000
# Only texts shorter than this are kept, and mappings are written directly only when
# indented less than `_DEEPEST` spaces: a line's start (indentation, a key of at most
# 200 characters quoted, the colon) and a kept text then stay under the folding width,
# so the hot loop (`_mapping`) writes a kept text without measuring either.
_SHORT = 400
_DEEPEST = WIDTH - _SHORT - (2 * _KEY_LIMIT + 1)


def _text(value: str) -> str:
    known = _KNOWN.get(value)
    if known is None:
        known = value if _is_plain(value) else _decide(value)
        if len(_KNOWN) < _KNOWN_LIMIT and len(known) < _SHORT:
            _KNOWN[value] = known
    return known


def _printable(text: str) -> bool:
    """One line of `_PRINTABLE` characters. ASCII text is printable exactly when
    `str.isprintable` says so (space to `~`), two C calls where the pattern scans in
    Python's regex engine: a 5,000-component scaffold decides ~100,000 distinct strings."""
    return (text.isascii() and text.isprintable()) or _PRINTABLE.fullmatch(text) is not None


def _decide(value: str) -> str:
    if not _printable(value):
        raise Unhandled("a character the emitters escape")
    if value and _plain_allowed(value) and _tag_of(value) == _STR:
        return value
    return "'" + value.replace("'", "''") + "'"


def _lines(value: str, column: int, indent: int) -> str:
    """A string of several lines, single-quoted: each line break doubled, the next line
    indented (the emitters' `write_single_quoted` for text without blank lines or spaces
    beside a break, whose analysis allows single quotes and forbids plain)."""
    lines = value.split("\n")
    for i, line in enumerate(lines):
        start = column if i == 0 else indent
        if not line or line[0] == " " or line[-1] == " " or not _printable(line):
            raise Unhandled("a line the emitters would write otherwise")
        if start + len(line) + 2 > WIDTH and " " in line:
            raise Unhandled("a line the emitter would fold")
    return "'" + ("\n\n" + " " * indent).join(lines).replace("'", "''") + "'"


_KEYS: dict[str, str] = {}  # the same, for the strings that passed as keys
_FLOAT = "tag:yaml.org,2002:float"


def _float_text(value: float) -> str:
    """PyYAML's `represent_float`, refusing what would not read back as a float."""
    if value != value:
        text = ".nan"
    elif value in (float("inf"), float("-inf")):
        text = ".inf" if value > 0 else "-.inf"
    else:
        text = repr(value).lower()
        if "." not in text and "e" in text:
            text = text.replace("e", ".0e", 1)
    if _tag_of(text) != _FLOAT:
        raise Unhandled(f"float {value!r}")
    return text


def _refuse(self: Any, *args: Any, **kwargs: Any) -> Any:
    raise TypeError("a Fixed mapping is written from its cache: build a new one instead")


class Fixed(dict[str, Any]):
    """A mapping an exporter builds once and never changes, written once per place.

    Manifests repeat whole blocks: the same component's labels are the selector of its
    workload, its service, its budget and every network policy that lets it call or be
    called (most of the 527,810 lines of a 10k `network-policies.yaml`). The writer keeps
    the text of a `Fixed` per indentation and first-line lead (the text is a function of
    the mapping and those two alone), so a repeated block costs one lookup, not a walk.
    Changing one in place is refused, since its text would go stale; the values inside
    are the exporter's to leave alone (lists and mappings it shares, like any constant).
    """

    __slots__ = ("_written",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._written: dict[tuple[int, str], str] = {}

    __setitem__ = __delitem__ = update = pop = popitem = clear = setdefault = _refuse
    __ior__ = _refuse


def _fixed(data: Fixed, indent: int, first: str) -> str:
    """The text of a non-empty `Fixed` at this place, written on its first use: moved
    from another place when it has been written before, else walked."""
    written = data._written
    text = written.get((indent, first))
    if text is None:
        text = _moved(written, indent, first) if written else None
        if text is None:
            lines: list[str] = []
            _mapping(data, indent, first, lines)
            text = "".join(lines)
        written[(indent, first)] = text
    return text


def _moved(written: dict[tuple[int, str], str], indent: int, first: str) -> str | None:
    """A block's text at `indent` from its text at another place, or None.

    One component's labels sit at four indentations in its manifests (metadata,
    selector, pod template, the policies that name it): re-indenting written text is
    two C calls where walking it again is a call and a lookup per line. Every line
    after the first is indented at least as deep as the first, and the first line's
    lead (`first`, else the indentation) is as long as the indentation, so the text
    moves by changing the indentation after each line break. Only text without blank
    lines (a string of several lines has them) that is short enough that no scalar in
    it can reach the folding width at either place.
    """
    (was, _), text = next(iter(written.items()))
    shift = indent - was
    if "\n\n" in text or len(text) + max(shift, 0) >= WIDTH:
        return None
    body = text[was:-1]  # after the first line's lead, before the last line break
    if shift > 0:
        body = body.replace("\n", "\n" + " " * shift)
    elif shift < 0:
        body = body.replace("\n" + " " * -shift, "\n")
    return (first or " " * indent) + body + "\n"


def write(data: Any, out: list[str]) -> None:
    """Append `data` (a non-empty dict or list) to `out` as one document's lines."""
    if (type(data) is dict or type(data) is Fixed) and data:
        _mapping(data, 0, "", out)
    elif type(data) is list and data:
        _sequence(data, 0, "", out)
    else:
        raise Unhandled("a document that is not a non-empty mapping or sequence")


def _scalar(value: Any, column: int, indent: int) -> str:
    """`column` is where the scalar starts, `indent` where its next lines would."""
    kind = type(value)
    if kind is str:
        if "\n" in value:
            return _lines(value, column, indent)
        text = _text(value)
        if column + len(text) > WIDTH and " " in text:
            raise Unhandled("a scalar the emitter would fold")
        return text
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    if kind is float:
        return _float_text(value)
    raise Unhandled(f"a value of type {kind.__name__}")


def _key(key: Any) -> str:
    if type(key) is not str:
        raise Unhandled("a key that is not a string")
    text = _KEYS.get(key)
    if text is None:
        if not key or len(key) >= _KEY_LIMIT or "\n" in key:
            raise Unhandled("an empty, long or multi-line key")
        text = _text(key)
        if len(_KEYS) < _KNOWN_LIMIT:
            _KEYS[key] = text
    return text


# Each key's line start (`indent` spaces, the key, `:`) per indentation: a manifest
# repeats a few dozen keys at a few depths across millions of lines, so the start is
# built once instead of twice per line. Bounded like the texts above.
_HEADS: dict[int, dict[str, str]] = {}


def _head(key: Any, indent: int, heads: dict[str, str]) -> str:
    head = " " * indent + _key(key) + ":"
    if len(heads) < _KNOWN_LIMIT:
        heads[key] = head
    return head


def _mapping(data: dict[Any, Any], indent: int, first: str, out: list[str]) -> None:
    """`first` replaces the indentation of the first line (`- ` of a list item).

    The hot loop of a large export: a string value already decided is looked up here,
    without a call or a measurement (see `_SHORT`), and a new one is decided.
    """
    heads = _HEADS.get(indent)
    if heads is None:
        if indent >= _DEEPEST:
            raise Unhandled("a mapping nested too deep for its lines to go unmeasured")
        heads = _HEADS[indent] = {}
    known, plain, append = _KNOWN, _is_plain, out.append
    lead = first
    for key, value in data.items():
        if lead:  # the first line of a list item: `- ` instead of the indentation
            head = lead + _key(key) + ":"
            lead = ""
        else:
            head = heads.get(key) or _head(key, indent, heads)
        kind = type(value)
        if kind is str:
            text = known.get(value)
            if text is None:
                if len(value) < _SHORT and plain(value):  # first seen, plain
                    text = value
                    if len(known) < _KNOWN_LIMIT:
                        known[value] = value
                else:
                    text = _scalar(value, len(head) + 1, indent + 2)
            append(f"{head} {text}\n")
        elif kind is dict:
            if value:
                append(head + "\n")
                _mapping(value, indent + 2, "", out)
            else:
                append(head + " {}\n")
        elif kind is list:
            if value:
                append(head + "\n")
                _sequence(value, indent, "", out)  # indentless, as PyYAML
            else:
                append(head + " []\n")
        elif kind is Fixed:
            append(head + (f"\n{_fixed(value, indent + 2, '')}" if value else " {}\n"))
        else:
            append(f"{head} {_scalar(value, len(head) + 1, indent + 2)}\n")


def _sequence(data: list[Any], indent: int, first: str, out: list[str]) -> None:
    rest = " " * indent + "- "  # every item's lead but the first's, built once
    dash = first + "- " if first else rest
    append = out.append
    for item in data:
        kind = type(item)
        if kind is dict:
            if item:
                _mapping(item, indent + 2, dash, out)
            else:
                append(dash + "{}\n")
        elif kind is list:
            if item:
                _sequence(item, indent + 2, dash, out)
            else:
                append(dash + "[]\n")
        elif kind is Fixed:
            append(_fixed(item, indent + 2, dash) if item else dash + "{}\n")
        else:
            append(f"{dash}{_scalar(item, len(dash), indent + 2)}\n")
        dash = rest
