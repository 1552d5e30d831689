"""What a source tree's code says about its data: brokers behind task queues, ORM models.

Celery, Sidekiq or BullMQ put jobs on Redis or RabbitMQ: that store is a broker (kind
queue), whatever its image says, so it becomes its own component and the unit's call to
it is a call to a queue. ORM models become the entities of the unit's SQL datastore, and
the unit's `properties.modules` (module → tables, in-process calls) is what `migrate`
reads to plan the extraction with no hand-written monolith file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._orm import ModelSet, OrmModel
from archwright.importers._techmap import data_file
from archwright.importers.importer import Evidence
from archwright.kb.catalog import load_catalog
from archwright.model import Component, Kind, Protocol
from archwright.model.confidence import Confidence

_BROKER_KEY = re.compile(r"broker|celery|sidekiq|bull|queue", re.IGNORECASE)
_CACHE_KEY = re.compile(r"cache|session", re.IGNORECASE)
_QUEUE_KINDS = frozenset({Kind.QUEUE, Kind.STREAM})


@dataclass
class Found:
    """Collected while the files are read; applied once every file has been seen."""

    task_queues: dict[str, list[tuple[str, dict[str, Any], str, str]]] = field(
        default_factory=dict
    )  # unit -> (library, its libmap entry, file, key)
    models: dict[str, list[OrmModel]] = field(default_factory=dict)
    imports: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # unit -> pkg -> names


def tech_component(builder: Builder, key: str) -> str:
    """The component standing for a technology (`postgresql`), created on first use."""
    entry = data_file("libmap.yaml")["technologies"][key]
    if key not in builder.components:
        found = load_catalog().find(str(entry["technology"]))
        deployed = sorted(  # the one service of a repo's compose file running it
            c.id
            for c in builder.components.values()
            if found is not None and c.technology == found.name and c.kind is found.kind
        )
        if len(deployed) == 1:
            return deployed[0]
        builder.add_component(
            Component(
                id=key,
                kind=found.kind if found else Kind(entry["kind"]),
                technology=found.name if found else None,
                properties={"inferred_from": "client library"},
            ),
            protocol=Protocol(entry["protocol"]),
        )
    return key


def broker_component(builder: Builder, key: str) -> str:
    """The broker on technology `key`: the technology itself when it is a queue already,
    else its own `<tech>-broker` component of kind queue (a Celery Redis is not a cache)."""
    entry = data_file("libmap.yaml")["technologies"][key]
    if Kind(entry["kind"]) in _QUEUE_KINDS:
        return tech_component(builder, key)
    cid = f"{key}-broker"
    if cid not in builder.components:
        found = load_catalog().find(str(entry["technology"]))
        builder.add_component(
            Component(
                id=cid,
                kind=Kind.QUEUE,
                technology=found.name if found else None,
                properties={"inferred_from": "task-queue library", "role": "broker"},
            ),
            protocol=Protocol(entry["protocol"]),
        )
    return cid


def is_broker_address(found: Found, uid: str, tech: str, key: str) -> bool:
    """An address under a broker key, or any non-cache Redis address of a unit whose
    task library uses Redis for nothing else (Sidekiq, BullMQ, RQ)."""
    if _BROKER_KEY.search(key):
        return True
    queues = found.task_queues.get(uid, [])
    redis_only = any(spec.get("redis_only") for _, spec, _, _ in queues)
    return tech == "redis" and redis_only and not _CACHE_KEY.search(key)


def attach_brokers(builder: Builder, found: Found) -> None:
    """A unit with a task library and no broker address gets its default broker (likely);
    a Redis seen only as a library of a Redis-brokered unit is that broker, not a cache."""
    for uid, queues in sorted(found.task_queues.items()):
        brokers = [t for (s, t) in builder.edges if s == uid and _is_broker(builder, t)]
        if not brokers:
            library, spec, file, key = queues[0]
            target = broker_component(builder, str(spec["broker"]))
            evidence = Evidence(uid, target, file, key, f"{library} (default broker)")
            builder.add_edge(
                uid, target, evidence, None, 0, confidence=Confidence.LIKELY, mode="async"
            )
            brokers = [target]
        edge = builder.edges.get((uid, "redis"))
        if (
            "redis-broker" in brokers
            and edge is not None
            and edge.confidence is not (Confidence.CONFIRMED)
        ):
            del builder.edges[(uid, "redis")]
    used = {t for (_, t) in builder.edges}
    redis = builder.components.get("redis")
    if redis is not None and "redis" not in used and "inferred_from" in redis.properties:
        del builder.components["redis"]


def _is_broker(builder: Builder, cid: str) -> bool:
    comp = builder.components.get(cid)
    return comp is not None and comp.kind in _QUEUE_KINDS


def attach_models(builder: Builder, found: Found) -> None:
    """Entities on each unit's SQL datastore; modules and their calls on the unit."""
    for uid, models in sorted(found.models.items()):
        if not models:
            continue
        models_set = ModelSet(sorted(models, key=lambda m: (m.module, m.table)))
        store = _datastore(builder, uid, models_set)
        comp = builder.components[store]
        builder.components[store] = comp.model_copy(
            update={"entities": [*comp.entities, *models_set.entities()]}
        )
        modules = models_set.modules()
        names = {str(m["name"]) for m in modules}
        imports = found.imports.get(uid, {})
        for module in modules:
            own = str(module["name"])
            module["calls"] = sorted((imports.get(own, set()) & names) - {own})
        unit = builder.components[uid]
        props = {**unit.properties, "modules": modules, "datastore": store}
        builder.components[uid] = unit.model_copy(update={"properties": props})


def _datastore(builder: Builder, uid: str, models: ModelSet) -> str:
    """The SQL store the unit calls (confirmed first); created when none is named."""
    stores = sorted(
        (e.confidence is not Confidence.CONFIRMED, t)
        for (s, t), e in builder.edges.items()
        if s == uid and t in builder.components and builder.components[t].kind is Kind.SQL_DB
    )
    if stores:
        return stores[0][1]
    cid = f"{uid}-db"
    builder.add_component(
        Component(id=cid, kind=Kind.SQL_DB, properties={"inferred_from": "ORM models"}),
        protocol=Protocol.SQL,
    )
    first = models.models[0]
    evidence = Evidence(uid, cid, first.file, f"{first.framework} models", first.name)
    builder.add_edge(uid, cid, evidence, Protocol.SQL, 0, confidence=Confidence.LIKELY)
    return cid
