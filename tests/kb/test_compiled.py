"""The kb cache: a hit gives what parsing the YAML gives; a damaged cache is rebuilt."""

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
import yaml

from archwright.kb import compiled


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled.compiled.cache_clear()
    yield tmp_path / "archwright"
    compiled.compiled.cache_clear()


def fresh_parse() -> dict[str, object]:
    root = Path(str(resources.files("archwright.kb")))
    return {
        p.relative_to(root).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(root.rglob("*.yaml"))
    }


def everything() -> dict[str, object]:
    return {name: compiled.read_file(name) for name in compiled.compiled()}


def cache_file(folder: Path) -> Path:
    files = list(folder.glob("kb-*.json"))
    assert len(files) == 1, files
    return files[0]


def test_a_cache_hit_equals_a_fresh_parse(cache_home: Path) -> None:
    expected = fresh_parse()
    assert len(expected) > 100
    assert everything() == expected  # miss: parsed and written
    written = cache_file(cache_home)
    compiled.compiled.cache_clear()
    table = compiled.compiled()
    assert all(from_cache for from_cache, _ in table.values())  # the kb is all plain JSON data
    assert everything() == expected  # hit
    assert cache_file(cache_home) == written


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw.replace(b'"https://', b'"http://evil.example/', 1),  # valid JSON, edited
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"not a cache",
        lambda raw: b"",
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(cache_home: Path, damage: object) -> None:
    expected = fresh_parse()
    everything()
    path = cache_file(cache_home)
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    compiled.compiled.cache_clear()
    assert everything() == expected
    assert path.read_bytes() == good  # rewritten whole


def test_each_reader_gets_its_own_objects(cache_home: Path) -> None:
    first = compiled.read_file("kind_capacity.yaml")
    first.clear()
    assert compiled.read_file("kind_capacity.yaml")


def test_an_unwritable_cache_folder_only_costs_the_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    compiled.compiled.cache_clear()
    try:
        assert everything() == fresh_parse()
    finally:
        compiled.compiled.cache_clear()


def test_data_json_cannot_hold_is_read_from_its_yaml() -> None:
    assert compiled._exact_json({"a": [1, "x", None, 1.5]}) == '{"a":[1,"x",null,1.5]}'
    assert compiled._exact_json({1: "int key"}) is None
    assert compiled._exact_json({"d": __import__("datetime").date(2024, 1, 1)}) is None
    assert compiled._exact_json({"x": float("nan")}) is None
