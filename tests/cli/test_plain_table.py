"""`cli.plain_table` writes what Rich prints for the same table, byte for byte, or
declines (None) and leaves the table to Rich."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from archwright.cli.plain_table import table_text

HEADERS = ("severity", "rule", "targets", "finding", "fix")
_WORD = st.text(alphabet="abcxyz-%[]:,.0", min_size=1, max_size=14)
_CELL = st.lists(_WORD | st.sampled_from(["", " ", "  "]), max_size=8).map(" ".join)
_ROWS = st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, _CELL), min_size=1, max_size=5)


def _console(width: int, **kwargs: object) -> Console:
    return Console(file=io.StringIO(), width=width, highlight=False, soft_wrap=False, **kwargs)


def _rich(width: int, rows: list[tuple[str, ...]], title: str = "Audit findings") -> str:
    console = _console(width, color_system=None)
    table = Table(title=title)
    for header in HEADERS:
        table.add_column(header)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    out = console.file
    assert isinstance(out, io.StringIO)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(_ROWS, st.integers(20, 200))
def test_the_text_is_what_rich_prints(rows: list[tuple[str, ...]], width: int) -> None:
    text = table_text(_console(width, color_system=None), "Audit findings", HEADERS, rows)
    if text is None:  # only a console too narrow to fit every column is left to Rich
        assert width < 60
    else:
        assert text == _rich(width, rows)


def test_an_audit_like_table_at_80_and_120_columns() -> None:
    rows = [
        (
            "high",
            "PRF008",
            "svc-0",
            "svc-0 at 181% of its 1,103 req/s capacity at peak",
            "Add replicas (or concurrency) until utilisation at peak is below about 70%.",
        ),
        ("medium", "OPS006", "svc-1, svc-2", "x" * 90, "Trace [bold]calls[/] end to end."),
    ]
    for width in (80, 120):
        text = table_text(_console(width, color_system=None), "Audit findings", HEADERS, rows)
        assert text == _rich(width, rows)
        assert "…" in _rich(width, rows)  # the 90-character word is cut in both


def test_it_declines_what_it_does_not_lay_out() -> None:
    plain = [("high", "R1", "a", "b", "c")]
    assert table_text(_console(100, color_system="truecolor"), "T", HEADERS, plain) is None
    assert (
        table_text(_console(100, color_system=None), "T", HEADERS, [("é", *plain[0][1:])]) is None
    )
    assert (
        table_text(_console(100, color_system=None), "T", HEADERS, [("\t", *plain[0][1:])]) is None
    )
    assert table_text(_console(100, color_system=None), "[b]T[/b]", HEADERS, plain) is None
    assert table_text(_console(100, color_system=None), "T", HEADERS, plain) == _rich(
        100, plain, "T"
    )


_SYMBOL_WORD = st.text(alphabet="ab0,.%-∞×·…—–→", min_size=1, max_size=9)
_SYMBOL_CELL = st.lists(_SYMBOL_WORD | st.sampled_from(["", " "]), max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_SYMBOL_CELL, _SYMBOL_CELL, _SYMBOL_CELL), min_size=1, max_size=4),
    st.lists(st.booleans(), min_size=3, max_size=3),
    st.integers(16, 90),
)
def test_right_justified_columns_and_narrow_symbols_are_what_rich_prints(
    rows: list[tuple[str, ...]], right: list[bool], width: int
) -> None:
    """The simulation tables: numbers right-justified, ∞ and × in cells and headers."""
    headers = ("component", "load ×", "p99 ms")
    console = _console(width, color_system=None)
    text = table_text(console, "components (x)", headers, rows, right)
    table = Table(title="components (x)")
    for header, flush in zip(headers, right, strict=True):
        table.add_column(header, justify="right" if flush else "left")
    for row in rows:
        table.add_row(*row)  # strings, as the simulation tables add them
    rich = _console(width, color_system=None)
    rich.print(table)
    out = rich.file
    assert isinstance(out, io.StringIO)
    if text is None:
        assert width < 40
    else:
        assert text == out.getvalue()


def test_the_narrow_symbols_are_one_cell_wide_for_rich() -> None:
    from rich.cells import cell_len

    from archwright.cli.plain_table import _NARROW

    assert all(cell_len(c) == 1 for c in _NARROW)


# Titles as `conform` writes them (`Drift: PATH vs PATH`), and what Rich would read in one.
_TITLE_WORD = st.text(alphabet="ab0./_-:[]\\é", min_size=1, max_size=90)
_TITLE = st.lists(_TITLE_WORD | st.sampled_from(["", " "]), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(
    _TITLE, st.lists(st.tuples(_CELL, _CELL, _CELL, _CELL, _CELL), max_size=3), st.integers(20, 140)
)
def test_a_title_with_paths_is_wrapped_and_centred_as_rich_does(
    title: str, rows: list[tuple[str, ...]], width: int
) -> None:
    """Any title Rich writes as its characters (no markup, no emoji code), longer than the
    table or not, folded where a word is; declined otherwise."""
    text = table_text(_console(width, color_system=None), title, HEADERS, rows)
    if text is not None:
        assert text == _rich(width, rows, title)
    elif width >= 60:
        assert not title or "[" in title or "\\" in title or "é" in title or title.count(":") > 1


def test_a_drift_title_longer_than_its_table_wraps_as_rich_does() -> None:
    """Wrapped at words, and a path longer than the table folded (Rich's `fold`)."""
    title = "Drift: design/archwright.yaml vs ../deploy/" + "kubernetes/" * 8 + "manifests.yaml"
    rows = [("component", "extra", "loadgenerator", "deployed client, not in the design", "")]
    text = table_text(_console(80, color_system=None), title, HEADERS, rows)
    assert text is not None and not text.splitlines()[2].startswith("┏")  # three title lines
    assert text == _rich(80, rows, title)
