"""Where a value sits in a YAML text: the line of each path a problem names.

Lines are looked up only for the problems found, after loading, so a valid file pays
nothing. They used to come from `yaml.compose`, which builds a node object for every
value of the file: 2.5 s of CPU on a 10,000-component file to place one warning. Here
libyaml's event stream is walked once against a trie of the wanted paths, nothing is
built, and the walk stops as soon as every path has its line (a warning near the top of
a large file costs microseconds).

The answer is the one the node walk gave: the line where the value at the path starts;
when a key or position is missing, or the path runs into a scalar, the line of the last
value it reached. A path that runs through an alias is answered from the composed
node tree instead, which follows aliases (rare, and the text already passed the alias
limits when it was loaded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = list[str | int]


@dataclass
class _Trie:
    """Wanted paths sharing a prefix: those ending here, and the next parts."""

    ends: list[int] = field(default_factory=list)
    next: dict[str | int, _Trie] = field(default_factory=dict)

    def indices(self) -> list[int]:
        out = list(self.ends)
        for child in self.next.values():
            out += child.indices()
        return out


@dataclass
class _Open:
    """A mapping or sequence being walked: its trie node (None: nothing wanted inside)."""

    trie: _Trie | None
    line: int
    is_map: bool
    position: int = 0  # sequence: index of the next item; mapping: events seen (key, value)
    key_trie: _Trie | None = None  # mapping: trie of the value that follows the key just read
    seen: set[str | int] = field(default_factory=set)


class _AliasOnPath(Exception):
    """A wanted path goes through an alias: the node walk answers instead."""


def line_of(text: str, path: Path) -> int | None:
    """1-based line where the value at `path` starts, for error messages; None if unknown."""
    return lines_of(text, [path])[0]


def lines_of(text: str, paths: list[Path]) -> list[int | None]:
    """The line of each path, from one walk of the events that stops once all are placed."""
    root = _Trie()
    for i, path in enumerate(paths):
        node = root
        for part in path:
            node = node.next.setdefault(part, _Trie())
        node.ends.append(i)
    lines: list[int | None] = [None] * len(paths)
    try:
        _walk(text, root, lines, len(paths))
    except _AliasOnPath:
        return _composed_lines(text, paths)
    except yaml.YAMLError:
        return [None] * len(paths)
    return lines


def _walk(text: str, root: _Trie, lines: list[int | None], wanted: int) -> None:
    """Fill `lines` from the event stream of the first document."""
    left = wanted
    stack: list[_Open] = []
    started = False

    def place(trie: _Trie | None, line: int) -> None:
        nonlocal left
        if trie is None:
            return
        for i in trie.indices():
            if lines[i] is None:
                lines[i] = line
                left -= 1

    for event in yaml.parse(text, Loader=_LOADER):
        if left == 0:
            return
        kind = type(event)
        if kind is yaml.DocumentStartEvent:
            if started:
                return
            started = True
            continue
        is_node = kind in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
        if kind is yaml.AliasEvent or is_node:
            trie = _value_trie(stack, root, event)
            if trie is not None and kind is yaml.AliasEvent:
                raise _AliasOnPath
            if not is_node:
                continue
            mark: Any = event.start_mark  # libyaml always gives node events a place
            line = int(mark.line) + 1
            if trie is not None:
                for i in trie.ends:
                    lines[i] = line
                    left -= 1
            if kind is yaml.ScalarEvent:
                if trie is not None and trie.next:  # a path running into a scalar
                    place(_Trie(next=trie.next), line)
                continue
            stack.append(_Open(trie, line, kind is yaml.MappingStartEvent))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            done = stack.pop()
            if done.trie is not None:  # keys or positions never met: the container's line
                missing = {k: t for k, t in done.trie.next.items() if k not in done.seen}
                place(_Trie(next=missing), done.line)


def _value_trie(stack: list[_Open], root: _Trie, event: Any) -> _Trie | None:
    """The trie node of the value this event starts (None when nothing is wanted in it),
    advancing the open container's position; a mapping key is matched, not placed."""
    if not stack:
        return root
    top = stack[-1]
    if not top.is_map:
        index = top.position
        top.position += 1
        if top.trie is None or index not in top.trie.next:
            return None
        top.seen.add(index)
        return top.trie.next[index]
    top.position += 1
    if top.position % 2 == 1:  # a key: remember which wanted value (if any) follows
        top.key_trie = None
        key = event.value if type(event) is yaml.ScalarEvent else None
        trie = top.trie
        if trie is not None and isinstance(key, str) and key not in top.seen and key in trie.next:
            top.seen.add(key)
            top.key_trie = trie.next[key]
        return None
    trie, top.key_trie = top.key_trie, None
    return trie


def _composed_lines(text: str, paths: list[Path]) -> list[int | None]:
    """The node walk (follows aliases): composes the whole text."""
    try:
        node: Any = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return [None] * len(paths)
    return [_line_in(node, path) for path in paths]


def _line_in(node: Any, path: Path) -> int | None:
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            match = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if match is None:
                return line
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line
