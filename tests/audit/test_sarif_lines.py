"""SARIF lines noted during the one parse (`one_pass.ItemLines`) are the lines the event
walk (`archfile.places.lines_of`) finds, and the walk answers whenever they could differ."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.archfile import parse_architecture
from archwright.archfile.one_pass import ItemLines
from archwright.archfile.places import lines_of
from archwright.audit.sarif import _noted, target_lines

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))

FLOW_AND_COMMENTS = """\
name: shop   # a comment
components:

  # the edge
  - id: web
    kind: client
  - {id: api, kind: service,
     replicas: 2}
  -
    id: db
    kind: sql_db
connections: [{source: web, target: api},
  {source: api, target: db}]
"""

NESTED_LISTS_FIRST = """\
name: shop
requirements:
  compliance: [GDPR]
components:
- id: api
  kind: service
  zones: [a, b]
- id: db
  kind: sql_db
connections:
- source: api
  target: db
"""

ALIASED = """\
name: shop
components:
- {id: api, kind: service, zones: &both [a, b]}
- id: db
  kind: sql_db
  zones: *both
connections:
- source: api
  target: db
"""

REPEATED_KEY = """\
name: shop
connections: []
components:
- id: api
  kind: service
- id: db
  kind: sql_db
connections:
- source: api
  target: db
"""


def _walk(text: str, counts: tuple[int, int]) -> list[int | None]:
    paths: list[list[str | int]] = [["components", i] for i in range(counts[0])]
    paths += [["connections", i] for i in range(counts[1])]
    return lines_of(text, paths)


@pytest.mark.parametrize(
    "text",
    [FLOW_AND_COMMENTS, NESTED_LISTS_FIRST, *(p.read_text(encoding="utf-8") for p in EXAMPLES)],
    ids=["flow-and-comments", "nested-lists-first", *(p.stem for p in EXAMPLES)],
)
def test_noted_lines_are_the_lines_the_walk_finds(text: str) -> None:
    items = ItemLines()
    arch = parse_architecture(text, items=items)
    noted = _noted(arch, items)
    assert noted is not None, "the loader noted nothing: SARIF would parse the text again"
    assert noted == _walk(text, (len(arch.components), len(arch.connections)))
    assert target_lines(arch, text, items) == target_lines(arch, text)


def test_noted_lines_place_flow_items_on_their_own_lines() -> None:
    items = ItemLines()
    arch = parse_architecture(FLOW_AND_COMMENTS, items=items)
    assert _noted(arch, items) == [5, 7, 10, 12, 13]


@pytest.mark.parametrize("text", [ALIASED, REPEATED_KEY], ids=["alias", "repeated-key"])
def test_the_walk_answers_when_noted_lines_could_differ(text: str) -> None:
    items = ItemLines()
    arch = parse_architecture(text, items=items)
    assert not items.usable
    assert _noted(arch, items) is None
    assert target_lines(arch, text, items) == target_lines(arch, text)


def test_json_notes_nothing_and_the_walk_answers() -> None:
    text = '{"name": "x", "components": [\n{"id": "api", "kind": "service"}\n]}\n'
    items = ItemLines()
    arch = parse_architecture(text, json_format=True, items=items)
    assert _noted(arch, items) is None
    assert target_lines(arch, text, items) == {"api": 2}
