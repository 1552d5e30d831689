"""Call cycles without enumerating every simple cycle.

A model with a tangle of services has exponentially many simple cycles; a reviewer needs
one per tangle (a strongly connected component) to see what to break. Tarjan's algorithm,
iterative so a 10,000-component model does not hit the recursion limit.
"""

from __future__ import annotations

from collections import defaultdict, deque

from archwright.cost.traffic import scc_order


def strongly_connected(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one member, or a self-loop.

    The decomposition itself is the simulator's (`cost.traffic.scc_order`, Tarjan,
    iterative); here only the groups that are cycles are kept, by name.
    """
    nodes = sorted({n for edge in edges for n in edge})
    index = {node: i for i, node in enumerate(nodes)}
    groups = scc_order(len(nodes), [(index[a], index[b]) for a, b in sorted(edges)])
    out = [
        [nodes[i] for i in group]
        for group in groups
        if len(group) > 1 or (nodes[group[0]], nodes[group[0]]) in edges
    ]
    return sorted(out)


def _cycle_through(start: str, members: set[str], succ: dict[str, list[str]]) -> list[str]:
    """Shortest cycle from `start` back to itself inside one strongly connected group."""
    prev: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in succ.get(node, []):
            if nxt not in members:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(prev[path[-1]])
                return path[::-1]
            if nxt not in prev:
                prev[nxt] = node
                queue.append(nxt)
    return [start]


def find_cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """One shortest cycle per strongly connected group, starting at its smallest id."""
    succ: dict[str, list[str]] = defaultdict(list)
    for a, b in sorted(edges):
        succ[a].append(b)
    return [_cycle_through(group[0], set(group), succ) for group in strongly_connected(edges)]
