"""The journeys a design gets when it names none (SPEC §4: 'a design with no journeys gets
one per entry point'), each along the deepest synchronous path from its entry point.

Plain Python, no networkx: importing it cost every simulate, chaos, availability and
sweep on a hand-written design more than its own analysis, and on a 10,000-component
model its subgraph views took 1.5 s of an audit for two journeys (issue 16). Past
`SMALL_GRAPH` components the exhaustive walk is not affordable, and `longest_path` finds
the longest path over a topological order in linear time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from archwright.model.architecture import Architecture, Journey
from archwright.model.entry_points import entry_points, entry_shares
from archwright.model.enums import KIND_GROUP, KindGroup

SMALL_GRAPH = 200  # components; above, the longest path is found on the condensation


# (caller, callee, whether it is a synchronous call on the request path): `sync_calls`
Call = tuple[str, str, bool]


def design_journeys(arch: Architecture, calls: Iterable[Call] | None = None) -> list[Journey]:
    """The journeys a design is judged on: its declared ones, else the default ones. The
    audit's context holds this list and hands it to the simulator's network, so REL014
    and the rules reading `ctx.journeys` walk one computation. `calls` is `sync_calls`
    from a caller that has it at hand (the context reads it off its traffic flows)."""
    return list(arch.journeys) or default_journeys(arch, calls)


def default_journeys(arch: Architecture, calls: Iterable[Call] | None = None) -> list[Journey]:
    """One journey per entry point along its deepest synchronous path (`calls`: as for
    `design_journeys`)."""
    longest: Callable[[str], list[str]]
    if len(arch.components) > SMALL_GRAPH:
        longest = _entry_paths(*sync_graph(arch, calls))
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


def sync_calls(arch: Architecture) -> Iterator[Call]:
    """Each connection between components of the model, in file order, as (caller,
    callee, sync): sync when it is a synchronous call not into observability, whose
    telemetry ships in the background (docs/model.md, "Traffic semantics"). The traffic
    flows' `sync` (cost/traffic.py) answers the same for each declared connection: the
    audit's context reads it there, off plain records (tests/audit hold the two equal)."""
    kinds = {c.id: c.kind for c in arch.components}
    for conn in arch.connections:
        source, target = conn.source, conn.target
        if source in kinds and target in kinds:
            on_path = KIND_GROUP[kinds[target]] is not KindGroup.OBSERVABILITY
            yield source, target, on_path and conn.is_sync


def sync_graph(
    arch: Architecture, calls: Iterable[Call] | None = None
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Synchronous calls (observability left out) as successor and predecessor lists, over
    `calls` (`sync_calls(arch)` unless given).

    Successors in the order each pair is first connected (in any mode), predecessors in
    component order: the orders `ArchGraph.sync_subgraph` gives networkx, so ties in
    `longest_path` fall as they did when networkx answered. One dict of pairs for the
    whole model, not one per component and a comprehension each (10,000 of both on a
    10,000-component model, most for a component with one callee or none)."""
    pairs: dict[tuple[str, str], bool] = {}  # (caller, callee): any of its calls sync
    for source, target, sync in calls if calls is not None else sync_calls(arch):
        pair = (source, target)
        if not pairs.get(pair):  # an update keeps the pair where it first came
            pairs[pair] = sync
    succ: dict[str, list[str]] = {c: [] for c in arch.components_by_id()}
    for (source, target), sync in pairs.items():
        if sync:
            succ[source].append(target)
    pred: dict[str, list[str]] = {c: [] for c in succ}
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
    """`longest_path` when what `start` reaches is acyclic, else None.

    Kahn's order of what `start` reaches (breadth first from `start`), each node waiting
    for its callers in it, and as each node comes its distance is final: it lengthens
    its callees' distances, the longest through the first caller in `pred` order on a
    tie, and the first node in the order at the greatest distance ends the path.

    Mostly nothing outside the reach calls into it (the 9,164 components behind a
    10,000-component model's gateway): each node then waits for all its callers, and one
    walk finds the order. When a node is left waiting (a caller outside, or a cycle),
    a first walk finds the reach and counts each member's callers in it, then the
    order is taken again."""
    found = _in_order(succ, pred, start, None)
    if found is not None:
        return found
    waiting = {start: 0}  # callers in the reach not yet in the order
    stack = [start]
    while stack:
        for nxt in succ[stack.pop()]:
            if nxt in waiting:
                waiting[nxt] += 1
            else:
                waiting[nxt] = 1
                stack.append(nxt)
    if waiting[start]:
        return None  # a cycle runs through `start`
    return _in_order(succ, pred, start, waiting)


def _in_order(
    succ: dict[str, list[str]],
    pred: dict[str, list[str]],
    start: str,
    waiting: dict[str, int] | None,
) -> list[str] | None:
    """The longest path from `start` over Kahn's order of its reach, each node waiting
    for `waiting[node]` callers (None: all its callers, counted when first met; a node
    with one caller is ready when met), or None when some node it meets never comes (a
    cycle, or with None a caller outside the reach)."""
    everyone = waiting is None
    if waiting is None:
        waiting = {start: 0}
    length = {start: 0}  # longest distance from `start` found so far
    via = {start: start}  # the caller it comes through
    order = [start]
    end, longest = start, 0
    for node in order:  # grows as nodes become ready
        far = length[node]
        if far > longest:
            end, longest = node, far
        far += 1
        for nxt in succ[node]:
            known = length.get(nxt)
            if known is None:
                length[nxt] = far
                via[nxt] = node
                if everyone:
                    callers = len(pred[nxt])
                    if callers == 1:  # `node` is its one caller: ready (most nodes)
                        order.append(nxt)
                        continue
                    waiting[nxt] = callers
            elif far > known:
                length[nxt] = far
                via[nxt] = node
            elif far == known and _earlier(pred[nxt], node, via[nxt]):
                via[nxt] = node
            waiting[nxt] -= 1
            if not waiting[nxt]:
                order.append(nxt)
    if any(waiting.values()):
        return None  # some of the reach held back (with everyone: maybe from outside)
    path = [end]
    while via[end] != end:
        end = via[end]
        path.append(end)
    return path[::-1]


def _earlier(callers: list[str], one: str, other: str) -> bool:
    """Whether `one` comes before `other` among `callers` (two callers at the same
    distance: the first in predecessor order is kept, as networkx kept it)."""
    return callers.index(one) < callers.index(other)
