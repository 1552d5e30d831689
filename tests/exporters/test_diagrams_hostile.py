"""A model built to break diagram languages, exported to every format.

Ids and names hold quotes, backslashes, newlines, `../`, `${x}`, `{{y}}`, markup,
comment starters, control characters, unicode and the reserved words of every target
(hostile.yaml). Every format must still be accepted by its real tool, and where the
tool draws, the drawing must show the names as typed.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from diagram_validators import check_drawio, results

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.exporters._diagram import printable, technology_line
from archwright.model import Architecture

HOSTILE = Path(__file__).resolve().parent / "hostile.yaml"
TEXT_FORMATS = ["d2", "dot", "drawio", "mermaid", "plantuml", "structurizr"]


@pytest.fixture(scope="module")
def arch() -> Architecture:
    return load_architecture(HOSTILE)


def render(fmt: str, arch: Architecture) -> tuple[str, str]:
    files = registry.load(fmt).render(arch)
    assert len(files) == 1
    ((name, text),) = files.items()
    return name, text


def svg_text(svg: str) -> str:
    """Every text run of an SVG, unescaped, joined with all whitespace removed."""
    runs = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    plain = "".join(html.unescape(re.sub(r"<[^>]+>", "", run)) for run in runs)
    return "".join(plain.split())


def squashed(text: str) -> str:
    return "".join(printable(text).split())


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_file_name_is_fixed_and_ids_never_become_identifiers(fmt: str, arch: Architecture) -> None:
    name, text = render(fmt, arch)
    assert name.startswith(("architecture.", "workspace.")) and "/" not in name
    # Node identifiers are n1..nN: the hostile ids never appear outside a label.
    for line in text.splitlines():
        if "etc/passwd" in line:
            assert re.search(r"""["'=>(\[{]\.\./\.\./etc/passwd|^\s*[^.]*\.\./""", line), line


@pytest.mark.validator
@pytest.mark.parametrize("fmt", ["dot", "plantuml", "d2"])
def test_drawing_shows_every_name_as_typed(fmt: str, arch: Architecture) -> None:
    """The tools that draw (Graphviz, PlantUML, D2) accept the file and the SVG shows
    every component and boundary name, entities and all, exactly as in the model."""
    verdict = results(fmt)["hostile"]
    assert verdict.complaint is None
    shown = svg_text(verdict.svg)
    for name in [c.label for c in arch.components] + [b.name for b in arch.boundaries]:
        assert squashed(name) in shown, name


@pytest.mark.validator
def test_mermaid_parses() -> None:
    assert results("mermaid")["hostile"].complaint is None


def test_mermaid_labels_hold_no_raw_quote_or_markup(arch: Architecture) -> None:
    text = render("mermaid", arch)[1]
    labels = re.findall(r'"([^"\n]*)"', text)
    assert len(labels) >= len(arch.components) + len(arch.connections)
    for label in labels:
        assert "<" not in label.replace("<br>", "").replace("<small>", "").replace("</small>", "")
        assert "&" not in label and "`" not in label


def test_drawio_values_are_the_names_exactly(arch: Architecture) -> None:
    text = render("drawio", arch)[1]
    assert check_drawio(text) is None
    root = ET.fromstring(text.encode("utf-8"))
    values = {c.get("id"): c.get("value") for c in root.iter("mxCell")}
    for i, c in enumerate(arch.components, start=1):
        assert values[f"n{i}"] == printable(f"{c.label}\n{technology_line(c)}")


def test_structurizr_lines_are_well_formed(arch: Architecture) -> None:
    text = render("structurizr", arch)[1]
    string = r'"(?:\\.|[^"\\])*"'
    for line in text.splitlines():
        rest = re.sub(string, "S", line).strip()
        # What is left is keywords, identifiers, arrows, braces and style values.
        assert re.fullmatch(r"[\w#= >{}*\-]*", rest), line
    assert "${" not in text
    opened = sum(line.count("{") for line in re.sub(string, "", text).splitlines())
    closed = sum(line.count("}") for line in re.sub(string, "", text).splitlines())
    assert opened == closed


def test_control_characters_never_reach_the_output(arch: Architecture) -> None:
    for fmt in TEXT_FORMATS:
        text = render(fmt, arch)[1]
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), fmt
