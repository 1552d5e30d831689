"""Product tickets → requirements: Jira (CSV, JSON), Linear (CSV), GitHub issues
(`gh issue list --json`) and Notion (markdown export).

Each format has its own small parser that yields `Ticket`s; `requirements_from_tickets`
turns them into one `Requirements` that the design engine reads like any other: the
titles and epics become features (matched against the pattern triggers, unmatched ones
reported), and the titles and bodies become the description the text extractor reads
for scale and SLOs.
"""

from archwright.generate.tickets.parse import TicketFile, parse_tickets
from archwright.generate.tickets.requirements import (
    TicketReading,
    design_from_tickets,
    requirements_from_tickets,
)
from archwright.generate.tickets.ticket import Ticket

__all__ = [
    "Ticket",
    "TicketFile",
    "TicketReading",
    "design_from_tickets",
    "parse_tickets",
    "requirements_from_tickets",
]
