"""One ticket, whatever tracker it came from."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Ticket:
    key: str  # the tracker's id (PROJ-12, ENG-4, #7) or where it was found
    title: str
    body: str
    epic: str = ""  # epic, project, milestone or page it belongs to
    labels: tuple[str, ...] = ()
    is_epic: bool = False

    def with_body(self, body: str) -> Ticket:
        return replace(self, body=body)
