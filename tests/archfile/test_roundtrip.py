import json
from pathlib import Path

import pytest

from archwright.archfile import (
    FileProblem,
    dumps_architecture,
    load_architecture,
    parse_architecture,
)


def test_examples_round_trip_losslessly(example_path: Path, tmp_path: Path) -> None:
    arch = load_architecture(example_path)
    for suffix in (".yaml", ".json"):
        text = dumps_architecture(arch, json_format=suffix == ".json")
        again = parse_architecture(text, f"x{suffix}", json_format=suffix == ".json")
        assert again == arch
        # and a second trip is byte-stable
        assert dumps_architecture(again, json_format=suffix == ".json") == text


def test_json_and_yaml_give_the_same_model(example_path: Path) -> None:
    arch = load_architecture(example_path)
    as_json = json.loads(dumps_architecture(arch, json_format=True))
    assert parse_architecture(json.dumps(as_json), "x.json", json_format=True) == arch


def test_unicode_and_newlines_survive(tmp_path: Path) -> None:
    text = (
        'name: "Zürich \\"quoted\\" 日本"\n'
        "summary: |\n  line one\n  line two\n"
        'components:\n  - {id: "a b", name: "O\'Brien ${x} {{ y }}", kind: service}\n'
    )
    arch = parse_architecture(text, "u.yaml")
    again = parse_architecture(dumps_architecture(arch), "u.yaml")
    assert again == arch
    assert again.summary == "line one\nline two\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: x\ncomponents:\n  - id: a\n    kind: databse\n",
            ["bad.yaml:4: components[0].kind: unknown kind 'databse'"],
        ),
        (
            "name: x\ncomponents:\n  - {id: a, kind: service, timeout_ms: 3}\n",
            ["bad.yaml:3: components[0].timeout_ms: unknown field"],
        ),
        (
            "name: x\ncomponents:\n  - {id: a, kind: service, service_time_ms: 5 parsecs}\n",
            ["bad.yaml:3: components[0].service_time_ms: unknown time unit 'parsecs'"],
        ),
        (
            "name: x\ncomponents: [{id: a, kind: service}]\nconnections:\n"
            "  - {source: a, target: b}\n",
            ["bad.yaml:4: connections[0].target: no component 'b'"],
        ),
        ("name: x\ncomponents: [\n", ["bad.yaml:3: invalid YAML"]),
        ("- just\n- a list\n", ["bad.yaml:1: expected a mapping"]),
    ],
)
def test_problems_name_file_line_and_path(text: str, expected: list[str]) -> None:
    with pytest.raises(FileProblem) as err:
        parse_architecture(text, "bad.yaml")
    lines = err.value.lines()
    assert len(lines) == len(expected)
    for line, prefix in zip(lines, expected):
        assert line.startswith(prefix), line


def test_every_problem_is_reported_at_once() -> None:
    text = (
        "name: x\ncomponents:\n  - {id: a, kind: nope}\n  - {id: b, kind: alsonope}\n"
        "  - {kind: service}\n"
    )
    with pytest.raises(FileProblem) as err:
        parse_architecture(text, "bad.yaml")
    assert len(err.value.lines()) == 3
