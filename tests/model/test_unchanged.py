"""Derived answers are kept only while an analysis holds the model `unchanged`."""

from __future__ import annotations

from archwright.model import Architecture
from archwright.model.entry_points import entry_points
from archwright.model.unchanged import derived, kept, nothing_changes, unchanged


def _arch() -> Architecture:
    return Architecture.model_validate(
        {
            "name": "x",
            "components": [
                {"id": "web", "kind": "client"},
                {"id": "api", "kind": "service", "public": True},
                {"id": "db", "kind": "sql_db"},
            ],
            "connections": [{"source": "web", "target": "api"}, {"source": "api", "target": "db"}],
        }
    )


def test_inside_a_block_an_answer_is_computed_once() -> None:
    arch = _arch()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    with unchanged(arch):
        assert [derived(arch, "n", compute) for _ in range(3)] == [1, 1, 1]
        with unchanged(arch):  # a nested block shares the outer answers
            assert derived(arch, "n", compute) == 1
    assert len(calls) == 1
    assert derived(arch, "n", compute) == 2  # outside: computed every time
    assert derived(arch, "n", compute) == 3


def test_outside_a_block_a_change_to_the_model_is_seen() -> None:
    arch = _arch()
    with unchanged(arch):
        assert entry_points(arch) == ["web"]
        assert set(arch.components_by_id()) == {"web", "api", "db"}
    arch.connections = arch.connections[1:]  # nobody calls the public api any more
    arch.components = arch.components[:2]
    assert entry_points(arch) == ["api", "web"]
    assert set(arch.components_by_id()) == {"web", "api"}


def test_callers_get_copies_they_may_change() -> None:
    arch = _arch()
    with unchanged(arch):
        entry_points(arch).append("db")
        arch.components_by_id().pop("web")
        assert entry_points(arch) == ["web"]
        assert set(arch.components_by_id()) == {"web", "api", "db"}


def test_a_block_over_every_object_keeps_answers_about_each_until_it_ends() -> None:
    a, b = _arch(), _arch()
    calls: list[str] = []

    def named(arch: Architecture) -> str:
        calls.append(arch.name)
        return arch.name

    with nothing_changes():
        assert [derived(x, "n", lambda x=x: named(x)) for x in (a, b, a, b)] == ["x"] * 4
        with unchanged(a):  # already held: the same answers
            derived(a, "n", lambda: named(a))
    assert len(calls) == 2
    derived(a, "n", lambda: named(a))
    assert len(calls) == 3  # outside every block: computed again


def test_an_inner_block_over_everything_drops_its_other_answers_when_it_ends() -> None:
    a, b = _arch(), _arch()
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    with unchanged(a):
        with nothing_changes():
            assert derived(a, "n", count) == 1
            assert derived(b, "n", count) == 2
            assert derived(b, "n", count) == 2
        assert derived(b, "n", count) == 3  # b is not held by the outer block
        assert derived(b, "n", count) == 4
    assert len(calls) == 4


def test_kept_functions_are_computed_once_per_object_and_arguments_while_held() -> None:
    a, b = _arch(), _arch()
    calls: list[tuple[str, str]] = []

    @kept
    def tagged(arch: Architecture, tag: str) -> str:
        calls.append((arch.name, tag))
        return f"{arch.name}:{tag}"

    with unchanged(a):
        assert [tagged(a, "x"), tagged(a, "x"), tagged(a, "y")] == ["x:x", "x:x", "x:y"]
        tagged(b, "x")  # not held: computed each time
        tagged(b, "x")
    assert len(calls) == 4
