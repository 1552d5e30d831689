"""The exporters' compiled-template cache (issue 16): what a cached template renders is
what a freshly compiled one renders, and a cache that cannot be written changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jinja2 import BytecodeCache, DictLoader, Environment
from jinja2.bccache import Bucket

from archwright.exporters import _jinja

SOURCE = "{% for x in items %}\n  - {{ x | py }}\n{% endfor %}\ntail {{ name | md }}\n"
CONTEXT = {"items": ["a", 'b"c'], "name": "x|y"}


def _render(cache: BytecodeCache | None) -> str:
    env = Environment(loader=DictLoader({"t.txt": SOURCE}), bytecode_cache=cache, **_jinja._OPTIONS)
    env.filters.update(_jinja.environment().filters)
    return env.get_template("t.txt").render(**CONTEXT)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "archwright" / "templates"


def test_a_cached_template_renders_as_a_compiled_one(cache_home: Path) -> None:
    fresh = _render(None)
    first = _render(_jinja.bytecode_cache())  # compiles and writes the cache
    assert len(list(cache_home.iterdir())) == 1
    second = _render(_jinja.bytecode_cache())  # loads the compiled code
    assert fresh == first == second
    assert fresh.startswith('  - "a"\n  - \'b"c\'\n')


def test_the_cache_is_used(cache_home: Path) -> None:
    _render(_jinja.bytecode_cache())
    (entry,) = cache_home.iterdir()
    before = entry.read_bytes()
    cache = _jinja.bytecode_cache()
    assert cache is not None
    loads: list[bool] = []
    original = cache.load_bytecode

    def counting(bucket: Bucket) -> None:
        original(bucket)
        loads.append(bucket.code is not None)

    cache.load_bytecode = counting
    _render(cache)
    assert loads == [True] and entry.read_bytes() == before


def test_a_cache_that_cannot_be_written_changes_nothing(cache_home: Path) -> None:
    cache = _jinja.bytecode_cache()
    shutil.rmtree(cache_home)  # the cache's folder is gone when it writes
    assert _render(cache) == _render(None)


def test_settings_are_part_of_the_cache_file_names(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _render(_jinja.bytecode_cache())
    monkeypatch.setitem(_jinja._OPTIONS, "trim_blocks", False)
    _render(_jinja.bytecode_cache())
    names = sorted(p.name.split("-")[1] for p in cache_home.iterdir())
    assert len(names) == 2 and names[0] != names[1]


def test_no_cache_home_means_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _jinja.bytecode_cache() is None


def test_a_template_is_asked_whether_it_is_constant_only_when_rendered_often(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asking parses the template: not worth it for one render (issue 16); past the
    count a constant template is rendered once, and one that reads its context never."""
    monkeypatch.setattr(_jinja, "_RENDERS", {})
    _jinja._constant.cache_clear()
    constant = "scaffold/python/test_contract.py.j2"
    varying = "scaffold/python/Dockerfile.j2"
    texts = {_jinja.render_template(constant) for _ in range(_jinja._ASK_AFTER)}
    assert _jinja._constant.cache_info().currsize == 0
    texts.add(_jinja.render_template(constant))
    assert _jinja._constant.cache_info().currsize == 1 and len(texts) == 1
    context = {"service": "s", "port": 8000, "health": "/health", "image_tag": "3.12-slim"}
    for port in range(8000, 8000 + _jinja._ASK_AFTER + 2):
        text = _jinja.render_template(varying, **{**context, "port": port})
        assert f"PORT={port}" in text
    assert _jinja._constant(varying) is None
    _jinja._constant.cache_clear()
