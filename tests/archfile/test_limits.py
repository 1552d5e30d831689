"""Hostile inputs are refused with one line, never a crash."""

import pytest

from archwright.archfile import FileProblem, UnsafeInput, loads_json, loads_yaml, parse_architecture

BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_billion_laughs_is_refused_before_it_is_expanded() -> None:
    # No wall clock: the refusal names the bomb guard, which counts aliases before any
    # expansion; an expanded bomb (9**9 strings) would not end in this refusal.
    with pytest.raises(UnsafeInput, match="YAML bomb"):
        loads_yaml(BOMB)


def test_deep_nesting_is_refused_without_crashing_the_c_loader() -> None:
    with pytest.raises(UnsafeInput, match="nested deeper"):
        loads_yaml("[" * 50_000 + "]" * 50_000)
    with pytest.raises(UnsafeInput, match="nested deeper"):
        loads_json("[" * 50_000 + "]" * 50_000)


def test_many_aliases_are_refused() -> None:
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 2000) + "]\n"
    with pytest.raises(UnsafeInput, match="aliases"):
        loads_yaml(text)


def test_json_brackets_inside_strings_do_not_count() -> None:
    assert loads_json('{"a": "' + "[" * 500 + '"}') == {"a": "[" * 500}


def test_oversized_text_is_refused() -> None:
    with pytest.raises(UnsafeInput, match="larger than"):
        loads_yaml("a: " + "x" * (11 * 1024 * 1024))


def test_bomb_in_an_architecture_file_is_one_problem() -> None:
    with pytest.raises(FileProblem) as err:
        parse_architecture(BOMB, "bomb.yaml")
    assert len(err.value.lines()) == 1
    assert err.value.lines()[0].startswith("bomb.yaml")
