"""YAML built straight from libyaml's parse events, the safety limits checked on the way.

Loading used to parse every file twice: an event scan for the limits, then `load_all`
(libyaml's composer, then PyYAML's Python constructor, which runs a generator per node).
Here the one event stream does both: each event is counted against the limits (depth,
aliases, values, digits) *before* anything deeper is built, and becomes a Python value
at once. libyaml produces events iteratively, so a 50,000-deep document is refused at
level 65, never handed to a recursive composer (see docs/contributing.md, "Deep nesting
crashes YAML parsers").

Aliases share the anchored object, as PyYAML's loader does. A bomb explodes when walked,
not when loaded, so each finished node carries its expanded size and height: an alias
adds its anchor's, and the document is refused once what a walk would see passes the
limits. That costs one addition per event, not a second walk.

Values come out as `yaml.safe_load` builds them: the same implicit resolver, PyYAML's
own scalar constructors for ints, floats, timestamps and binary, merge keys (`<<`),
`!!set`, `!!omap` and `!!pairs`; any other tag is refused as SafeLoader refuses it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_MERGE = _TAG + "merge"
_SET = _TAG + "set"
_MAP_TAGS = (_MAP, _SET)
_SEQ_TAGS = (_SEQ, _TAG + "omap", _TAG + "pairs")
_RESOLVER: Any = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS: dict[Any, Any] = dict(yaml.constructor.SafeConstructor.yaml_constructors)
_PARSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# First characters for which the resolver has implicit types; the shortcut below holds
# only while no resolver applies to every character or depends on the path.
_RESOLVED_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers)
_SHORTCUT = None not in _RESOLVED_FIRST and not _RESOLVER.yaml_path_resolvers


class Refused(ValueError):
    """A limit was passed or the YAML cannot be built; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(slots=True)
class _Node:
    """A collection being built: its value, what a walk of it would count, its height."""

    value: Any
    tag: str
    anchor: str | None
    line: int | None
    is_map: bool
    size: int = 1
    height: int = 1
    key: Any = None
    has_key: bool = False
    merges: list[Any] | None = None
    merge_next: bool = False


@dataclass
class ItemLines:
    """The line where each item of each list under the document's root mapping starts
    (`components[3]`, `connections[10]`), noted while building, so that the SARIF log
    places its findings without parsing the text a second time (issue 16). `usable` is
    False when an alias or a repeated root key could make them differ from what
    `places.lines_of` finds; the caller then asks it."""

    lines: dict[str, dict[int, int]] = field(default_factory=dict)
    usable: bool = True


@dataclass
class _Anchor:
    value: Any
    size: int
    height: int


class Builder:
    """Turns one event stream into its documents, refusing what passes the limits."""

    def __init__(
        self,
        max_depth: int,
        max_aliases: int,
        max_nodes: int,
        max_digits: int,
        items: ItemLines | None = None,
    ):
        self.items = items
        self.noting: dict[int, int] | None = None  # the item lines of the open root list
        self.max_depth = max_depth
        self.max_aliases = max_aliases
        self.max_nodes = max_nodes
        self.max_digits = max_digits
        self.aliases = 0
        self.nodes = 0
        self.stack: list[_Node] = []
        self.anchors: dict[str, _Anchor | None] = {}  # None: anchored node still open
        self.docs: list[Any] = []
        self.doc_size = 0
        self.resolved: dict[tuple[str, bool], str] = {}  # values repeat: kinds, true, ids
        self.plain: dict[str, Any] = {}  # untagged plain scalars' values, by text
        self.quoted: dict[str, Any] = {}  # untagged quoted scalars' values, by text

    def run(self, next_event: Callable[[], Any]) -> list[Any]:
        """Build from `next_event()` until it returns None (the parser's `get_event`,
        called directly: a generator around it cost a sixth of the load).

        Scalars are four events in five; `_scalars` takes the runs of them it can store
        without a call, and hands back the first event it leaves: a collection's start
        or end, an alias, or a scalar that needs the general path (a tag, an anchor, a
        text not built before, a merge or non-string key, a document's root)."""
        scalar, stack = yaml.ScalarEvent, self.stack
        start_map, start_seq = yaml.MappingStartEvent, yaml.SequenceStartEvent
        end_map, end_seq = yaml.MappingEndEvent, yaml.SequenceEndEvent
        event = next_event()
        while event is not None:
            kind = type(event)
            if kind is scalar:
                if stack and _SHORTCUT:
                    event = self._scalars(event, next_event)
                    if type(event) is not scalar:
                        continue
                self._count(event)
                value = self._scalar(event)
                self._add(value, 1, 0, event, merge=value is _MERGE_KEY)
            elif kind is start_map or kind is start_seq:
                self._start(event, kind is start_map)
            elif kind is end_map or kind is end_seq:
                self._end()
            else:
                self._other(event)
            event = next_event()
        return self.docs

    def _scalars(self, event: Any, next_event: Callable[[], Any]) -> Any:
        """Count and store consecutive scalars into the open collection, from `event` on;
        the first event not taken is returned, not yet counted.

        Taken: untagged scalars without an anchor that are strings by the resolver's
        first test (quoted, or plain with a first character no implicit resolver starts
        with: ids, kinds) or a text built before (`true`, `2`, `name`), as a list item,
        a string key or a string key's value. The open collection's state lives in
        locals and is written back once, and one count stands for both limits a scalar
        moves (values read, and what a walk of the collection sees): the attribute reads
        and writes and the calls per scalar were most of the load at 10,000 components
        (issue 16). The limits are tested at the same events, in the same order, with
        the same messages as on the general path."""
        parent, scalar, plain, first = self.stack[-1], yaml.ScalarEvent, self.plain, _RESOLVED_FIRST
        held, is_map, key, has_key = parent.value, parent.is_map, parent.key, parent.has_key
        if has_key and (parent.merge_next or type(key) is not str):
            return event  # a merge, or a key `_put` must test for hashing
        taken, room = 0, self.max_nodes - max(self.nodes, parent.size)
        while True:
            value = event.value
            if event.tag is not None or event.anchor is not None:
                break
            if event.implicit[0] and (value == "" or value[0] in first):
                value = plain.get(value, _UNBUILT)
                if value is _UNBUILT or (is_map and not has_key and type(value) is not str):
                    break
            taken += 1
            if taken > room:
                raise self._too_many(taken, event)
            if not is_map:
                held.append(value)
            elif has_key:
                held[key] = value
                has_key = False
            else:
                key, has_key = value, True
            event = next_event()
            if type(event) is not scalar:
                break
        self.nodes += taken
        parent.size += taken
        parent.key, parent.has_key, parent.merge_next = key if has_key else None, has_key, False
        return event

    def _too_many(self, taken: int, event: Any) -> Refused:
        """The refusal for the `taken`-th scalar `_scalars` counts: the values read pass
        the limit first, else what a walk of the open collection would see."""
        most = self.max_nodes
        if self.nodes + taken > most:
            return Refused(f"more than {most} values", _line(event))
        return Refused(f"expands to more than {most} values (a YAML bomb?)", _line(event))

    def _other(self, event: Any) -> None:
        """An event other than a scalar or the start or end of a collection."""
        kind = type(event)
        if kind is yaml.AliasEvent:
            self._alias(event)
        elif kind is yaml.DocumentStartEvent:
            self.anchors = {}
            self.doc_size = 0

    def _count(self, event: yaml.Event) -> None:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise Refused(f"more than {self.max_nodes} values", _line(event))

    def _start(self, event: Any, is_map: bool) -> None:
        self._count(event)
        if len(self.stack) + 1 > self.max_depth:
            raise Refused(f"nested deeper than {self.max_depth} levels", _line(event))
        tag = event.tag
        if tag is None or tag == "!":
            tag = _MAP if is_map else _SEQ
        elif tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
            raise Refused(f"invalid YAML: no constructor for the tag {tag!r} here", _line(event))
        node = _Node({} if is_map else [], tag, event.anchor, _line(event), is_map)
        if self.items is not None and len(self.stack) < 3 and not self.docs:
            self._note(node)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.stack.append(node)

    def _note(self, node: _Node) -> None:
        """Note an item's line when `node` starts one of a list under the root mapping."""
        assert self.items is not None
        stack = self.stack
        if len(stack) == 2:
            if self.noting is not None:
                self.noting[len(stack[1].value)] = node.line or 0
            return
        self.noting = None
        if len(stack) == 1 and stack[0].is_map and stack[0].has_key and not node.is_map:
            key = stack[0].key
            if not isinstance(key, str) or key in stack[0].value or key in self.items.lines:
                self.items.usable = False  # a repeated key: the walk answers the first
                return
            self.noting = self.items.lines[key] = {}

    def _end(self) -> None:
        node = self.stack.pop()
        if node.merges:  # only a mapping has them
            _merge(node, node.merges)
        value = node.value if node.tag is _MAP or node.tag is _SEQ else _finish(node)
        if node.anchor is not None:
            self.anchors[node.anchor] = _Anchor(value, node.size, node.height)
        self._add(value, node.size, node.height, node.line)

    def _alias(self, event: Any) -> None:
        self.aliases += 1
        if self.items is not None:
            self.items.usable = False  # an alias may stand for an item, or hold the list
        if self.aliases > self.max_aliases:
            raise Refused(f"more than {self.max_aliases} aliases (a YAML bomb?)", _line(event))
        if event.anchor not in self.anchors:
            raise Refused(f"invalid YAML: found undefined alias {event.anchor!r}", _line(event))
        anchor = self.anchors[event.anchor]
        if anchor is None:
            raise Refused("an alias inside the node it names (a recursive structure)", _line(event))
        if len(self.stack) + anchor.height > self.max_depth:
            raise Refused(f"nested deeper than {self.max_depth} levels", _line(event))
        self._add(anchor.value, anchor.size, anchor.height, event)

    def _scalar(self, event: Any) -> Any:
        """The value of a scalar `run` cannot take as it is (counted and stored there),
        its anchor noted."""
        value = self._scalar_value(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, 0)
        return value

    def _scalar_value(self, event: Any) -> Any:
        text = event.value
        tag = event.tag
        if tag is None:
            built = self.plain if event.implicit[0] else self.quoted
            if text in built:  # `true`, `2`, `500.0` on every component
                return built[text]
        value = self._build_scalar(event, text, tag)
        if tag is None and type(value) in _IMMUTABLE:
            built[text] = value
        return value

    def _build_scalar(self, event: Any, text: str, tag: str | None) -> Any:
        if tag is None or tag == "!":  # as PyYAML's composer: "!" is resolved too
            key = (text, event.implicit[0])
            tag = self.resolved.get(key)
            if tag is None:
                tag = self.resolved[key] = _RESOLVER.resolve(yaml.ScalarNode, text, event.implicit)
        if tag == _STR:
            return text
        if tag == _MERGE:
            return _MERGE_KEY
        if not event.style and len(text) > self.max_digits and _is_long_number(text):
            raise Refused(
                f"a number with {len(text)} digits (at most {self.max_digits})", _line(event)
            )
        build = _SCALARS.get(tag)
        if build is None or tag in _MAP_TAGS or tag in _SEQ_TAGS:
            raise Refused(f"invalid YAML: no constructor for the tag {tag!r} here", _line(event))
        try:
            return build(_CONSTRUCTOR, yaml.ScalarNode(tag, text))
        except yaml.YAMLError as exc:
            raise Refused(f"invalid YAML: {getattr(exc, 'problem', exc)}", _line(event)) from None
        except (ValueError, OverflowError) as exc:
            raise Refused(f"unreadable value ({_first_line(exc)})", _line(event)) from None

    def _add(self, value: Any, size: int, height: int, where: Any, merge: bool = False) -> None:
        """Put a finished value into the open collection (or make it a document).

        `where` is the event or the line that places a refusal, read only on a refusal.
        """
        stack = self.stack
        if merge and not (stack and stack[-1].is_map and not stack[-1].has_key):
            raise Refused("invalid YAML: '<<' (a merge key) used as a value", _place(where))
        if not stack:
            self.docs.append(value)
            self._grow(size)
            return
        parent = stack[-1]
        parent.size += size
        if parent.size > self.max_nodes:
            raise Refused(
                f"expands to more than {self.max_nodes} values (a YAML bomb?)", _place(where)
            )
        if height >= parent.height:
            parent.height = height + 1
        if not parent.is_map:
            parent.value.append(value)
        elif not parent.has_key:
            parent.key, parent.has_key, parent.merge_next = value, True, merge
        else:
            _put(parent, value, where)

    def _grow(self, size: int) -> None:
        self.doc_size += size
        if self.doc_size > self.max_nodes:
            raise Refused(f"expands to more than {self.max_nodes} values (a YAML bomb?)")


# What an untagged scalar may be built once per distinct text for: values no reader
# can change in place (a timestamp, a byte string or a set is built each time). Strings
# too: a plain one whose first character a resolver starts with (`name`, `owner`,
# `nginx`) went through the resolver at every occurrence, an eighth of the scalars at
# 10,000 components.
_IMMUTABLE = frozenset({str, bool, int, float, type(None)})


class _MergeKey:
    """The `<<` key; never stored, only recognised."""


_MERGE_KEY = _MergeKey()
_UNBUILT = object()  # no value built yet for a scalar's text


def _put(node: _Node, value: Any, where: Any) -> None:
    key = node.key
    node.has_key = False
    node.key = None
    if node.merge_next:
        if node.merges is None:
            node.merges = []
        node.merges.extend(_merge_sources(value, where))
        return
    if not isinstance(key, Hashable):
        raise Refused("invalid YAML: found unhashable key", _place(where))
    node.value[key] = value


def _merge_sources(value: Any, where: Any) -> list[dict[Any, Any]]:
    """The mappings a `<<` key merges, in PyYAML's order of precedence (first wins)."""
    sources = value if isinstance(value, list) else [value]
    if not all(isinstance(s, dict) for s in sources):
        raise Refused(
            "invalid YAML: expected a mapping or list of mappings for merging", _place(where)
        )
    return list(sources)


def _merge(node: _Node, merges: list[Any]) -> None:
    """Merged keys first (earlier sources win), then the node's own keys over them."""
    own = dict(node.value)
    node.value.clear()
    for source in reversed(merges):
        node.value.update(source)
    node.value.update(own)


def _finish(node: _Node) -> Any:
    if node.tag == _SET:
        return set(node.value)
    if node.tag != _MAP and node.tag != _SEQ:  # !!omap, !!pairs
        return [_pair(item) for item in node.value]
    return node.value


def _pair(item: Any) -> Any:
    """`!!omap [ {a: 1}, {b: 2} ]`: each single-key mapping becomes a (key, value) pair."""
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    raise Refused("invalid YAML: an !!omap or !!pairs entry must be a one-key mapping")


def _is_long_number(value: str) -> bool:
    """A plain scalar YAML would build as an integer too long to convert or compute with."""
    body = value.lstrip("+-").replace("_", "")
    return body.isdigit()


def _place(where: Any) -> int | None:
    """The 1-based line of an event, or the line itself."""
    return where if where is None or isinstance(where, int) else _line(where)


def _line(event: yaml.Event) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:160]


def build_all(
    text: str,
    *,
    max_depth: int,
    max_aliases: int,
    max_nodes: int,
    max_digits: int,
    items: ItemLines | None = None,
) -> list[Any]:
    """Every document of `text`, built in one pass over libyaml's events; `items`, when
    given, is filled with the line of each item of the root's lists.

    yaml.YAMLError (a syntax error) propagates for the caller to word.
    """
    builder = Builder(max_depth, max_aliases, max_nodes, max_digits, items)
    return builder.run(_PARSER(text).get_event)
