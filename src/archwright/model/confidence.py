"""How sure an imported call is, read from `Connection.properties.confidence`.

Importers guess; a call seen in an env var or a proxy_pass is a fact, one guessed from a
start-up order (`depends_on`) is not. The level lives on the connection as plain data so
that every reader (diagrams, audit, simulate, the import filter) asks this one module,
and a hand-written architecture (no property) counts as confirmed.
"""

from __future__ import annotations

from enum import StrEnum

from archwright.model.architecture import Architecture
from archwright.model.connection import Connection


class Confidence(StrEnum):
    CONFIRMED = "confirmed"  # an address, route, policy or code reference names the peer
    LIKELY = "likely"  # depends_on from a service naming no peer, toward a callable peer
    POSSIBLE = "possible"  # any other depends_on

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Confidence.POSSIBLE: 0, Confidence.LIKELY: 1, Confidence.CONFIRMED: 2}


def confidence_of(conn: Connection) -> Confidence:
    """The connection's level; absent or unknown values count as confirmed (hand-written)."""
    value = conn.properties.get("confidence")
    try:
        return Confidence(str(value)) if value is not None else Confidence.CONFIRMED
    except ValueError:
        return Confidence.CONFIRMED


def is_inferred(conn: Connection) -> bool:
    """A call guessed rather than seen: drawn dashed, flagged by audit and simulate."""
    return confidence_of(conn) is not Confidence.CONFIRMED


def inferred_connections(arch: Architecture) -> list[Connection]:
    return [c for c in arch.connections if is_inferred(c)]


def inferred_note(arch: Architecture) -> str | None:
    """One line for audit/simulate output when results rest on guessed calls."""
    guessed = inferred_connections(arch)
    if not guessed:
        return None
    names = ", ".join(c.id for c in guessed[:3]) + (" ..." if len(guessed) > 3 else "")
    return (
        f"note: {len(guessed)} of {len(arch.connections)} connections are inferred "
        f"(likely/possible, from start-up order), not seen in configuration: {names}"
    )
