"""Edits in words: each kind is a pure function from the model to a changed copy.

An edit never writes: it returns the new model and a one-line summary; `answer` turns it
into a diff with before/after figures, and only an accepted edit is written (accept.py).
A request that does not fit the model (no such call, not a datastore, already async) is
refused with the reason, never bent into a different change.
"""

from __future__ import annotations

from collections.abc import Callable

from archwright.advise.ask.asked import Asked
from archwright.advise.select import select
from archwright.generate.assemble import GLOBAL_KINDS
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


Editor = Callable[[Asked], tuple[Architecture, str]]


def _copy(arch: Architecture) -> Architecture:
    return arch.model_copy(deep=True)


def _valid(arch: Architecture) -> Architecture:
    """Re-validate the edited model, so an edit can never produce a file that does not load."""
    try:
        valid = Architecture.model_validate(arch.model_dump())
    except ValueError as exc:
        raise EditRefused(f"the edited model does not validate: {exc}") from None
    problems = check(valid)
    if problems:
        raise EditRefused(f"the edited model would not load: {problems[0]}")
    return valid


def _target(a: Asked) -> Component:
    if not a.slots.components:
        raise EditRefused(f"which component? Components: {a.component_list()}")
    return a.arch.components_by_id()[a.slots.components[0]]


def _connection(a: Asked, arch: Architecture) -> Connection:
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
    calls = ", ".join(
        f"{c.source} -> {c.target}" for c in arch.connections if first in (c.source, c.target)
    )
    raise EditRefused(
        f"there is no call between {first} and {second}; {first} has: {calls or 'none'}"
    )


def read_replica(a: Asked) -> tuple[Architecture, str]:
    target = _target(a)
    if KIND_GROUP[target.kind] is not KindGroup.DATASTORE:
        raise EditRefused(f"{target.id} is a {target.kind.value}, not a datastore")
    new = _copy(a.arch)
    comp = new.components_by_id()[target.id]
    add = a.slots.count or 1
    comp.read_replicas += add
    return _valid(new), f"{target.id}: read_replicas {target.read_replicas} -> {comp.read_replicas}"


def replicas(a: Asked, increment: bool) -> tuple[Architecture, str]:
    target = _target(a)
    new = _copy(a.arch)
    comp = new.components_by_id()[target.id]
    count = a.slots.count
    if count is None:
        comp.replicas += 1
    elif increment:
        comp.replicas += count
    else:
        comp.replicas = count
    if comp.replicas == target.replicas:
        raise EditRefused(f"{target.id} already has {target.replicas} replicas")
    return _valid(new), f"{target.id}: replicas {target.replicas} -> {comp.replicas}"


def make_async(a: Asked) -> tuple[Architecture, str]:
    new = _copy(a.arch)
    conn = _connection(a, new)
    if conn.mode is Mode.ASYNC:
        raise EditRefused(f"{conn.source} -> {conn.target} is already asynchronous")
    conn.mode = Mode.ASYNC
    return _valid(new), f"{conn.source} -> {conn.target}: mode async (the caller no longer waits)"


def circuit_breaker(a: Asked) -> tuple[Architecture, str]:
    new = _copy(a.arch)
    conn = _connection(a, new)
    if conn.circuit_breaker:
        raise EditRefused(f"{conn.source} -> {conn.target} already has a circuit breaker")
    conn.circuit_breaker = True
    return _valid(new), f"{conn.source} -> {conn.target}: circuit breaker on"


def cache_in_front(a: Asked) -> tuple[Architecture, str]:
    """Cache-aside in front of `target`: each call into it goes to a new cache whose
    misses fall back to the target (the traffic semantics of docs/model.md)."""
    target = _target(a)
    if target.kind is Kind.CACHE:
        raise EditRefused(f"{target.id} is already a cache")
    callers = [c for c in a.arch.connections if c.target == target.id]
    if not callers:
        raise EditRefused(f"nothing calls {target.id}, so a cache in front of it serves nothing")
    pick = select("cache", a.requirements, a.catalog, load_tradeoffs())["recommendation"]
    new = _copy(a.arch)
    taken = {c.id for c in new.components}
    cache_id = next(
        f"{target.id}-cache{n or ''}"
        for n in range(len(taken) + 1)
        if f"{target.id}-cache{n or ''}" not in taken
    )
    entry = a.catalog.find(pick)
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
    for conn in new.connections:
        if conn.target == target.id:
            conn.target = cache_id
            conn.id = ""
            conn.fallback = target.id
            if entry is not None and entry.protocol is not None:
                conn.protocol = entry.protocol.name
    for journey in new.journeys:  # a journey now ends at the cache, as cache-aside reads do
        steps = journey.steps
        if target.id in steps[1:]:
            at = steps.index(target.id, 1)
            if any(c.source == steps[at - 1] and c.target == cache_id for c in new.connections):
                journey.steps = [*steps[:at], cache_id, *steps[at + 1 :]]
    new = _valid(new)
    return new, (
        f"{cache_id} ({pick}, chosen by `select cache`) in front of {target.id}: "
        f"{len(callers)} call(s) now read through it, misses fall back to {target.id}"
    )


def add_second_region(a: Asked) -> tuple[Architecture, str]:
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
    new = _copy(a.arch)
    for comp in new.components:
        if comp.region is None and comp.kind not in GLOBAL_KINDS:
            comp.region = first
    add_region(new, other, {}, 0.0)
    if other not in new.requirements.constraints.regions:
        new.requirements.constraints.regions = [*regions, other]
    twins = sum(1 for c in new.components if c.region == other)
    return _valid(new), f"second region {other}: {twins} regional components twinned from {first}"
