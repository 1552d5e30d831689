"""Code and ORM readers on arbitrary text: results or a ValueError, never another error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.importers._code import addresses_in_code, key_before, orm_models

_PIECES = st.sampled_from(
    [
        "@Entity",
        "@Entity(",
        "class X {",
        "model X {",
        "}",
        ";",
        "@ManyToOne(() => Y)",
        "@Column()",
        "private Long id",
        "'redis://db:6379'",
        '"Server=db;"',
        "host=",
        "(",
        ")",
        "\n",
        " ",
        "models.ForeignKey(",
        "class M(models.Model):",
        "__tablename__ = 'x'",
    ]
)
_TEXT = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=60).map("".join))


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["models.py", "a.prisma", "a.ts", "A.java", "x/models/m.py"]))
def test_readers_return_lists_or_value_errors(text: str, name: str) -> None:
    try:
        models = orm_models(text, Path("src") / name, name)
    except ValueError:
        return
    assert isinstance(models, list)
    for model in models:
        assert model.name and model.table


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_code_scanner_finds_only_what_is_in_the_text(text: str) -> None:
    for hit in addresses_in_code(text):
        assert hit.address.host in text
        assert hit.line >= 1


@given(st.text(max_size=200), st.integers(min_value=0, max_value=250))
def test_key_before_is_an_identifier_from_the_line(line: str, start: int) -> None:
    key = key_before(line, min(start, len(line)))
    assert key == "" or (key in line and all(c.isalnum() or c == "_" for c in key))
