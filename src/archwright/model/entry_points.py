"""Where external traffic enters (SPEC §1), without networkx.

Kept out of `model.graph` so that the cost engine and the audit context can ask the
question without paying networkx's 0.3 s import; `ArchGraph` delegates here, so the
definition lives in one place.
"""

from __future__ import annotations

from archwright.model.architecture import Architecture
from archwright.model.enums import Kind
from archwright.model.unchanged import derived


def entry_points(arch: Architecture) -> list[str]:
    """Clients, and public components nobody in the model calls, sorted by id (computed
    once while an analysis holds the model `unchanged`)."""
    return list(derived(arch, "entry_points", lambda: _entry_points(arch)))


def _entry_points(arch: Architecture) -> list[str]:
    called = {c.target for c in arch.connections}
    return sorted(
        c.id for c in arch.components if c.kind is Kind.CLIENT or (c.public and c.id not in called)
    )


def entry_shares(arch: Architecture) -> dict[str, float]:
    """Share of external traffic per entry point: declared `share`, the rest split equally."""
    comps = arch.components_by_id()
    entries = entry_points(arch)
    declared = {e: comps[e].share for e in entries}
    fixed = sum(s for s in declared.values() if s is not None)
    free = [e for e, s in declared.items() if s is None]
    rest = max(0.0, 1.0 - fixed) / len(free) if free else 0.0
    shares = {e: (s if s is not None else rest) for e, s in declared.items()}
    total = sum(shares.values())
    return {e: s / total for e, s in shares.items()} if total > 0 else shares


def background_shares(arch: Architecture) -> dict[str, float]:
    """Pollers: internal components nothing calls (an outbox relay, a scheduled job) that
    declare `share`. Each does `share` units of work per external request (a relay
    publishing one event per order: the orders' share of the traffic), outside the
    normalisation of `entry_shares`; what a poller calls follows from that rate like
    any caller's calls. A poller without `share` does no request-driven work."""
    called = {c.target for c in arch.connections}
    return {
        c.id: float(c.share)
        for c in arch.components
        if c.share is not None and c.kind is not Kind.CLIENT and not c.public and c.id not in called
    }
