"""One parser per ticket export format, each from its documented shape.

- Jira CSV ("Export Excel CSV (all fields)"): columns `Summary`, `Issue key`,
  `Issue Type`, `Description`, `Labels` (repeated), `Parent` / `Parent summary` /
  `Epic Link` / `Custom field (Epic Name)`.
  https://support.atlassian.com/jira-software-cloud/docs/export-issues/
- Jira JSON (REST search result): `{"issues": [{"key", "fields": {"summary",
  "description" (text or Atlassian Document Format), "issuetype": {"name"},
  "labels", "parent": {"fields": {"summary"}}}}]}`.
  https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/
- Linear CSV export: `ID`, `Title`, `Description`, `Labels`, `Project`, `Parent issue`.
  https://linear.app/docs/exporting-data
- GitHub: `gh issue list --json number,title,body,labels,milestone` → a list of
  `{"number", "title", "body", "labels": [{"name"}], "milestone": {"title"}}`.
  https://cli.github.com/manual/gh_issue_list
- Notion markdown export: `# Page title`, property lines `Key: value`, then headings
  (`##`/`###`) or to-do/bullet items, each one ticket, with the paragraphs under it.
  https://www.notion.so/help/export-your-content
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from archwright.generate.tickets.ticket import Ticket

_EPIC_COLUMNS = ("Parent summary", "Epic Name", "Custom field (Epic Name)", "Epic Link", "Parent")


def _rows(text: str) -> tuple[list[str], list[list[str]]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    return [h.strip() for h in header], list(reader)


def _cells(header: list[str], row: list[str], name: str) -> list[str]:
    return [
        row[i].strip()
        for i, h in enumerate(header)
        if h == name and i < len(row) and row[i].strip()
    ]


def _cell(header: list[str], row: list[str], *names: str) -> str:
    for name in names:
        found = _cells(header, row, name)
        if found:
            return found[0]
    return ""


def jira_csv(text: str) -> Iterator[Ticket]:
    header, rows = _rows(text)
    for row in rows:
        kind = _cell(header, row, "Issue Type")
        title = _cell(header, row, "Summary")
        yield Ticket(
            key=_cell(header, row, "Issue key", "Issue id"),
            title=title,
            body=_cell(header, row, "Description"),
            epic=title if kind.lower() == "epic" else _cell(header, row, *_EPIC_COLUMNS),
            labels=tuple(_cells(header, row, "Labels")),
            is_epic=kind.lower() == "epic",
        )


def adf_text(node: Any) -> str:
    """Plain text of an Atlassian Document Format node (Jira Cloud's rich text)."""
    if isinstance(node, str):
        return node
    if isinstance(node, list):
        return "".join(adf_text(n) for n in node)
    if not isinstance(node, dict):
        return ""
    text = str(node.get("text", "")) if node.get("type") == "text" else ""
    inner = adf_text(node.get("content", []))
    block = node.get("type") in ("paragraph", "heading", "listItem", "codeBlock")
    return text + inner + ("\n" if block else "")


def jira_json(data: Any) -> Iterator[Ticket]:
    for issue in data.get("issues", []):
        if not isinstance(issue, dict):
            continue
        fields = issue.get("fields") or {}
        kind = str((fields.get("issuetype") or {}).get("name", ""))
        parent = ((fields.get("parent") or {}).get("fields") or {}).get("summary", "")
        title = str(fields.get("summary") or "")
        yield Ticket(
            key=str(issue.get("key", "")),
            title=title,
            body=adf_text(fields.get("description") or "").strip(),
            epic=title if kind.lower() == "epic" else str(parent or ""),
            labels=tuple(str(x) for x in fields.get("labels") or []),
            is_epic=kind.lower() == "epic",
        )


def linear_csv(text: str) -> Iterator[Ticket]:
    header, rows = _rows(text)
    for row in rows:
        labels = _cell(header, row, "Labels")
        yield Ticket(
            key=_cell(header, row, "ID"),
            title=_cell(header, row, "Title"),
            body=_cell(header, row, "Description"),
            epic=_cell(header, row, "Project", "Parent issue"),
            labels=tuple(x.strip() for x in labels.split(",") if x.strip()),
        )


def github_json(data: Any) -> Iterator[Ticket]:
    for issue in data:
        if not isinstance(issue, dict):
            continue
        milestone = issue.get("milestone") or {}
        yield Ticket(
            key=f"#{issue.get('number', '')}",
            title=str(issue.get("title") or ""),
            body=str(issue.get("body") or ""),
            epic=str(milestone.get("title") or "") if isinstance(milestone, dict) else "",
            labels=tuple(
                str(label.get("name", ""))
                for label in issue.get("labels") or []
                if isinstance(label, dict)
            ),
        )


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_ITEM = re.compile(r"^[-*]\s+(?:\[[ xX]\]\s+)?(.*?)\s*$")
_PROPERTY = re.compile(r"^[A-Z][\w ]{0,40}:\s+\S")


def notion_markdown(text: str) -> Iterator[Ticket]:
    epic = ""
    current: Ticket | None = None
    body: list[str] = []
    in_header = False
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        item = _ITEM.match(line) if not line.startswith((" ", "\t")) else None
        if heading and len(heading.group(1)) == 1:
            epic, in_header = heading.group(2), True
            continue
        if in_header and _PROPERTY.match(line):
            continue  # page properties (Status: …, Owner: …) describe the page, not the product
        in_header = in_header and not line.strip()
        if heading or item:
            if current is not None:
                yield current.with_body("\n".join(body).strip())
            title = (heading or item).group(2 if heading else 1)  # type: ignore[union-attr]
            current, body = Ticket(key=f"line {number}", title=title, body="", epic=epic), []
        elif current is not None:
            body.append(line)
        elif line.strip():
            current, body = Ticket(key=f"line {number}", title="", body="", epic=epic), [line]
    if current is not None:
        yield current.with_body("\n".join(body).strip())
