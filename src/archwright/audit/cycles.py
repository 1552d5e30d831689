"""Call cycles without enumerating every simple cycle.

A model with a tangle of services has exponentially many simple cycles; a reviewer needs
one per tangle (a strongly connected component) to see what to break. Tarjan's algorithm,
iterative so a 10,000-component model does not hit the recursion limit.
"""

from __future__ import annotations

from collections import defaultdict, deque


def strongly_connected(edges: set[tuple[str, str]]) -> list[list[str]]:
    """Strongly connected components with more than one member, or a self-loop."""
    succ: dict[str, list[str]] = defaultdict(list)
    nodes: set[str] = set()
    for a, b in sorted(edges):
        succ[a].append(b)
        nodes.update((a, b))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            nexts = succ.get(node, [])
            if i < len(nexts):
                work.append((node, i + 1))
                nxt = nexts[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or (node, node) in edges:
                    out.append(sorted(group))
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
