"""Edits in words: each kind is a pure function from the model to a changed copy.

An edit never writes: it returns the new model and a one-line summary; `answer` turns it
into a diff with before/after figures, and only an accepted edit is written (accept.py).
A request that does not fit the model (no such call, not a datastore, already async) is
refused with the reason, never bent into a different change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.result import Delta
from archwright.advise.select import select
from archwright.generate.assemble import GLOBAL_KINDS, spoken_protocol
from archwright.generate.regions import add_region, second_region
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import (
    KIND_GROUP,
    Architecture,
    Component,
    Connection,
    Kind,
    KindGroup,
    Mode,
    check,
)


class EditRefused(ValueError):
    """The edit cannot be applied to this model; the message says why and what would work."""


@dataclass(frozen=True)
class Edited:
    """What an edit proposes: the new model, a one-line summary, figures of its own that
    the common before/after table does not carry (measured by the engines on both
    models), and the case against it that only this kind of edit knows."""

    arch: Architecture
    summary: str
    extra: tuple[Delta, ...] = ()
    against: tuple[str, ...] = ()


Editor = Callable[[Asked], Edited]


def copy(arch: Architecture) -> Architecture:
    return arch.model_copy(deep=True)


def valid(arch: Architecture) -> Architecture:
    """Re-validate the edited model, so an edit can never produce a file that does not load."""
    try:
        checked = Architecture.model_validate(arch.model_dump())
    except ValueError as exc:
        raise EditRefused(f"the edited model does not validate: {exc}") from None
    problems = check(checked)
    if problems:
        raise EditRefused(f"the edited model would not load: {problems[0]}")
    return checked


def target_of(a: Asked) -> Component:
    if not a.slots.components:
        raise EditRefused(f"which component? Components: {a.component_list()}")
    return a.arch.components_by_id()[a.slots.components[0]]


def connection_of(a: Asked, arch: Architecture) -> Connection:
    """The call between the two components named (either direction). Without a direct
    call the refusal names the path that does link them, so 'make orders -> payments
    async' says the two already talk through the events stream, and how."""
    comps = a.slots.components
    if len(comps) < 2:
        calls = ", ".join(f"{c.source} -> {c.target}" for c in arch.connections)
        raise EditRefused(f"which call? Name both ends, e.g. 'a -> b'. Calls: {calls}")
    first, second = comps[0], comps[1]
    for conn in arch.connections:
        if (conn.source, conn.target) == (first, second):
            return conn
    for conn in arch.connections:
        if (conn.source, conn.target) == (second, first):
            return conn
    path = _path(arch, first, second) or _path(arch, second, first)
    if path:
        hops = [
            f"{c.source} -> {c.target} ({c.mode.value if c.mode else 'sync'}, {c.protocol.value})"
            for c in path
        ]
        raise EditRefused(
            f"there is no direct call between {first} and {second}; they are linked "
            f"through {' -> '.join([path[0].source, *(c.target for c in path)])}: "
            f"{'; '.join(hops)}"
            + ("; every hop is already asynchronous" if all(not c.is_sync for c in path) else "")
            + ". Name one of those calls"
        )
    calls = ", ".join(
        f"{c.source} -> {c.target}" for c in arch.connections if first in (c.source, c.target)
    )
    raise EditRefused(
        f"there is no call between {first} and {second}, nor a path; {first} has: {calls or 'none'}"
    )


def _path(arch: Architecture, start: str, goal: str) -> list[Connection]:
    """The shortest chain of calls from `start` to `goal` (breadth first), or []."""
    via: dict[str, Connection | None] = {start: None}
    frontier = [start]
    while frontier and goal not in via:
        nxt = []
        for node in frontier:
            for conn in arch.connections:
                if conn.source == node and conn.target not in via:
                    via[conn.target] = conn
                    nxt.append(conn.target)
        frontier = nxt
    if goal not in via:
        return []
    chain: list[Connection] = []
    node = goal
    while (step := via[node]) is not None:
        chain.insert(0, step)
        node = step.source
    return chain


def read_replica(a: Asked, step: int = 1) -> Edited:
    """Read replicas added (`step` 1) or taken away (-1): the number said, or one."""
    target = target_of(a)
    if KIND_GROUP[target.kind] is not KindGroup.DATASTORE:
        raise EditRefused(f"{target.id} is a {target.kind.value}, not a datastore")
    new = copy(a.arch)
    comp = new.components_by_id()[target.id]
    comp.read_replicas += step * (a.slots.count or 1)
    if comp.read_replicas < 0:
        raise EditRefused(f"{target.id} has {target.read_replicas} read replica(s)")
    return Edited(
        valid(new), f"{target.id}: read_replicas {target.read_replicas} -> {comp.read_replicas}"
    )


def replicas(a: Asked, step: int) -> Edited:
    """Replicas set to the number said (`step` 0: "scale api to 5"), or that number (one
    when none is said) added (`step` 1) or taken away (-1: "remove a replica from api")."""
    target = target_of(a)
    new = copy(a.arch)
    comp = new.components_by_id()[target.id]
    count = a.slots.count
    if step == 0 and count is not None:
        comp.replicas = count
    else:
        comp.replicas += (step or 1) * (count or 1)
    if comp.replicas < 1:
        raise EditRefused(
            f"{target.id} has {target.replicas} replica(s); to take it out, say "
            f"'remove {target.id}'"
        )
    if comp.replicas == target.replicas:
        raise EditRefused(f"{target.id} already has {target.replicas} replicas")
    return Edited(valid(new), f"{target.id}: replicas {target.replicas} -> {comp.replicas}")


def make_async(a: Asked) -> Edited:
    new = copy(a.arch)
    conn = connection_of(a, new)
    if conn.mode is Mode.ASYNC:
        raise EditRefused(f"{conn.source} -> {conn.target} is already asynchronous")
    conn.mode = Mode.ASYNC
    return Edited(
        valid(new), f"{conn.source} -> {conn.target}: mode async (the caller no longer waits)"
    )


def circuit_breaker(a: Asked) -> Edited:
    new = copy(a.arch)
    conn = connection_of(a, new)
    if conn.circuit_breaker:
        raise EditRefused(f"{conn.source} -> {conn.target} already has a circuit breaker")
    conn.circuit_breaker = True
    return Edited(valid(new), f"{conn.source} -> {conn.target}: circuit breaker on")


def cache_in_front(a: Asked) -> Edited:
    """Cache-aside in front of `target`: each call into it goes to a new cache whose
    misses fall back to the target (the traffic semantics of docs/model.md)."""
    target = target_of(a)
    if target.kind is Kind.CACHE:
        raise EditRefused(f"{target.id} is already a cache")
    callers = [c for c in a.arch.connections if c.target == target.id]
    if not callers:
        raise EditRefused(f"nothing calls {target.id}, so a cache in front of it serves nothing")
    pick = select("cache", a.requirements, a.catalog, load_tradeoffs())["recommendation"]
    new = copy(a.arch)
    taken = {c.id for c in new.components}
    cache_id = next(
        f"{target.id}-cache{n or ''}"
        for n in range(len(taken) + 1)
        if f"{target.id}-cache{n or ''}" not in taken
    )
    new.components.append(
        Component(
            id=cache_id,
            name=f"Cache for {target.label}",
            kind=Kind.CACHE,
            technology=pick,
            replicas=2,
            zones=list(target.zones),
            region=target.region,
        )
    )
    by_id = new.components_by_id()
    for conn in new.connections:
        if conn.target == target.id:
            conn.target = cache_id
            conn.id = ""
            conn.fallback = target.id
            conn.protocol = (
                spoken_protocol(by_id[conn.source], by_id[cache_id], a.catalog) or conn.protocol
            )
    for journey in new.journeys:  # a journey now ends at the cache, as cache-aside reads do
        steps = journey.steps
        if target.id in steps[1:]:
            at = steps.index(target.id, 1)
            if any(c.source == steps[at - 1] and c.target == cache_id for c in new.connections):
                journey.steps = [*steps[:at], cache_id, *steps[at + 1 :]]
    return Edited(
        valid(new),
        f"{cache_id} ({pick}, chosen by `select cache`) in front of {target.id}: "
        f"{len(callers)} call(s) now read through it, misses fall back to {target.id}",
    )


def add_second_region(a: Asked) -> Edited:
    """A second active region, built by the design engine's own multi-region step."""
    constraints = a.arch.requirements.constraints
    regions = constraints.regions or [b.id for b in a.arch.boundaries if b.type.value == "region"]
    if not regions:
        raise EditRefused("the model names no region; add requirements.constraints.regions first")
    first = regions[0]
    if a.slots.region:
        other = a.slots.region
    elif constraints.cloud is not None:
        other = second_region(first, constraints.cloud, list(constraints.regions))
    else:
        raise EditRefused(
            "which region? The model states no cloud; say e.g. 'add a second region us-west-2'"
        )
    if other == first or any(c.region == other for c in a.arch.components):
        raise EditRefused(f"the model already runs in {other}")
    new = copy(a.arch)
    for comp in new.components:
        if comp.region is None and comp.kind not in GLOBAL_KINDS:
            comp.region = first
    add_region(new, other, {}, 0.0)
    if other not in new.requirements.constraints.regions:
        new.requirements.constraints.regions = [*regions, other]
    twins = sum(1 for c in new.components if c.region == other)
    return Edited(
        valid(new), f"second region {other}: {twins} regional components twinned from {first}"
    )
