"""`validate` reports schema and semantic problems together, each at its line."""

import pytest

from archwright.archfile import FileProblem, parse_architecture

MIXED = """name: t
components:
  - {id: a, kind: service}
  - {id: a, kind: service}
  - {id: b, kind: nonsense}
  - {id: c, kind: sql_db, replicas: -1}
connections:
  - {source: a, target: zz}
  - {source: a, target: b, timeout_ms: -5}
journeys:
  - {name: j, steps: [a, b, c]}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(FileProblem) as err:
        parse_architecture(text, "m.yaml")
    return err.value.lines()


def test_schema_and_semantic_problems_come_in_one_pass_with_lines() -> None:
    lines = problems(MIXED)
    assert lines[0].startswith("m.yaml:5: components[2].kind: unknown kind 'nonsense'")
    assert lines[1].startswith("m.yaml:6: components[3].replicas:")
    assert any(line.startswith("m.yaml:9: connections[1].timeout_ms:") for line in lines)
    assert "m.yaml:3: components[0].id: duplicate id 'a' (2 times)" in lines
    assert "m.yaml:8: connections[0].target: no component 'zz'" in lines
    assert any("journeys[0].steps[2]" in line and "no connection" in line for line in lines)


def test_an_entry_that_failed_the_schema_still_resolves_as_a_reference() -> None:
    lines = problems(MIXED)
    assert not any("no component 'b'" in line for line in lines)
    assert not any("connections[1].target" in line for line in lines)


def test_an_unknown_top_level_field_does_not_hide_the_semantic_problems() -> None:
    text = (
        "name: t\ncolour: red\ncomponents:\n  - {id: a, kind: service}\n  - {id: a, kind: cache}\n"
    )
    assert problems(text) == [
        "m.yaml:2: colour: unknown field",
        "m.yaml:4: components[0].id: duplicate id 'a' (2 times)",
    ]


def test_a_fault_no_stand_in_can_cover_reports_the_schema_alone() -> None:
    text = "name: t\ncomponents: 5\n"
    lines = problems(text)
    assert len(lines) == 1 and lines[0].startswith("m.yaml:2: components:")
