"""Identifier sanitizing and HCL escaping: the two places injection is stopped."""

from __future__ import annotations

import re

import pytest

from archwright.exporters._hcl import Block, Expr, check_ident, render_hcl, string
from archwright.exporters._names import dns_label, dns_namer, ident_namer, identifier, kebab


@pytest.mark.parametrize("text", ["../../etc", "${x}", "Ünïcødé name", "a\nb", "9lives", ""])
def test_dns_labels_are_dns_1123(text: str) -> None:
    label = dns_label(text)
    assert label == "" or re.fullmatch(r"[a-z]([a-z0-9-]{0,61}[a-z0-9])?", label)


@pytest.mark.parametrize("text", ["class", "9x", "a-b c", "match", "${x}"])
def test_identifiers_are_identifiers(text: str) -> None:
    name = identifier(text)
    assert name.isidentifier() and not __import__("keyword").iskeyword(name)


def test_namer_separates_ids_that_sanitize_alike_stably() -> None:
    ids = ["a b", "a-b", "A_B", "", "🙂"]
    first, second = dns_namer(ids), dns_namer(reversed(ids))
    names = [first(i) for i in ids]
    assert len(set(names)) == len(ids)
    assert names == [second(i) for i in ids]
    assert all(n for n in names)
    assert first("A_B") == "a-b"  # the first in sorted order keeps the plain slug


def test_namer_avoids_reserved_names() -> None:
    namer = ident_namer(["select", "other"], reserved={"select"})
    assert namer("select") != "select" and namer("select").startswith("select_")
    assert namer("other") == "other"


def test_hcl_strings_escape_interpolation_quotes_and_newlines() -> None:
    assert string('a"b\\c\n${x}%{y}') == '"a\\"b\\\\c\\n$${x}%%{y}"'
    assert string("\x07") == '"\\u0007"'


def test_hcl_refuses_bad_identifiers() -> None:
    with pytest.raises(ValueError):
        check_ident('x" { }')
    with pytest.raises(ValueError):
        render_hcl([Block("resource", ("aws_vpc", "a b"))])


def test_hcl_renders_nested_blocks_and_expressions() -> None:
    text = render_hcl(
        [
            Block("resource", ("aws_vpc", "main"))
            .set("cidr", "10.0.0.0/16")
            .set("tags", {"Name": Expr("var.name"), "odd key": "v"})
            .add(Block("timeouts").set("create", "5m"))
        ]
    )
    assert 'resource "aws_vpc" "main" {' in text
    assert "Name      = var.name" in text and '"odd key" = "v"' in text  # aligned (fmt)
    assert kebab("Timeouts Block") == "timeouts-block"
