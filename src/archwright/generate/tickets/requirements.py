"""Tickets → one Requirements for the design engine, and what could not be read.

Features are the epics and the ticket titles (the engine matches them against the
pattern triggers and lists the ones that match nothing); the description is every
ticket's title and body, which the text extractor reads for scale, SLOs, compliance and
constraints, up to the extractor's own length limit. Tickets past that limit are listed
as not read rather than silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archwright.generate.extract import MAX_DESCRIPTION
from archwright.generate.tickets.parse import TicketFile, parse_tickets
from archwright.generate.tickets.ticket import Ticket
from archwright.model import Requirements

if TYPE_CHECKING:
    from archwright.generate.engine import DesignResult
    from archwright.model import Cloud

_MAX_FEATURE = 200  # characters of a title kept as a feature


@dataclass(frozen=True)
class TicketReading:
    file: TicketFile
    requirements: Requirements
    not_read: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _features(tickets: tuple[Ticket, ...]) -> list[str]:
    out: list[str] = []
    for name in [t.epic for t in tickets] + [t.title for t in tickets if not t.is_epic]:
        feature = _one_line(name)[:_MAX_FEATURE]
        if feature and feature not in out:
            out.append(feature)
    return out


def _paragraph(ticket: Ticket) -> str:
    title = _one_line(ticket.title).rstrip(".")
    return f"{title}.\n{ticket.body.strip()}".strip() if title else ticket.body.strip()


def requirements_from_tickets(file: TicketFile) -> TicketReading:
    parts: list[str] = []
    not_read: list[str] = []
    used = 0
    for ticket in file.tickets:
        text = _paragraph(ticket)
        if used + len(text) + 2 > MAX_DESCRIPTION:
            label = _one_line(ticket.title)[:80] or "(untitled)"
            not_read.append(
                f"ticket {ticket.key or '?'} {label!r}: not read, the tickets' text is over "
                f"{MAX_DESCRIPTION:,} characters"
            )
            continue
        parts.append(text)
        used += len(text) + 2
    requirements = Requirements(description="\n\n".join(parts), features=_features(file.tickets))
    return TicketReading(file, requirements, tuple(not_read))


def design_from_tickets(path: Path, *, cloud: Cloud | None = None) -> DesignResult:
    """Design from a ticket export: the engine's result, with unread tickets listed."""
    from archwright.generate.engine import design

    reading = requirements_from_tickets(parse_tickets(path))
    result = design(reading.requirements, cloud=cloud, name=None)
    result.not_understood.extend(reading.not_read)
    result.assumptions.append(
        f"read {len(reading.file.tickets)} tickets from a {reading.file.format} export"
    )
    return result
