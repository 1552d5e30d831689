"""The journeys a design gets when it names none (SPEC §4: 'a design with no journeys gets
one per entry point'), each along the deepest synchronous path from its entry point.

Plain Python, no networkx: importing it cost every simulate, chaos, availability and
sweep on a hand-written design more than its own analysis, and on a 10,000-component
model its subgraph views took 1.5 s of an audit for two journeys (issue 16). Past
`SMALL_GRAPH` components the exhaustive walk is not affordable, and `longest_path` finds
the longest path over a topological order in linear time.
"""

from __future__ import annotations

from collections.abc import Callable

from archwright.model.architecture import Architecture, Journey
from archwright.model.entry_points import entry_points, entry_shares
from archwright.model.enums import KIND_GROUP, KindGroup

SMALL_GRAPH = 200  # components; above, the longest path is found on the condensation


def design_journeys(arch: Architecture) -> list[Journey]:
    """The journeys a design is judged on: its declared ones, else the default ones. The
    audit's context holds this list and hands it to the simulator's network, so REL014
    and the rules reading `ctx.journeys` walk one computation."""
    return list(arch.journeys) or default_journeys(arch)


def default_journeys(arch: Architecture) -> list[Journey]:
    """One journey per entry point along its deepest synchronous path."""
    longest: Callable[[str], list[str]]
    if len(arch.components) > SMALL_GRAPH:
        longest = _entry_paths(*sync_graph(arch))
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


def sync_graph(arch: Architecture) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Synchronous calls (observability left out) as successor and predecessor lists.

    Successors in the order each pair is first connected (in any mode), predecessors in
    component order: the orders `ArchGraph.sync_subgraph` gives networkx, so ties in
    `longest_path` fall as they did when networkx answered."""
    kinds = {c.id: c.kind for c in arch.components}
    pairs: dict[str, dict[str, bool]] = {c: {} for c in kinds}
    for conn in arch.connections:
        if conn.source in kinds and conn.target in kinds:
            seen = pairs[conn.source]
            seen[conn.target] = seen.get(conn.target, False) or conn.is_sync
    succ = {
        node: [
            t
            for t, sync in targets.items()
            if sync and KIND_GROUP[kinds[t]] is not KindGroup.OBSERVABILITY
        ]
        for node, targets in pairs.items()
    }
    pred: dict[str, list[str]] = {c: [] for c in kinds}
    for node, targets in succ.items():
        for t in targets:
            pred[t].append(node)
    return succ, pred


def _entry_paths(
    succ: dict[str, list[str]], pred: dict[str, list[str]]
) -> Callable[[str], list[str]]:
    """`longest_path` for each entry point, the entries sharing their callee's walk.

    Entry points are mostly clients calling one gateway: a 10,000-component model's two
    clients both walked the 9,165 components behind theirs. An entry nobody calls with
    one callee reaches its callee's component and nothing else more: its topological
    order is itself then the callee's, every distance one more, so its path is itself
    then the callee's, when that part is acyclic; when it is not, the entry is not
    either, and gets `longest_path`'s answer for a cycle."""
    paths: dict[str, list[str] | None] = {}

    def longest(entry: str) -> list[str]:
        callees = succ[entry]
        hop = callees[0] if len(callees) == 1 and not pred[entry] else entry
        if hop not in paths:
            paths[hop] = _acyclic_longest(succ, pred, hop)
        found = paths[hop]
        if found is None:
            return _cyclic_answer(succ, entry)
        return found if hop == entry else [entry, *found]

    return longest


def longest_path(succ: dict[str, list[str]], pred: dict[str, list[str]], start: str) -> list[str]:
    """The longest path from `start` when what it reaches is acyclic, else `start` and its
    first callee by id. Linear: a breadth-first topological order of what `start` reaches,
    then the longest distance to each node (the first maximum wins, in that order and in
    predecessor order, as in networkx's `dag_longest_path`)."""
    found = _acyclic_longest(succ, pred, start)
    return found if found is not None else _cyclic_answer(succ, start)


def _cyclic_answer(succ: dict[str, list[str]], start: str) -> list[str]:
    """The path of a start whose reach holds a cycle: itself and its first callee by id."""
    return [start, *sorted(succ[start])[:1]]


def _acyclic_longest(
    succ: dict[str, list[str]], pred: dict[str, list[str]], start: str
) -> list[str] | None:
    """`longest_path` when what `start` reaches is acyclic, else None."""
    reach = {start}
    stack = [start]
    while stack:
        for nxt in succ[stack.pop()]:
            if nxt not in reach:
                reach.add(nxt)
                stack.append(nxt)
    order = _topological(succ, reach, start)
    if len(order) < len(reach):
        return None
    # Length of the longest path to each node and the caller it comes through, in
    # `order`: every caller in `reach` precedes its callees there, so a caller not in
    # `length` is outside `reach` (two dicts of plain values, not a tuple per node).
    length: dict[str, int] = {}
    via: dict[str, str] = {}
    for node in order:
        best, through = 0, node
        for p in pred[node]:
            found = length.get(p)
            if found is not None and found >= best:
                best, through = found + 1, p
        length[node] = best
        via[node] = through
    longest = max(length.values())
    node = next(n for n in order if length[n] == longest)  # the first, as `max` keeps
    path = [node]
    while via[node] != node:
        node = via[node]
        path.append(node)
    return path[::-1]


def _topological(succ: dict[str, list[str]], reach: set[str], start: str) -> list[str]:
    """Kahn's order of `reach` from `start` (every other node has a caller in it); shorter
    than `reach` when a cycle blocks it. Each node waits for its callers in `reach`,
    counted along their calls: `reach` holds every callee of its members, so that is
    one pass over its edges, not a filtered list of callers per node."""
    waiting = dict.fromkeys(reach, 0)
    for node in reach:
        for nxt in succ[node]:
            waiting[nxt] += 1
    order = [start] if waiting[start] == 0 else []
    i = 0
    while i < len(order):
        for nxt in succ[order[i]]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                order.append(nxt)
        i += 1
    return order
