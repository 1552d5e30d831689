"""Strangler-fig migration plans: which module leaves the monolith first, and how.

The coupling graph (networkx) has one node per module; an edge weighs the tables two
modules share, the calls between them and the foreign keys that cross between their
tables. Extraction is greedy: the module least coupled to what remains goes next
(cleanest boundary first), so early phases are cheap rehearsals for the hard ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.model import STATEFUL_KINDS, Architecture, Kind
from archwright.model.defaults import empty_list


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Module(_Strict):
    name: str = Field(min_length=1)
    endpoints: list[str] = Field(default_factory=empty_list)
    jobs: list[str] = Field(default_factory=empty_list, description="Background jobs it runs.")
    reads: list[str] = Field(default_factory=empty_list, description="Tables it reads.")
    writes: list[str] = Field(default_factory=empty_list, description="Tables it writes.")
    calls: list[str] = Field(default_factory=empty_list, description="Modules it calls in process.")


class ForeignKey(_Strict):
    source: str = Field(alias="from", min_length=1, description="table(.column)")
    target: str = Field(alias="to", min_length=1, description="table(.column)")

    @property
    def tables(self) -> tuple[str, str]:
        return self.source.split(".")[0], self.target.split(".")[0]


class Monolith(_Strict):
    """A monolith description file (see docs/advise.md)."""

    name: str = Field(min_length=1)
    database: str = Field("the shared database", description="What the tables live in.")
    modules: list[Module] = Field(min_length=2)
    foreign_keys: list[ForeignKey] = Field(default_factory=empty_list)

    @model_validator(mode="after")
    def _references(self) -> Monolith:
        names = [m.name for m in self.modules]
        if len(set(names)) != len(names):
            raise ValueError("module names must be unique")
        for mod in self.modules:
            unknown = sorted(set(mod.calls) - set(names))
            if unknown:
                raise ValueError(f"module {mod.name} calls unknown module(s) {', '.join(unknown)}")
        return self


@dataclass(frozen=True)
class Ownership:
    owner: dict[str, str]  # table -> module that owns it
    writers: dict[str, list[str]]
    readers: dict[str, list[str]]


def ownership(mono: Monolith) -> Ownership:
    """A table belongs to its only writer; with several writers to the first in file order
    (the others are the seam to cut); with none, to its first reader."""
    writers: dict[str, list[str]] = {}
    readers: dict[str, list[str]] = {}
    for mod in mono.modules:
        for t in mod.writes:
            writers.setdefault(t, []).append(mod.name)
        for t in mod.reads:
            if mod.name not in writers.get(t, []):
                readers.setdefault(t, []).append(mod.name)
    owner = {t: ws[0] for t, ws in writers.items()}
    for t, rs in readers.items():
        owner.setdefault(t, rs[0])
    return Ownership(owner, writers, readers)


def coupling_graph(mono: Monolith, own: Ownership) -> Any:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(m.name for m in mono.modules)

    def bump(a: str, b: str, why: str) -> None:
        if a == b:
            return
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, weight=0, why=[])
        graph[a][b]["weight"] += 1
        graph[a][b]["why"].append(why)

    for mod in mono.modules:
        for t in sorted(set(mod.reads) | set(mod.writes)):
            if own.owner[t] != mod.name:
                bump(mod.name, own.owner[t], f"table {t}")
        for callee in mod.calls:
            bump(mod.name, callee, f"call {mod.name}->{callee}")
    for fk in mono.foreign_keys:
        a, b = fk.tables
        if a in own.owner and b in own.owner:
            bump(own.owner[a], own.owner[b], f"foreign key {fk.source} -> {fk.target}")
    return graph


def plan(mono: Monolith) -> dict[str, Any]:
    """Phases in extraction order, each with seams, data handling and a rollback point."""
    own = ownership(mono)
    graph = coupling_graph(mono, own)
    remaining = [m.name for m in mono.modules]
    order: list[tuple[str, int]] = []
    while len(remaining) > 1:
        sub = graph.subgraph(remaining)
        scores = {m: int(sub.degree(m, weight="weight")) for m in remaining}
        nxt = min(remaining, key=lambda m: (scores[m], m))
        order.append((nxt, scores[nxt]))
        remaining.remove(nxt)
    by_name = {m.name: m for m in mono.modules}
    phases: list[dict[str, Any]] = [
        {
            "phase": 0,
            "title": "Put a routing facade in front of the monolith",
            "steps": [
                "route all traffic through a proxy or API gateway that can send a path to "
                "a new service or back to the monolith",
                "add request metrics per endpoint and per module, to compare before and after",
                "add an outbox table and a CDC pipeline from the database for later phases",
            ],
            "rollback": "remove the facade route; nothing else has changed",
        }
    ]
    extracted: list[str] = []
    for number, (name, score) in enumerate(order, start=1):
        phases.append(_phase(number, by_name[name], score, mono, own, graph, extracted))
        extracted.append(name)
    core = remaining[0]
    seams = sorted(
        (
            {"between": sorted([a, b]), "weight": d["weight"], "because": sorted(d["why"])}
            for a, b, d in graph.edges(data=True)
        ),
        key=lambda s: (-s["weight"], s["between"]),
    )
    return {
        "monolith": mono.name,
        "extraction_order": [n for n, _ in order],
        "remains_in_core": core,
        "coupling": {n: s for n, s in order},
        "riskiest_seams": seams[:5],
        "phases": phases,
        "ownership": dict(sorted(own.owner.items())),
    }


def _phase(
    number: int,
    mod: Module,
    score: int,
    mono: Monolith,
    own: Ownership,
    graph: Any,
    extracted: list[str],
) -> dict[str, Any]:
    """One phase of the plan: extract `mod`, with its seams, data moves, risk and
    rollback; modules extracted in earlier phases are no longer neighbours."""
    touch = _touch(mod, own)
    fks = _cut_foreign_keys(mod, mono, own, extracted)
    neighbours = sorted(n for n in graph.neighbors(mod.name) if n not in extracted)
    risk = "low" if score == 0 else "medium" if score <= 3 and not touch.shared_writes else "high"
    return {
        "phase": number,
        "title": f"Extract {mod.name}",
        "module": mod.name,
        "coupling": score,
        "risk": risk,
        "coupled_to": neighbours,
        "endpoints_to_route": list(mod.endpoints),
        "jobs_to_move": list(mod.jobs),
        "seams": {
            "shared_tables": sorted(
                set(touch.shared_writes) | set(touch.read_by_others) | set(touch.foreign)
            ),
            "foreign_keys_across_cut": fks,
            "calls": sorted(set(mod.calls) | {m.name for m in mono.modules if mod.name in m.calls}),
        },
        "data": _data_moves(mod, own, touch, fks),
        "rollback": _rollback(mono, own, touch.owned),
    }


@dataclass(frozen=True)
class _Touch:
    """The tables a module touches, by who else touches them: those it owns, those of
    them others also write or read, and those it touches that others own."""

    owned: list[str]
    shared_writes: list[str]
    read_by_others: list[str]
    foreign: list[str]


def _touch(mod: Module, own: Ownership) -> _Touch:
    """Sort the module's tables by ownership (each list sorted, for a stable plan)."""
    owned = sorted(t for t, o in own.owner.items() if o == mod.name)
    return _Touch(
        owned=owned,
        shared_writes=sorted(t for t in owned if len(own.writers.get(t, [])) > 1),
        read_by_others=sorted(
            t for t in owned if any(r != mod.name for r in own.readers.get(t, []))
        ),
        foreign=sorted(t for t in set(mod.reads) | set(mod.writes) if own.owner[t] != mod.name),
    )


def _cut_foreign_keys(
    mod: Module, mono: Monolith, own: Ownership, extracted: list[str]
) -> list[str]:
    """Foreign keys with one side owned by the module and the other by a module still in
    the monolith (an earlier phase already cut those to extracted modules)."""
    fks: list[str] = []
    for fk in mono.foreign_keys:
        sides = [own.owner.get(t) for t in fk.tables]
        if (sides[0] == mod.name) == (sides[1] == mod.name):
            continue
        other = sides[1] if sides[0] == mod.name else sides[0]
        if other not in extracted:  # an earlier phase already cut it
            fks.append(f"{fk.source} -> {fk.target}")
    return fks


def _data_moves(mod: Module, own: Ownership, touch: _Touch, fks: list[str]) -> list[str]:
    """What happens to each table and foreign key at the cut, in words."""
    data: list[str] = []
    if touch.owned:
        data.append(
            f"move {', '.join(touch.owned)} into the new service's own database; "
            f"the monolith stops touching them at the end of the phase"
        )
    for t in touch.read_by_others:
        others = [r for r in own.readers[t] if r != mod.name]
        data.append(
            f"{t} is read by {', '.join(others)}: serve it through the new service's "
            "API, or a read-only view/CDC replica in the monolith during the transition"
        )
    for t in touch.shared_writes:
        others = [w for w in own.writers[t] if w != mod.name]
        data.append(
            f"{t} is also written by {', '.join(others)}: dual writes through an "
            "outbox until ownership moves to one writer; reconcile nightly"
        )
    for t in touch.foreign:
        data.append(
            f"reads/writes {t} owned by {own.owner[t]}: call its API (or read a CDC copy)"
            " instead of the table"
        )
    for cut in fks:
        data.append(
            f"foreign key {cut} crosses the cut: drop it, keep the id, check it in the "
            "application and with a reconciliation job"
        )
    return data


def _rollback(mono: Monolith, own: Ownership, owned: list[str]) -> str:
    """How to undo the phase: the facade route back, and CDC back into the monolith's
    database when written tables moved."""
    if owned and any(own.writers.get(t) for t in owned):
        return (
            "switch the facade route back to the monolith; CDC from the new database back "
            f"into {mono.database} keeps the monolith's copy of {', '.join(owned)} current "
            "until sign-off"
        )
    return "switch the facade route back to the monolith (no data moved ownership)"


def monolith_from_architectures(current: Architecture, target: Architecture) -> Monolith:
    """A monolith description from a current and a target model: the target's services
    are the modules; the tables each touches are the entities of the datastores it calls."""
    datastores = {c.id: c for c in target.components if c.kind in STATEFUL_KINDS}
    entity_tables = {c.id: [e.name for e in c.entities] or [c.id] for c in datastores.values()}
    services = [
        c for c in target.components if c.kind in (Kind.SERVICE, Kind.WORKER, Kind.FUNCTION)
    ]
    ids = {c.id for c in services}
    modules = []
    for svc in sorted(services, key=lambda c: c.id):
        writes: list[str] = []
        calls: list[str] = []
        for conn in target.connections:
            if conn.source != svc.id:
                continue
            if conn.target in entity_tables:
                writes.extend(entity_tables[conn.target])
            elif conn.target in ids:
                calls.append(conn.target)
        modules.append(
            Module(
                name=svc.id,
                endpoints=[f"{e.method} {e.path}" for e in svc.endpoints],
                writes=sorted(set(writes)),
                calls=sorted(set(calls)),
            )
        )
    fks = []
    for comp in current.components:
        for ent in comp.entities:
            for col in ent.columns:
                if col.references:
                    fks.append(
                        ForeignKey.model_validate(
                            {"from": f"{ent.name}.{col.name}", "to": col.references}
                        )
                    )
    db = next((c.label for c in current.components if c.kind is Kind.SQL_DB), "the database")
    return Monolith(name=current.name, database=db, modules=modules, foreign_keys=fks)


def monolith_from_import(arch: Architecture) -> Monolith | None:
    """The monolith `import repo` read from code: the unit whose `properties.modules` lists
    two or more modules (each with the tables its ORM models own and the modules its code
    imports), and the foreign keys of its datastore's entities. None when there is none."""
    unit = next((c for c in arch.components if len(c.properties.get("modules") or []) >= 2), None)
    if unit is None:
        return None
    modules = [
        Module(
            name=str(m["name"]),
            writes=[str(t) for t in m.get("tables") or []],
            calls=[str(c) for c in m.get("calls") or []],
        )
        for m in unit.properties["modules"]
    ]
    store_id = unit.properties.get("datastore")
    stores = [c for c in arch.components if c.id == store_id]
    fks = [
        ForeignKey.model_validate({"from": f"{ent.name}.{col.name}", "to": col.references})
        for store in stores
        for ent in store.entities
        for col in ent.columns
        if col.references
    ]
    database = stores[0].label if stores else "the database"
    return Monolith(name=unit.id, database=database, modules=modules, foreign_keys=fks)


def load_monolith(path: str) -> Monolith:
    """A monolith description file, or a FileProblem naming the line of each problem."""
    from pathlib import Path

    from pydantic import ValidationError

    from archwright.archfile import FileProblem, parse_document, read_text
    from archwright.archfile.safe_yaml import line_of
    from archwright.model import Problem, from_validation_error

    p = Path(path)
    text = read_text(p)
    is_json = p.suffix.lower() == ".json"
    data = parse_document(text, str(p), json_format=is_json)
    if not isinstance(data, dict):
        raise FileProblem(str(p), [(1, Problem("", "expected a mapping with name and modules"))])
    try:
        return Monolith.model_validate(data)
    except ValidationError as err:
        problems = from_validation_error(err)
        lines: list[tuple[int | None, Problem]] = []
        for prob in problems:
            keys: list[str | int] = [
                int(k) if k.isdigit() else k for k in prob.path.split(".") if k
            ]
            lines.append((None if is_json else line_of(text, keys), prob))
        raise FileProblem(str(p), lines) from None


def is_monolith_file(path: str) -> bool:
    """True when the file has `modules` at the top (a description, not an architecture)."""
    from pathlib import Path

    from archwright.archfile import parse_document, read_text

    p = Path(path)
    data = parse_document(read_text(p), str(p), json_format=p.suffix.lower() == ".json")
    return isinstance(data, dict) and "modules" in data
