"""The one-pass loader builds what PyYAML's safe loader builds, and refuses what it must."""

from pathlib import Path

import pytest
import yaml

from archwright.archfile import UnsafeInput, loads_yaml, loads_yaml_all
from archwright.archfile.safe_yaml import Limits

ROOT = Path(__file__).resolve().parents[2]

SAME_AS_PYYAML = [
    "",
    "~",
    "a: 1\nb: [x, 'y', \"z\", 1.5, .inf, -.NaN, 0x1F, 0o17, 017, 1_000, 190:20:30]\n",
    "t: 2001-12-14t21:59:43.10-05:00\nd: 2002-12-14\nb: !!binary aGVsbG8=\n",
    "[yes, no, on, off, true, False, null, Null, '', ! 4, !!str 3, !!int '12', !!float '1']",
    "x: &x {a: 1, b: 2}\ny:\n  <<: *x\n  b: 3\n",
    "y:\n  <<: [{a: 1}, {a: 2, c: 3}]\n  d: 4\n  a: 9\n",
    "!!set {a, b}",
    "!!omap [{a: 1}, {b: 2}]",
    "!!pairs [{a: 1}, {a: 2}]",
    "a: &a [1, {b: c}]\nb: *a\nc: *a\n",
    "---\na: 1\n---\n---\nb\n",
    "? !!str 1\n: 2\n1: one\na: 1\na: 2\n",
    "s: |\n  two\n  lines\nf: >\n  folded\n  text\n",
    # plain and quoted values either side of the string shortcut (first character)
    "[svc-1, '1', \"yes\", yes, Yes, x1, ~x, -x, -1, .5, .5x, <x, '', \"\", 'null', null, ]",
    "{true: 1, 'true': 2, 3: c, '3': d, db-0: {kind: sql_db, n: 1_0}, !!str 4: e}",
]


@pytest.mark.parametrize("text", SAME_AS_PYYAML)
def test_values_equal_pyyaml_safe_load(text: str) -> None:
    expected = list(yaml.load_all(text, Loader=yaml.SafeLoader))
    got = loads_yaml_all(text)
    assert repr(got) == repr(expected)


def test_every_yaml_file_of_the_project_loads_as_pyyaml_loads_it() -> None:
    files = sorted((ROOT / "src").rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert loads_yaml_all(text) == list(yaml.load_all(text, Loader=yaml.CSafeLoader)), path


def test_aliases_share_the_anchored_object() -> None:
    data = loads_yaml("a: &a [1]\nb: *a\n")
    assert data["a"] is data["b"]


@pytest.mark.parametrize(
    "text",
    [
        "a: !foo 1",
        "? [1, 2]\n: 3",
        "a: *missing",
        "a: <<",
        "<<: 1",
        "!!set [a]",
        "!!omap [[a]]",
        "a: !!int x",
        "a: [1",
        "a: 2001-13-45",
    ],
)
def test_what_pyyaml_refuses_is_refused_in_one_message(text: str) -> None:
    with pytest.raises((yaml.YAMLError, ValueError)):  # PyYAML lets ValueError out
        list(yaml.load_all(text, Loader=yaml.SafeLoader))
    with pytest.raises(UnsafeInput) as err:
        loads_yaml_all(text)
    assert "\n" not in err.value.message


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(UnsafeInput, match="recursive"):
        loads_yaml("&a [*a]")


def test_an_alias_that_deepens_past_the_limit_is_refused_at_its_line() -> None:
    deep = "a: &a " + "[" * 40 + "]" * 40 + "\n"
    nested = "b:" + "".join(f"\n{'  ' * i}- " for i in range(1, 30)) + "*a\n"
    assert isinstance(loads_yaml(deep), dict)
    with pytest.raises(UnsafeInput, match="nested deeper") as err:
        loads_yaml(deep + nested)
    assert err.value.line == 31


def test_a_bomb_built_from_merge_keys_is_refused() -> None:
    lines = ["a0: &a0 {x: 1, y: 2, z: 3}"]
    for i in range(1, 40):
        lines.append(f"a{i}: &a{i} {{p: *a{i - 1}, q: *a{i - 1}, r: *a{i - 1}}}")
    with pytest.raises(UnsafeInput, match="YAML bomb"):
        loads_yaml("\n".join(lines))


def test_node_and_alias_limits_apply_to_the_one_parse() -> None:
    with pytest.raises(UnsafeInput, match="more than 10 values"):
        loads_yaml("[" + ", ".join(["1"] * 20) + "]", Limits(max_nodes=10))
    with pytest.raises(UnsafeInput, match="more than 3 aliases") as err:
        loads_yaml("a: &a 1\nb:\n- *a\n- *a\n- *a\n- *a\n", Limits(max_aliases=3))
    assert err.value.line == 6


def test_a_long_plain_integer_is_refused_but_quoted_digits_are_text() -> None:
    with pytest.raises(UnsafeInput, match="digits"):
        loads_yaml("a: " + "9" * 5000)
    assert loads_yaml("a: '" + "9" * 5000 + "'") == {"a": "9" * 5000}
