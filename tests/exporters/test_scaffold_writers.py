"""The shortcuts a large scaffold takes in its writers give the text the plain way gives
(issue 17): the manifest written line by line is `json.dumps(indent=1)`'s, losses sorted
by a key are in `Loss`'s own order, a Python literal without escapes is the quoted
text, and the pure text functions kept per string answer the same when asked again."""

from __future__ import annotations

import ast
import json

from hypothesis import given
from hypothesis import strategies as st

from archwright.exporters import _hcl, _jinja, _losses, _names, _yaml_block
from archwright.exporters._losses import Fact, Loss, readme_section
from archwright.exporters._staging import manifest_text

_TEXT = st.text(max_size=12)
_NAMES = st.sampled_from(["", "a", "a b", "é", '"', "\\", "\n", "|", "`", "x\x00", "\u2028"])
_WORDS = st.one_of(_TEXT, _NAMES)


@given(st.dictionaries(_WORDS, st.dictionaries(_WORDS, _WORDS, max_size=4), max_size=4))
def test_manifest_is_json_dumps_with_indent_one(manifest: dict[str, dict[str, str]]) -> None:
    body = {
        "version": 1,
        "exporters": {k: dict(sorted(v.items())) for k, v in sorted(manifest.items())},
    }
    assert manifest_text(manifest) == json.dumps(body, indent=1) + "\n"


_LOSSES = st.lists(
    st.builds(
        Loss,
        st.sampled_from(["a", "b", "a->b", "é"]),
        st.sampled_from(list(Fact)),
        st.sampled_from(["redis", "kind cache", "x|y"]),
        st.sampled_from(["managed", "no `image`", ""]),
        st.sampled_from(["", "postgres", "1"]),
        st.booleans(),
    ),
    max_size=12,
)


@given(_LOSSES)
def test_losses_sorted_by_key_are_in_the_dataclass_order(losses: list[Loss]) -> None:
    assert sorted(losses, key=_losses._order) == sorted(losses)
    assert readme_section(losses) == readme_section(list(reversed(sorted(losses))))


@given(_WORDS)
def test_python_literal_reads_back_as_the_text(text: str) -> None:
    literal = _jinja.py_string(text)
    assert ast.literal_eval(literal) == text
    if '"' not in text and "\\" not in text and text.isprintable():
        assert literal == f'"{text}"'


@given(_WORDS)
def test_kept_text_functions_answer_as_computed(text: str) -> None:
    """The writers kept per text (`lru_cache`) give what their functions compute, on the
    first call and from the cache."""
    for kept in (_hcl.string, _hcl._comment, _jinja._inline, _names.env_name, _losses._cell):
        first = kept(text)
        assert kept(text) == first == kept.__wrapped__(text)
    assert _jinja.md_inline(text) == _jinja._inline(text)


def test_md_inline_keeps_equal_numbers_of_other_types_apart() -> None:
    """1, 1.0 and True are one key to a plain `lru_cache`; each must print as itself."""
    assert [_jinja.md_inline(v) for v in (1, 1.0, True, 1)] == ["1", "1.0", "True", "1"]


@given(st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=8))
def test_printable_shortcut_agrees_with_the_pattern(text: str) -> None:
    assert _yaml_block._printable(text) == (_yaml_block._PRINTABLE.fullmatch(text) is not None)


def test_printable_shortcut_on_every_ascii_character() -> None:
    for code in range(128):
        text = f"a{chr(code)}b"
        assert _yaml_block._printable(text) == (0x20 <= code <= 0x7E)
