"""Calls guessed from start-up order, and what the loss report says is missing.

A `depends_on` only orders start-up, but when a service names no peer anywhere in its
configuration (its hostnames are compiled into the code) start-up order is the only
trace of its calls left. Dropping it leaves disconnected boxes; keeping it as a call
would be a lie. So it becomes a call with a confidence: `likely` toward something one
calls (a datastore, a broker, a service), `possible` toward anything else (a tracing
agent, a one-off job). A service that does name its peers keeps `depends_on` as start-up
order only: its configuration already says whom it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archwright.importers.importer import Evidence
from archwright.model import KIND_GROUP, Kind, KindGroup
from archwright.model.confidence import Confidence

if TYPE_CHECKING:
    from archwright.importers._build import Builder

_CALLED_GROUPS = frozenset({KindGroup.DATASTORE, KindGroup.MESSAGING, KindGroup.AI})
_CALLED_KINDS = frozenset(
    {
        Kind.SERVICE,
        Kind.WEB_FRONTEND,
        Kind.API_GATEWAY,
        Kind.IDENTITY,
        Kind.REALTIME_GATEWAY,
        Kind.SEARCH_INDEX,
    }
)
_CODE_FORMATS = frozenset({"compose", "kubernetes"})  # formats whose calls hide in code
_CALLERS = frozenset({KindGroup.COMPUTE, KindGroup.EDGE, KindGroup.CLIENT})


def finish(builder: Builder) -> None:
    """Run once, just before the architecture is assembled."""
    startup_calls(builder)
    missing_calls(builder)


def startup_confidence(builder: Builder, target: str) -> Confidence:
    """`likely` toward a datastore, broker or callable service; `possible` otherwise."""
    kind = builder.components[target].kind
    if KIND_GROUP[kind] in _CALLED_GROUPS or kind in _CALLED_KINDS:
        return Confidence.LIKELY
    return Confidence.POSSIBLE


def startup_calls(builder: Builder) -> None:
    """Each `depends_on` of a service that names no peer becomes a likely/possible call."""
    for before, after in sorted(builder.startup):
        if after not in builder.components or before not in builder.components:
            continue
        if after in builder.named:
            continue
        file, key = builder.startup_where.get((before, after), ("", "depends_on"))
        builder.add_edge(
            after,
            before,
            Evidence(after, before, file, key, f"{before} (start-up order only)"),
            confidence=startup_confidence(builder, before),
        )


def missing_calls(builder: Builder) -> None:
    """Say which services show no call at all, and where their calls probably are."""
    if builder.format not in _CODE_FORMATS:
        return
    services = sorted(
        cid for cid, c in builder.components.items() if KIND_GROUP[c.kind] in _CALLERS
    )
    confirmed = {pair for pair, e in builder.edges.items() if e.confidence is Confidence.CONFIRMED}
    touched = {s for pair in confirmed for s in pair}
    silent = [s for s in services if s not in touched]
    if not silent:
        return
    guessed = sum(1 for e in builder.edges.values() if e.confidence is not Confidence.CONFIRMED)
    inferred = f"; {guessed} inferred from depends_on (likely/possible)" if guessed else ""
    hint = "the hostnames are probably compiled into the code; run `import repo` on the source"
    if not confirmed:
        count = len(builder.components)
        detail = f"{count} services and 0 calls found{inferred}: {hint}"
    else:
        named = ", ".join(silent[:8]) + (" ..." if len(silent) > 8 else "")
        detail = f"{len(silent)} of {len(services)} services show no call ({named}): {hint}"
    builder.loss("missing_calls", "", "", detail)
