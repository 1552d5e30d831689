"""Requests per second reaching each component at a given edge rate.

Both the cost engine (per-request prices) and the audit (over-provisioning, hot spots)
need the same propagation, so it lives here, below both.
"""

from __future__ import annotations

from collections import defaultdict

from archwright.model import Architecture, Connection
from archwright.model.entry_points import entry_points, entry_shares

__all__ = ["arrival_rates", "call_order", "entry_points", "entry_shares"]


def call_order(arch: Architecture) -> tuple[list[str], set[tuple[str, str]]]:
    """Components in call order (callers first) and the back edges that close cycles.

    Iterative depth-first search from the entry points, then every other component, in id
    order, so the result is deterministic and a 10,000-component model does not recurse.
    """
    out: dict[str, list[str]] = defaultdict(list)
    ids = {c.id for c in arch.components}
    for conn in arch.connections:
        if conn.source in ids and conn.target in ids:
            out[conn.source].append(conn.target)
    order: list[str] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {}
    for root in [*entry_points(arch), *sorted(ids)]:
        if root in state:
            continue
        state[root] = 1
        stack: list[tuple[str, list[str]]] = [(root, sorted(set(out[root]), reverse=True))]
        while stack:
            node, todo = stack[-1]
            if todo:
                nxt = todo.pop()
                if state.get(nxt) == 1:
                    back.add((node, nxt))
                elif nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, sorted(set(out[nxt]), reverse=True)))
            else:
                state[node] = 2
                order.append(node)
                stack.pop()
    order.reverse()
    return order, back


def arrival_rates(
    arch: Architecture,
    edge_rps: float,
    order: tuple[list[str], set[tuple[str, str]]] | None = None,
) -> dict[str, float]:
    """Requests/s arriving at each component when `edge_rps` enters the system.

    Each call forwards its source's rate times `share` times `calls`; cycles are cut at
    their back edges (traffic does not circulate forever). `order` is `call_order(arch)`
    when the caller already has it.
    """
    rates = dict.fromkeys((c.id for c in arch.components), 0.0)
    if edge_rps <= 0:
        return rates
    for entry, share in entry_shares(arch).items():
        rates[entry] += edge_rps * share
    by_source: dict[str, list[Connection]] = defaultdict(list)
    for conn in arch.connections:
        if conn.source in rates and conn.target in rates:
            by_source[conn.source].append(conn)
    nodes, back = order or call_order(arch)
    for node in nodes:
        rate = rates[node]
        if rate:
            for conn in by_source[node]:
                if (node, conn.target) not in back:
                    rates[conn.target] += rate * conn.share * conn.calls
    return rates
