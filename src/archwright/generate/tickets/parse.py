"""Which tracker an export comes from, read safely: size-limited, JSON through the
project's guarded parser, every refusal a one-line `FileProblem` naming the file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archwright.archfile import FileProblem, parse_document, read_text
from archwright.generate.tickets import formats
from archwright.generate.tickets.ticket import Ticket
from archwright.model.problems import Problem

MAX_TICKETS = 5_000
"""Tickets read from one export; a product backlog, not a company's whole history."""

MAX_PAGES = 1_000
"""Markdown pages read from a Notion export folder."""


@dataclass(frozen=True)
class TicketFile:
    source: str
    format: str  # "jira-csv" | "jira-json" | "linear-csv" | "github-json" | "notion-markdown"
    tickets: tuple[Ticket, ...]


def _problem(source: str, message: str) -> FileProblem:
    return FileProblem(source, [(None, Problem("", message))])


def _csv_format(text: str, source: str) -> tuple[str, Iterator[Ticket]]:
    header = next(csv.reader([text.split("\n", 1)[0]]), [])
    names = {h.strip() for h in header}
    if {"Summary", "Issue key"} <= names or {"Summary", "Issue Type"} <= names:
        return "jira-csv", formats.jira_csv(text)
    if "Title" in names and ("ID" in names or "Team" in names):
        return "linear-csv", formats.linear_csv(text)
    raise _problem(
        source,
        "a CSV export without Jira's (Summary, Issue key) or Linear's (ID, Title) columns",
    )


def _json_format(data: Any, source: str) -> tuple[str, Iterator[Ticket]]:
    if isinstance(data, dict) and isinstance(data.get("issues"), list):
        return "jira-json", formats.jira_json(data)
    if isinstance(data, list) and all(isinstance(x, dict) and "title" in x for x in data):
        return "github-json", formats.github_json(data)
    raise _problem(
        source,
        'JSON that is neither a Jira search result ({"issues": [...]}) nor '
        "`gh issue list --json` output (a list of issues with titles)",
    )


def _detect(path: Path, text: str) -> tuple[str, Iterator[Ticket]]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix == "" and text.lstrip()[:1] in "[{"):
        return _json_format(parse_document(text, source, json_format=True), source)
    if suffix == ".csv":
        try:
            return _csv_format(text, source)
        except csv.Error as exc:
            raise _problem(source, f"not readable CSV: {exc}") from None
    if suffix in (".md", ".markdown"):
        return "notion-markdown", formats.notion_markdown(text)
    raise _problem(
        source,
        "unknown ticket export: use .csv (Jira, Linear), .json (Jira, GitHub) or .md (Notion)",
    )


def _notion_folder(path: Path) -> Iterator[Ticket]:
    """A Notion export unzipped: every page (`*.md`, symlinks not followed), by path."""
    pages = sorted(p for p in path.rglob("*.md") if p.is_file() and not p.is_symlink())
    if len(pages) > MAX_PAGES:
        raise _problem(str(path), f"more than {MAX_PAGES:,} markdown pages")
    for page in pages:
        yield from formats.notion_markdown(read_text(page))


def parse_tickets(path: Path) -> TicketFile:
    """The tickets of one export file (or a Notion export folder), in file order,
    untitled ones dropped."""
    if path.is_dir():
        kind, stream = "notion-markdown", _notion_folder(path)
    else:
        # Jira and Excel write CSV with a byte-order mark; it is not part of the first column.
        kind, stream = _detect(path, read_text(path).removeprefix("\ufeff"))
    tickets: list[Ticket] = []
    try:
        for ticket in stream:
            if ticket.title.strip() or ticket.body.strip():
                tickets.append(ticket)
            if len(tickets) > MAX_TICKETS:
                raise _problem(str(path), f"more than {MAX_TICKETS:,} tickets")
    except csv.Error as exc:
        raise _problem(str(path), f"not readable CSV: {exc}") from None
    if not tickets:
        raise _problem(str(path), f"no tickets found in this {kind} export")
    return TicketFile(str(path), kind, tuple(tickets))
