"""Pictures of large designs are summarised by boundary and kind, never silently cut.

At `SUMMARY_ABOVE` components the SVG/PNG draw every component; one more and they draw
the groups, with a Markdown file listing every member. The counts in the picture and
the file add up to the design.
"""

from __future__ import annotations

import re

import pytest
from diagram_validators import _need

from archwright.exporters import png, svg
from archwright.exporters._diagram import build
from archwright.exporters._dot_summary import SUMMARY_ABOVE, groups, summary_dot
from archwright.exporters.dot import to_dot
from archwright.model import Architecture, Boundary, Component, Connection, Kind, Mode


def _model(n: int) -> Architecture:
    """`n` components: services in an `app` boundary (nested `inner` holds some), their
    databases outside any boundary, each service calling the next and its database."""
    services = n // 2
    comps = [Component(id=f"svc-{i}", kind=Kind.SERVICE) for i in range(services)]
    comps += [
        Component(id=f"db-{i}", kind=Kind.SQL_DB, technology="postgresql")
        for i in range(n - services)
    ]
    conns = [Connection(source=f"svc-{i}", target=f"db-{i}") for i in range(services)]
    conns += [
        Connection(source=f"svc-{i}", target=f"svc-{i + 1}", mode=Mode.ASYNC)
        for i in range(services - 1)
    ]
    boundaries = [
        Boundary(id="app", name="App tier", members=[f"svc-{i}" for i in range(0, services, 2)]),
        Boundary(id="inner", parent="app", members=[f"svc-{i}" for i in range(1, services, 2)]),
    ]
    return Architecture(name="big", components=comps, connections=conns, boundaries=boundaries)


def test_groups_cover_every_component_once_by_top_boundary_and_kind() -> None:
    arch = _model(SUMMARY_ABOVE + 1)
    found = groups(build(arch))
    members = [c.id for g in found for c in g.members]
    assert sorted(members) == sorted(c.id for c in arch.components)
    shape = {(g.area, g.kind, len(g.members)) for g in found}
    services = (SUMMARY_ABOVE + 1) // 2
    assert shape == {
        ("App tier", Kind.SERVICE, services),  # the nested boundary folds into its top one
        ("", Kind.SQL_DB, SUMMARY_ABOVE + 1 - services),
    }


def test_the_summary_counts_every_connection_on_one_arrow_per_pair() -> None:
    arch = _model(SUMMARY_ABOVE + 1)
    text, found = summary_dot(arch)
    services = (SUMMARY_ABOVE + 1) // 2
    by_kind = {g.kind: g.key for g in found}
    svc, db = by_kind[Kind.SERVICE], by_kind[Kind.SQL_DB]
    arrows = re.findall(r'"(g\d+)" -> "(g\d+)" \[label="([^"]*)"(, style="dashed")?\]', text)
    assert sorted(arrows) == sorted(
        [
            (svc, db, f"{services:,} connections", ""),
            (svc, svc, f"{services - 1:,} connections, {services - 1:,} async", ', style="dashed"'),
        ]
    )
    assert f"{services:,} × service" in text
    assert "summary, 501 components in 2 groups" in text


def test_to_dot_itself_stays_complete() -> None:
    text = to_dot(_model(SUMMARY_ABOVE + 1))
    assert text.count(' -> "') == len(_model(SUMMARY_ABOVE + 1).connections)


@pytest.mark.validator
@pytest.mark.parametrize(("n", "summarised"), [(SUMMARY_ABOVE, False), (SUMMARY_ABOVE + 1, True)])
def test_svg_summarises_only_above_the_threshold(n: int, summarised: bool) -> None:
    _need("dot", "apt-get install graphviz")
    arch = _model(n)
    files = svg.render(arch)
    picture = files["architecture.svg"]
    assert picture.lstrip().startswith("<?xml")
    assert ("architecture.summary.md" in files) is summarised
    boxes = picture.count('class="node"')
    assert boxes == (2 if summarised else n)
    if summarised:
        note = files["architecture.summary.md"]
        assert all(f"`{c.id}`" in note for c in arch.components)
        assert f"Above {SUMMARY_ABOVE:,} components" in note


@pytest.mark.validator
def test_png_of_a_large_design_is_a_png_with_its_summary() -> None:
    _need("dot", "apt-get install graphviz")
    files = png.render(_model(SUMMARY_ABOVE + 1))
    assert files["architecture.png"].startswith(b"\x89PNG\r\n\x1a\n")
    assert b"summarised diagram" in files["architecture.summary.md"]
