"""Lines of the values a problem names: the event walk answers as the node walk did."""

import pytest

from archwright.archfile.places import _composed_lines, line_of, lines_of

TEXT = """\
name: shop
components:
  - id: web
    kind: service
    replicas: 2
  - id: db
    kind: sql_db
    tags: {tier: data, owner: team}
connections:
  - {source: web, target: db}
dup: 1
dup: 2
? [complex, key]
: value
tail: end
"""

# (path, line): a value's own line; a missing key or position, or a path running into a
# scalar, gives the line of the last value reached (the node walk's answer).
CASES = [
    ([], 1),
    (["name"], 1),
    (["components"], 3),
    (["components", 0], 3),
    (["components", 1, "kind"], 7),
    (["components", 1, "tags", "owner"], 8),
    (["components", 1, "nope"], 6),
    (["components", 9], 3),
    (["components", "x"], 3),
    (["components", 0, "replicas", "deeper"], 5),
    (["connections", 0, "target"], 10),
    (["dup"], 11),
    (["tail"], 15),
    (["missing", 3, "x"], 1),
]


@pytest.mark.parametrize(("path", "line"), CASES)
def test_line_of_each_path(path: list[str | int], line: int) -> None:
    assert line_of(TEXT, path) == line


def test_many_paths_at_once_match_the_node_walk() -> None:
    paths = [path for path, _ in CASES]
    assert lines_of(TEXT, paths) == [line for _, line in CASES]
    assert lines_of(TEXT, paths) == _composed_lines(TEXT, paths)


def test_a_path_through_an_alias_follows_it() -> None:
    text = "base: &b\n  x: 1\n  y: 2\nuse: *b\nother: 3\n"
    assert lines_of(text, [["use", "y"], ["other"]]) == [3, 5]


def test_the_walk_stops_once_every_line_is_known() -> None:
    # A syntax error after the wanted value is never reached.
    assert line_of("a: 1\nb: 2\nc: [unclosed\n", ["b"]) == 2
    assert line_of("a: 1\nb: [unclosed\n", ["c"]) is None


def test_empty_text_has_no_lines() -> None:
    assert lines_of("", [[], ["a"]]) == [None, None]
