"""Ticket exports → requirements: one fixture per format, in its documented shape; each
says the same product (card checkout at 2,000 req/s, 99.95 %, p99 200 ms, search) and
one thing the engine cannot understand, which must be listed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archwright.archfile import FileProblem
from archwright.generate.read import read
from archwright.generate.tickets import parse_tickets, requirements_from_tickets
from archwright.generate.tickets.formats import adf_text
from archwright.kb.patterns import load_patterns

DATA = Path(__file__).resolve().parent / "data" / "tickets"
FORMATS = {
    "jira.csv": ("jira-csv", 4),
    "jira.json": ("jira-json", 3),
    "linear.csv": ("linear-csv", 3),
    "github.json": ("github-json", 3),
    "notion.md": ("notion-markdown", 3),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_reads_into_requirements(name: str) -> None:
    kind, count = FORMATS[name]
    file = parse_tickets(DATA / name)
    assert file.format == kind
    assert len(file.tickets) == count
    assert "Checkout" in {t.epic for t in file.tickets}
    reading = requirements_from_tickets(file)
    assert reading.not_read == ()
    assert "Pay by card" in reading.requirements.features  # a title is a feature
    result = read(reading.requirements, load_patterns())
    req = result.requirements
    assert req.scale.peak_rps == 2000
    assert req.slo.availability == 99.95
    assert req.slo.p99_latency_ms == 200
    assert {"payments", "search-index"} <= set(result.features)
    assert any("flux capacitor" in n for n in result.not_understood)


def test_jira_rich_text_is_flattened() -> None:
    doc = {
        "type": "doc",
        "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "a"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "b"}]},
        ],
    }
    assert adf_text(doc) == "a\nb\n"


def test_tickets_over_the_text_limit_are_listed(tmp_path: Path) -> None:
    issues = [{"number": i, "title": f"Story {i}", "body": "x " * 2_000} for i in range(20)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(issues), encoding="utf-8")
    reading = requirements_from_tickets(parse_tickets(path))
    assert 0 < len(reading.not_read) < 20
    assert "#19" in reading.not_read[-1] and "not read" in reading.not_read[-1]
    assert len(reading.requirements.description or "") <= 20_000


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("x.csv", "a,b\n1,2\n", "without Jira's"),
        ("x.json", '{"a": 1}', "neither a Jira search result"),
        ("x.txt", "hello", "unknown ticket export"),
        ("x.json", "[", "x.json"),
        ("x.md", "\n\n", "no tickets found"),
    ],
)
def test_bad_exports_are_one_line_problems(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblem) as info:
        parse_tickets(path)
    assert message in str(info.value)
    assert len(info.value.lines()) == 1


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=400), suffix=st.sampled_from([".csv", ".json", ".md"]))
def test_any_text_parses_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, text: str, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"t{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        file = parse_tickets(path)
    except FileProblem:
        return
    assert file.tickets


def test_cli_designs_from_tickets(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "archwright", "design", "--from-tickets"]
    ok = subprocess.run(
        [*cmd, str(DATA / "linear.csv"), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ok.returncode == 0, ok.stderr
    report = (tmp_path / "design.md").read_text(encoding="utf-8")
    assert "flux capacitor" in report
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    refused = subprocess.run([*cmd, str(bad)], capture_output=True, text=True, timeout=300)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"{bad}: ")


def test_a_notion_export_folder_reads_every_page(tmp_path: Path) -> None:
    export = tmp_path / "Export-1234"
    (export / "Checkout 5f2a").mkdir(parents=True)
    (export / "Checkout 5f2a.md").write_text((DATA / "notion.md").read_text(), encoding="utf-8")
    (export / "Checkout 5f2a" / "Refunds 9c1d.md").write_text(
        "# Refunds\n\n## Refund to card\n\nWithin 5 days.\n", encoding="utf-8"
    )
    file = parse_tickets(export)
    assert file.format == "notion-markdown"
    titles = [t.title for t in file.tickets]
    assert "Refund to card" in titles and "Pay by card" in titles
    assert {t.epic for t in file.tickets} == {"Checkout", "Refunds"}


def test_a_byte_order_mark_does_not_hide_the_first_column(tmp_path: Path) -> None:
    path = tmp_path / "jira-bom.csv"
    path.write_text("\ufeff" + (DATA / "jira.csv").read_text(encoding="utf-8"), encoding="utf-8")
    file = parse_tickets(path)
    assert file.format == "jira-csv" and file.tickets[0].title == "Checkout"
