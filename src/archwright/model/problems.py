"""Everything wrong with an architecture, as (path, message) pairs a person can act on.

Two layers: pydantic catches shapes and types; `check` catches what only the whole model
can tell (duplicate ids, connections to nowhere, journeys over missing edges). Both
produce `Problem`s so that `validate` reports all of them at once.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from archwright.model.architecture import Architecture
from archwright.model.enums import BoundaryType, Kind


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidArchitecture(ValueError):
    """Raised with every problem found; `source` names the file when there is one."""

    def __init__(self, problems: Sequence[Problem], source: str = "") -> None:
        self.problems = list(problems)
        self.source = source
        super().__init__("; ".join(str(p) for p in self.problems))


def format_path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _suggest(value: Any, choices: list[str]) -> str:
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def from_validation_error(err: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into one Problem each, with the valid choices where short."""
    problems = []
    kinds = [k.value for k in Kind]
    for e in err.errors(include_url=False):
        loc = [p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        path = format_path(loc)
        msg = e["msg"]
        if e["type"] == "enum":
            expected = e.get("ctx", {}).get("expected", "")
            if loc and loc[-1] == "kind":
                msg = f"unknown kind {e['input']!r}{_suggest(e['input'], kinds)}"
            else:
                msg = f"unknown value {e['input']!r}; expected {expected}"
        elif e["type"] == "extra_forbidden":
            msg = "unknown field"
        elif e["type"] == "missing":
            msg = "required field is missing"
        elif e["type"] in _BOUND_TYPES:
            msg = _out_of_bounds(e)
        elif msg.startswith("Value error, "):
            msg = msg.removeprefix("Value error, ")
        problems.append(Problem(path, msg))
    return problems


_BOUND_TYPES = frozenset(
    {
        "finite_number",
        "less_than_equal",
        "less_than",
        "greater_than_equal",
        "greater_than",
        "int_parsing_size",
    }
)


def _out_of_bounds(error: Any) -> str:
    """A number outside its documented bound, said with the value and the limit."""
    shown = _show_number(error.get("input"))
    ctx = error.get("ctx", {})
    if error["type"] == "finite_number":
        return f"{shown} is not a finite number"
    if error["type"] == "int_parsing_size":
        return f"{shown} is too large"
    limit = next(iter(ctx.values()), None)
    relation = {
        "less_than_equal": "at most",
        "less_than": "below",
        "greater_than_equal": "at least",
        "greater_than": "above",
    }[error["type"]]
    return f"{shown} is out of bounds: must be {relation} {_show_limit(limit)}"


def _show_limit(limit: Any) -> str:
    if isinstance(limit, (int, float)) and float(limit).is_integer() and abs(limit) < 1e15:
        return f"{int(limit):,}"
    return f"{limit:g}" if isinstance(limit, (int, float)) else str(limit)


def _show_number(value: Any) -> str:
    """A number as a person reads it; a huge one by its size, not its 400 digits."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return repr(value)[:40]
    if isinstance(value, int) and abs(value) >= 10**16:
        return f"a {len(str(abs(value)))}-digit number"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else f"a {len(value)}-character value"
    if float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:g}"


def check(arch: Architecture) -> list[Problem]:
    """Whole-model consistency: ids, references, journeys, boundaries."""
    ids = [c.id for c in arch.components]
    known = set(ids)
    problems = _duplicate_components(ids)
    wiring, edges = _connection_problems(arch, known)
    problems.extend(wiring)
    problems.extend(_component_problems(arch, known))
    problems.extend(_journey_problems(arch, known, edges))
    problems.extend(_boundary_problems(arch, known))
    problems.extend(_target_problems(arch, known))
    return problems


def _duplicate_components(ids: list[str]) -> list[Problem]:
    """Component ids given more than once, each named at its first place, since every
    reference resolves by id."""
    problems: list[Problem] = []
    for cid, n in _repeated(ids):
        first = ids.index(cid)
        problems.append(Problem(f"components[{first}].id", f"duplicate id {cid!r} ({n} times)"))
    return problems


def _repeated(ids: list[str]) -> list[tuple[str, int]]:
    """The ids given more than once with their counts, in sorted order; only those are
    sorted (sorting all 10,000 to find none was most of `check` at that size, issue 16)."""
    return sorted((cid, n) for cid, n in Counter(ids).items() if n > 1)


def _connection_problems(
    arch: Architecture, known: set[str]
) -> tuple[list[Problem], set[tuple[str, str]]]:
    """Duplicate connection ids, ends that name no component and self-calls, with the
    (source, target) pairs the journeys are checked against."""
    problems: list[Problem] = []
    conn_ids = [c.id for c in arch.connections]
    for cid, _ in _repeated(conn_ids):
        problems.append(
            Problem(
                f"connections[{conn_ids.index(cid)}].id",
                f"duplicate connection id {cid!r}; give each an explicit id",
            )
        )
    edges = set()
    for i, conn in enumerate(arch.connections):
        for end, ref in (("source", conn.source), ("target", conn.target)):
            if ref not in known:
                problems.append(
                    Problem(
                        f"connections[{i}].{end}",
                        f"no component {ref!r}{_suggest(ref, sorted(known))}",
                    )
                )
        if conn.source == conn.target:
            problems.append(Problem(f"connections[{i}]", f"{conn.source!r} calls itself"))
        edges.add((conn.source, conn.target))
    return problems, edges


def _component_problems(arch: Architecture, known: set[str]) -> list[Problem]:
    """A dead-letter queue that names no component, and read replicas on a kind that
    has none."""
    problems: list[Problem] = []
    for i, comp in enumerate(arch.components):
        if comp.dead_letter is not None and comp.dead_letter not in known:
            problems.append(
                Problem(f"components[{i}].dead_letter", f"no component {comp.dead_letter!r}")
            )
        if comp.read_replicas and comp.kind not in _REPLICATED_KINDS:
            problems.append(
                Problem(
                    f"components[{i}].read_replicas",
                    f"read replicas make no sense for a {comp.kind.value}",
                )
            )
    return problems


def _journey_problems(
    arch: Architecture, known: set[str], edges: set[tuple[str, str]]
) -> list[Problem]:
    """Duplicate journeys, steps that name no component or follow no connection, and
    shares that add up to more than the whole traffic."""
    problems: list[Problem] = []
    journey_names = [j.name for j in arch.journeys]
    for name, n in sorted(Counter(journey_names).items()):
        if n > 1:
            problems.append(
                Problem(
                    f"journeys[{journey_names.index(name)}].name", f"duplicate journey {name!r}"
                )
            )
    for i, journey in enumerate(arch.journeys):
        for s, step in enumerate(journey.steps):
            if step not in known:
                problems.append(Problem(f"journeys[{i}].steps[{s}]", f"no component {step!r}"))
        for s, (a, b) in enumerate(zip(journey.steps, journey.steps[1:])):
            if a in known and b in known and (a, b) not in edges:
                problems.append(
                    Problem(
                        f"journeys[{i}].steps[{s + 1}]",
                        f"journey goes {a!r} -> {b!r} but no connection exists",
                    )
                )
    total_share = sum(j.share for j in arch.journeys)
    if arch.journeys and total_share > 1.0 + 1e-9:
        problems.append(Problem("journeys", f"shares add up to {total_share:g}, more than 1"))
    return problems


def _boundary_problems(arch: Architecture, known: set[str]) -> list[Problem]:
    """Duplicate boundaries, members and parents that name nothing, and parent cycles."""
    problems: list[Problem] = []
    boundary_ids = [b.id for b in arch.boundaries]
    for bid, n in sorted(Counter(boundary_ids).items()):
        if n > 1:
            problems.append(
                Problem(f"boundaries[{boundary_ids.index(bid)}].id", f"duplicate boundary {bid!r}")
            )
    for i, boundary in enumerate(arch.boundaries):
        for m, member in enumerate(boundary.members):
            if member not in known:
                problems.append(
                    Problem(f"boundaries[{i}].members[{m}]", f"no component {member!r}")
                )
        if boundary.parent is not None and boundary.parent not in boundary_ids:
            problems.append(Problem(f"boundaries[{i}].parent", f"no boundary {boundary.parent!r}"))
    problems.extend(_boundary_cycles(arch))
    return problems


def _target_problems(arch: Architecture, known: set[str]) -> list[Problem]:
    """Suppressions and decisions whose targets name nothing: a suppression may name a
    component or a connection, a decision only a component."""
    problems: list[Problem] = []
    named = any(sup.targets for sup in arch.suppressions)  # else no connection id is asked
    known_conns = {c.id for c in arch.connections} if named else set()
    for i, sup in enumerate(arch.suppressions):
        for t, target in enumerate(sup.targets):
            if target not in known and target not in known_conns:
                problems.append(Problem(f"suppressions[{i}].targets[{t}]", f"no target {target!r}"))
    for i, dec in enumerate(arch.decisions):
        for t, target in enumerate(dec.targets):
            if target not in known:
                problems.append(Problem(f"decisions[{i}].targets[{t}]", f"no component {target!r}"))
    return problems


_REPLICATED_KINDS = {
    Kind.SQL_DB,
    Kind.NOSQL_DB,
    Kind.CACHE,
    Kind.SEARCH_INDEX,
    Kind.GRAPH_DB,
    Kind.TIMESERIES_DB,
    Kind.VECTOR_DB,
    Kind.WAREHOUSE,
    Kind.FEATURE_STORE,
}


def _boundary_cycles(arch: Architecture) -> list[Problem]:
    parent = {b.id: b.parent for b in arch.boundaries}
    problems = []
    for i, b in enumerate(arch.boundaries):
        seen = {b.id}
        cur = b.parent
        while cur is not None and cur in parent:
            if cur in seen:
                problems.append(Problem(f"boundaries[{i}].parent", "boundaries nest in a cycle"))
                break
            seen.add(cur)
            cur = parent[cur]
        if b.type is BoundaryType.AVAILABILITY_ZONE and b.parent is not None:
            ptype = next((p.type for p in arch.boundaries if p.id == b.parent), None)
            if ptype is BoundaryType.AVAILABILITY_ZONE:
                problems.append(
                    Problem(
                        f"boundaries[{i}].parent", "an availability zone cannot sit inside another"
                    )
                )
    return problems
