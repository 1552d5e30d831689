"""The journeys a design gets when it names none (SPEC §4: 'a design with no journeys gets
one per entry point'), each along the deepest synchronous path from its entry point.

Plain Python for the designs people write by hand: importing networkx cost every
simulate, chaos, availability and sweep on such a design more than its own analysis
(issue 16). Past `SMALL_GRAPH` components the exhaustive walk is not affordable, and
`ArchGraph` answers on the condensation with networkx.
"""

from __future__ import annotations

from collections.abc import Callable

from archwright.model.architecture import Architecture, Journey
from archwright.model.entry_points import entry_points, entry_shares
from archwright.model.enums import KIND_GROUP, KindGroup

SMALL_GRAPH = 200  # components; above, the longest path is found on the condensation


def default_journeys(arch: Architecture) -> list[Journey]:
    """One journey per entry point along its deepest synchronous path."""
    longest: Callable[[str], list[str]]
    if len(arch.components) > SMALL_GRAPH:
        from archwright.model.graph import ArchGraph

        longest = ArchGraph(arch).longest_sync_path
    else:
        successors = sync_successors(arch)
        longest = lambda entry: deepest_path(successors, entry)  # noqa: E731
    return journeys_along(arch, longest)


def journeys_along(arch: Architecture, longest: Callable[[str], list[str]]) -> list[Journey]:
    """A journey per entry point along `longest(entry)`, with its share of the traffic."""
    shares = entry_shares(arch)
    return [
        Journey(name=f"{entry} (default)", steps=longest(entry), share=shares[entry])
        for entry in entry_points(arch)
    ]


def sync_successors(arch: Architecture) -> dict[str, list[str]]:
    """Each component's synchronous callees, sorted. Calls into observability are left
    out: telemetry ships in the background, out of the request path (docs/model.md,
    "Traffic semantics")."""
    kinds = {c.id: c.kind for c in arch.components}
    out: dict[str, set[str]] = {c: set() for c in kinds}
    for conn in arch.connections:
        if conn.source not in kinds or conn.target not in kinds or not conn.is_sync:
            continue
        if KIND_GROUP[kinds[conn.target]] is not KindGroup.OBSERVABILITY:
            out[conn.source].add(conn.target)
    return {node: sorted(targets) for node, targets in out.items()}


def deepest_path(successors: dict[str, list[str]], start: str) -> list[str]:
    """The longest acyclic path from `start`, by exhaustive search (ties broken by id
    order: the first found is kept)."""
    best: list[str] = [start]
    path = [start]
    seen = {start}

    def walk(node: str) -> None:
        nonlocal best
        if len(path) > len(best):
            best = list(path)
        for nxt in successors[node]:
            if nxt not in seen:
                seen.add(nxt)
                path.append(nxt)
                walk(nxt)
                path.pop()
                seen.discard(nxt)

    walk(start)
    return best
