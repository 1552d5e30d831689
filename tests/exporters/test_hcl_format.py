"""Terraform output is `terraform fmt` canonical, checked without a Terraform binary:
the formatter follows hclwrite's rules on hand-written canonical samples, every exported
`.tf` file is its fixed point, and hclwrite itself (WebAssembly build, npm
@cdktf/hcl-tools) leaves every exported file unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from infra_validators import EXAMPLES, hostile_model

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.exporters._hcl_format import _code_mask, format_hcl

SAMPLES = Path(__file__).resolve().parent / "data" / "hcl_format"
TOOLS = Path(__file__).resolve().parents[2] / "tools"
NAMES = sorted(p.name.removesuffix(".in.tf") for p in SAMPLES.glob("*.in.tf"))


def _terraform_files() -> dict[str, str]:
    out = {}
    models = {p.stem: load_architecture(p) for p in EXAMPLES}
    models["hostile"] = hostile_model()
    for name, arch in models.items():
        for rel, text in registry.load("terraform").render(arch).items():
            if rel.endswith(".tf"):  # the export's README is Markdown, not HCL
                out[f"{name}/{rel}"] = text
    return out


@pytest.mark.parametrize("name", NAMES)
def test_samples_format_to_their_canonical_form(name: str) -> None:
    source = (SAMPLES / f"{name}.in.tf").read_text(encoding="utf-8")
    canonical = (SAMPLES / f"{name}.out.tf").read_text(encoding="utf-8")
    assert source != canonical
    assert format_hcl(source) == canonical
    assert format_hcl(canonical) == canonical


def test_every_exported_file_is_already_formatted() -> None:
    files = _terraform_files()
    assert any(f.startswith("hostile/") for f in files)
    for rel, text in files.items():
        assert format_hcl(text) == text, rel


def test_heredocs_are_refused_not_misformatted() -> None:
    with pytest.raises(ValueError, match="heredoc"):
        format_hcl("policy = <<EOF\n{}\nEOF\n")
    assert format_hcl('a = "<<not a heredoc /* nor a comment */"\n').startswith("a = ")


@pytest.mark.validator
def test_hclwrite_leaves_exports_and_samples_unchanged() -> None:
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "@cdktf" / "hcl-tools").is_dir():
        pytest.skip("node and npm package @cdktf/hcl-tools (npm ci --prefix tools) needed")
    docs = _terraform_files()
    docs.update({f"sample/{n}": (SAMPLES / f"{n}.out.tf").read_text() for n in NAMES})
    docs["unformatted"] = (SAMPLES / f"{NAMES[0]}.in.tf").read_text()
    done = subprocess.run(
        [node, str(TOOLS / "hclfmt.mjs")],
        input=json.dumps(docs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    formatted = json.loads(done.stdout)
    assert formatted["unformatted"] != docs["unformatted"]  # the formatter does format
    changed = [
        name for name, text in docs.items() if name != "unformatted" and formatted[name] != text
    ]
    assert changed == []


def _random_documents(count: int, expressions: list[str] | None = None) -> dict[str, str]:
    """Random trees of blocks, attributes, maps, lists and comments through the HCL
    writer (seeded: the same documents every run)."""
    from archwright.exporters._hcl import render_hcl

    out = {}
    for name, items in _random_trees(count, expressions).items():
        try:
            out[name] = render_hcl(items)
        except ValueError:  # a heredoc or a block comment, which the layout refuses
            continue
    assert len(out) > count // 2
    return out


def _random_trees(count: int, expressions: list[str] | None = None) -> dict[str, list[Any]]:
    import random

    from archwright.exporters._hcl import Block, Comment, Expr

    rng = random.Random(20261204)
    names = ["a", "bb", "name", "desired_count", "x_y", "tags", "long_attribute_name"]

    def value(depth: int) -> object:
        pick = rng.randrange(7 if depth < 2 else 4)
        if pick == 0:
            return rng.choice(["v", "${x}", "a = b", "#hash", 'q"uote', ""])
        if pick == 1:
            return rng.choice([rng.randrange(1000), -3, 2.5, 1e300, None, True])
        if pick == 2:
            return Expr(rng.choice(EXPRESSIONS if expressions is None else expressions))
        if pick == 3:
            return rng.random() < 0.5
        if pick == 4:
            return {rng.choice([*names, "odd key", "Name"]): value(depth + 1) for _ in range(3)}
        if pick == 5:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        return [{"k": value(depth + 1)}, {"k": value(depth + 1)}]

    def block(depth: int) -> Block:
        b = Block(
            rng.choice(["resource", "module", "locals", "setting"]), ("t", "n")[: rng.randrange(3)]
        )
        for _ in range(rng.randrange(1, 6)):
            roll = rng.random()
            if roll < 0.15 and depth < 2:
                b.add(block(depth + 1))
            elif roll < 0.25:
                b.add(Comment("note = not an attribute {"))
            else:
                b.set(rng.choice(names), value(0))  # type: ignore[arg-type]
        return b

    trees: dict[str, list[Any]] = {"random/empty": []}
    for i in range(count):
        trees[f"random/{i}"] = [block(0), Comment(rng.choice(["top", "x = {"])), block(0)]
    return trees


# Expressions as the exporters write them: references, indexes, calls, operators. hclwrite
# must leave the writer's layout of these unchanged.
VALID_EXPRESSIONS = [
    "var.x",
    "module.m.id",
    "aws_s3_bucket.b.arn",
    'var.images["a"]',
    "[a.b]",
    "f(\n1)",
    "1 == 2",
]
# Beside those, texts the writer must not take for plain references (an unclosed bracket,
# a comment mark, a heredoc, padding, a non-breaking space): their lines are parsed. They
# are not valid HCL, so hclwrite's layout of them is not a reference for ours.
EXPRESSIONS = [
    *VALID_EXPRESSIONS,
    "jsonencode({",
    "x # }",
    "a // {",
    "<<EOT",
    " padded ",
    "a\u00a0",
    "a/*b*/",
]


def test_lines_the_writer_states_are_what_parsing_them_finds() -> None:
    """The writer states each line's layout facts instead of parsing it (issue 16's
    10k-component Terraform export); the layout must not change for any tree."""
    from archwright.exporters._hcl import hcl_lines
    from archwright.exporters._hcl_format import parse_line

    checked = 0
    for name, items in _random_trees(300).items():
        try:
            lines = hcl_lines(items)
        except ValueError:  # a heredoc or a block comment: refused, as format_hcl does
            continue
        for line in lines:
            assert parse_line(line.text) == line, (name, line)
            checked += 1
    assert checked > 5000


def test_random_writer_output_is_a_fixed_point() -> None:
    for name, text in _random_documents(200).items():
        assert format_hcl(text) == text, name


@pytest.mark.validator
def test_hclwrite_agrees_on_random_writer_output() -> None:
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "@cdktf" / "hcl-tools").is_dir():
        pytest.skip("node and npm package @cdktf/hcl-tools (npm ci --prefix tools) needed")
    docs = _random_documents(60, VALID_EXPRESSIONS)
    done = subprocess.run(
        [node, str(TOOLS / "hclfmt.mjs")],
        input=json.dumps(docs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    formatted = json.loads(done.stdout)
    changed = {n: formatted[n] for n, text in docs.items() if formatted[n] != text}
    assert not changed, next(iter(changed.items()))


@pytest.mark.parametrize(
    ("line", "net", "assign_at"),
    [
        ('a = "{ not a bracket"', 0, 2),
        ('a = "x\\" {" {', 1, -1),  # an escaped quote does not end the string
        ('url = "http://x" # { comment', 0, 4),  # `//` inside a string is no comment
        ("b = [ // {", 1, -1),
        ('x = "#" + y', 0, 2),
        ('"k" = 1', 0, 4),  # a quoted name is aligned like a bare one
        ("a == b", 0, -1),
        ("f(a = b)", 0, -1),
        ('s = "\\', 0, 2),  # a string cut short by the end of the line
        ("}, {", 0, -1),
    ],
)
def test_code_outside_strings_and_comments(line: str, net: int, assign_at: int) -> None:
    from archwright.exporters._hcl_format import parse_line

    parsed = parse_line(line)
    assert (parsed.net, parsed.assign_at) == (net, assign_at)


def _mask_by_hand(text: str) -> str:
    """What `_code_mask` means, one character at a time: strings (with `\\` escapes)
    hidden, everything from a `#` or `//` outside a string cut."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "#" or text.startswith("//", i):
            break
        if ch != '"':
            out.append(ch)
            i += 1
            continue
        j = i + 1
        while j < len(text) and text[j] != '"':
            j += 2 if text[j] == "\\" else 1
        j = min(j + 1, len(text))
        out.append("\0" * (j - i))
        i = j
    return "".join(out)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet='ab "#/\\={}[]() x', max_size=16))
def test_code_mask_hides_strings_and_cuts_comments(text: str) -> None:
    assert _code_mask(text) == _mask_by_hand(text)


def _direct_or_none(items: list[Any]) -> str | None:
    from archwright.exporters import _hcl

    try:
        return _hcl._direct(items)
    except _hcl._Unhandled:
        return None


@pytest.mark.parametrize("expressions", [EXPRESSIONS, VALID_EXPRESSIONS, ["a.b", '"${x}-y"']])
def test_direct_writer_gives_the_line_layout(expressions: list[str]) -> None:
    """`render_hcl` writes most files in one pass (issue 16); wherever it does, the text
    is the one the line-by-line layout gives, and what it refuses falls back to it."""
    from archwright.exporters._hcl import hcl_lines, render_hcl
    from archwright.exporters._hcl_format import format_lines

    direct = refused = 0
    for name, items in _random_trees(400, expressions).items():
        try:
            reference = format_lines(hcl_lines(items))
        except ValueError:
            continue
        text = _direct_or_none(items)
        if text is None:
            refused += 1
        else:
            direct += 1
            assert text == reference, name
        assert render_hcl(items) == reference, name
    assert direct > 50
    assert refused > 0 or expressions != EXPRESSIONS


def test_direct_writer_refuses_what_only_the_line_parser_decides() -> None:
    from archwright.exporters._hcl import Block, Expr, hcl_lines, render_hcl
    from archwright.exporters._hcl_format import format_lines

    cases = [
        Block("b").set("a", Expr("")),  # `a =` with nothing after: no assignment
        Block("b").set("a", [Expr("x = 1"), Expr("yy = 2")] * 20),  # items aligned as `=`
        Block("b").set("a", Expr("f(")),
        Block("b").set("a", Expr('"unclosed')),
        Block("b").set("a", Expr("x # comment")),
        Block("b").set("a", Expr('"a\\"b"')),
    ]
    for block in cases:
        assert _direct_or_none([block]) is None, block
        assert render_hcl([block]) == format_lines(hcl_lines([block]))
    attribute = Block("b").set("a", Expr("jsonencode({ x = 1 })")).set("bb", 1)
    assert _direct_or_none([attribute]) == format_lines(hcl_lines([attribute]))


def test_every_terraform_export_is_written_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    """The exporter's own blocks stay inside the direct writer's subset (a refusal would
    still be right, only slow: this names it)."""
    from archwright.exporters import _hcl

    refused: list[str] = []
    direct = _hcl._direct

    def spy(items: list[Any]) -> str:
        try:
            return direct(items)
        except _hcl._Unhandled as exc:
            refused.append(str(exc))
            raise

    monkeypatch.setattr(_hcl, "_direct", spy)
    assert _terraform_files()
    assert refused == []


def test_direct_writer_takes_subclasses_as_the_line_layout_does() -> None:
    """Values are written by their exact type (`_hcl._ONE_LINE`); a subclass (a
    `StrEnum` member, an `IntEnum`, `True` among ints) gets the same text as the line
    layout gives it, in attributes, map entries and list items alike."""
    from enum import IntEnum, StrEnum

    from archwright.exporters._hcl import Block, Expr, hcl_lines, render_hcl
    from archwright.exporters._hcl_format import format_lines

    class Colour(StrEnum):
        RED = "red ${x}"

    class Size(IntEnum):
        BIG = 7

    class Reference(Expr):
        pass

    values: list[Any] = [Colour.RED, Size.BIG, True, 0, 2.5, None, Reference("var.x"), "s"]
    block = Block("b", ("l",))
    for index, value in enumerate(values):
        block.set(f"a{index}", value)
    block.set("m", dict(zip([f"k{i}" for i in range(len(values))], values, strict=True)))
    block.set("long_list", values * 4)
    text = render_hcl([block])
    assert _direct_or_none([block]) == text == format_lines(hcl_lines([block]))
    assert 'a0 = "red $${x}"' in text and "a6 = var.x" in text


def test_identifiers_end_where_the_text_ends() -> None:
    """`re.match` with `$` would let a trailing newline through into a header or a name."""
    from archwright.exporters._hcl import Block, check_ident, render_hcl

    for bad in ("name\n", "a\nb", ""):
        with pytest.raises(ValueError):
            check_ident(bad)
        with pytest.raises(ValueError):
            render_hcl([Block("resource", ("aws_vpc", bad))])
    text = render_hcl([Block("resource", ("aws_vpc", "main-1")), Block("terraform")])
    assert text == 'resource "aws_vpc" "main-1" {\n}\n\nterraform {\n}\n'
