"""Timeouts that shrink along a call chain, and retries at one layer only.

`assemble.build_connection` gives every synchronous call a timeout and retries by what it
calls (a store, a third party, a model). Hop by hop that is not enough: an outer hop that
waits no longer than the hop below it gives up while its callee still works (audit REL016),
and retries at every layer multiply the attempts on a failing dependency (REL007). So,
once the calls are wired and their cycles broken, callees first:

- a call retries only when its target makes no synchronous call that retries itself: the
  attempt is repeated closest to the failure, at one point in the stack (AWS Builders'
  Library, "Timeouts, retries, and backoff with jitter",
  https://aws.amazon.com/builders-library/timeouts-retries-and-backoff-with-jitter/);
- a call's timeout covers the slowest of its target's own calls with all their attempts,
  plus a share for the target's own work, rounded up to 100 ms, and never shrinks below
  what the call was given.
"""

from __future__ import annotations

import math
from collections import defaultdict

from archwright.cost.traffic import call_order
from archwright.model import Architecture, Backoff, Connection

# The target's own work on top of what it waits for, as a share of that wait.
OWN_WORK = 0.2
ROUND_MS = 100


def _budget(conn: Connection) -> float:
    """How long a caller may wait on this call: every attempt at its timeout."""
    return (conn.retries + 1) * float(conn.timeout_ms or 0)


def shrink_along_chains(arch: Architecture) -> None:
    """Set timeouts and retries of the synchronous calls, callees first (see module doc)."""
    timed = [c for c in arch.connections if c.is_sync and c.timeout_ms is not None]
    sync = Architecture(name=arch.name, components=arch.components, connections=timed)
    order, back = call_order(sync)
    out: dict[str, list[Connection]] = defaultdict(list)
    for conn in timed:
        if (conn.source, conn.target) not in back:
            out[conn.source].append(conn)
    for node in reversed(order):
        for conn in out[node]:
            below = out[conn.target]
            if any(c.retries > 0 for c in below):
                conn.retries = 0
                conn.backoff = Backoff.NONE
            wait = max((_budget(c) for c in below), default=0.0)
            if wait:
                need = math.ceil(wait * (1 + OWN_WORK) / ROUND_MS) * ROUND_MS
                conn.timeout_ms = max(float(conn.timeout_ms or 0), float(need))
