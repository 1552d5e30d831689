"""A component: one box of the architecture, with what analyses need to reason about it.

Capacity fields left unset (`concurrency`, `service_time_ms`, `availability`,
`hit_ratio`) are filled from the technology catalog by the analyses, not here: the
model records what the person said, so a file round-trips without catalog values
leaking into it.
"""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.model.defaults import empty_dict, empty_list
from archwright.model.enums import DataClass, Kind
from archwright.model.tokens import TokenUsage
from archwright.model.units import (
    Concurrency,
    Count,
    Days,
    Fraction,
    Gigabytes,
    Milliseconds,
    Minutes,
    ReadReplicas,
    Replicas,
    Seconds,
    Shards,
)

ID_DESCRIPTION = (
    "Stable identifier, unique in the architecture. Any text is accepted; exporters "
    "sanitize it for every target language and path."
)


ID_MAX_LENGTH = 200


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Backups(_Strict):
    enabled: bool = True
    interval_minutes: Minutes | None = Field(
        None, description="Time between backups (or log shipping for point-in-time recovery)."
    )
    retention_days: Days | None = None
    point_in_time: bool = False
    cross_region: bool = False


class Observability(_Strict):
    metrics: bool = False
    logs: bool = False
    traces: bool = False
    health_check: str | None = Field(None, description="Health-check path or command.")


class Autoscaling(_Strict):
    min_replicas: Replicas = 1
    max_replicas: Annotated[Replicas, Field(ge=1)] = 1
    target_utilization: Fraction = 0.7

    @model_validator(mode="after")
    def _ordered(self) -> "Autoscaling":
        if self.max_replicas < self.min_replicas:
            raise ValueError("max_replicas is below min_replicas")
        return self


class Column(_Strict):
    """A column of an entity (for SQL DDL, Prisma and OpenAPI exports)."""

    name: str = Field(min_length=1)
    type: str = Field("text", description="Logical type: text, int, bigint, uuid, bool, ...")
    primary_key: bool = False
    nullable: bool = True
    unique: bool = False
    references: str | None = Field(None, description="'entity.field' this column points to.")
    data_class: DataClass | None = None


class Entity(_Strict):
    name: str = Field(min_length=1)
    columns: list[Column] = Field(default_factory=empty_list)


class Endpoint(_Strict):
    method: str = Field("GET", pattern=r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$")
    path: str = Field(min_length=1)
    summary: str | None = None
    auth: bool = True


class Suppression(_Strict):
    """An audit finding accepted on purpose. A reason is required: silence must be argued."""

    rule: str = Field(min_length=1, description="Rule code or dotted name.")
    targets: list[str] = Field(default_factory=empty_list, description="Ids; empty means all.")
    reason: str = Field(min_length=1)


class Component(_Strict):
    id: str = Field(min_length=1, max_length=ID_MAX_LENGTH, description=ID_DESCRIPTION)
    name: str = Field("", description="Display name; defaults to the id.")
    kind: Kind
    technology: str | None = Field(None, description="Catalog technology name.")
    instance_size: str | None = Field(
        None,
        description="Instance class among the catalog price's `sizes` (db.t4g.small); "
        "unset: the price's own unit. Scales capacity and price with sustained vCPUs.",
    )
    description: str | None = None
    replicas: Replicas = Field(1, description="Instances serving traffic.")
    read_replicas: ReadReplicas = Field(0, description="Datastores: extra read-only copies.")
    shards: Shards = Field(1, description="Datastores: partitions of the data.")
    concurrency: Concurrency | None = Field(
        None, description="Requests one replica serves at once."
    )
    service_time_ms: Milliseconds | None = Field(None, description="Mean own work per request.")
    availability: Fraction | None = Field(None, description="Availability of one replica.")
    hit_ratio: Fraction | None = Field(None, description="Caches: share of reads served.")
    ttl_seconds: Seconds | None = Field(None, description="Caches: entry lifetime.")
    share: Fraction | None = Field(
        None,
        description="Entry points: share of external traffic (unset: split equally). "
        "Pollers (internal, nothing calls them): work per external request.",
    )
    public: bool = Field(False, description="Reachable from the internet.")
    data_classes: list[DataClass] = Field(default_factory=empty_list)
    encryption_at_rest: bool = False
    backups: Backups | None = None
    retention_days: Days | None = Field(None, description="How long data is kept.")
    storage_gb: Gigabytes | None = None
    region: str | None = None
    zones: list[str] = Field(default_factory=empty_list, description="Availability zones it spans.")
    owner: str | None = None
    rate_limit_rps: Count | None = None
    autoscaling: Autoscaling | None = None
    tokens: TokenUsage | None = Field(
        None, description="LLMs: tokens per request, quotas, latency per token, GPUs."
    )
    observability: Observability = Field(default_factory=Observability)
    dead_letter: str | None = Field(
        None, description="Queues/streams: id of the dead-letter queue."
    )
    entities: list[Entity] = Field(default_factory=empty_list)
    endpoints: list[Endpoint] = Field(default_factory=empty_list)
    tags: list[str] = Field(default_factory=empty_list)
    properties: dict[str, Any] = Field(default_factory=empty_dict)
    suppress: list[Suppression] = Field(default_factory=empty_list)

    @property
    def label(self) -> str:
        """The name to show a person."""
        return self.name or self.id

    @property
    def data_sensitivity(self) -> DataClass | None:
        """Most sensitive class of data held, or None."""
        order = list(DataClass)
        return max(self.data_classes, key=order.index) if self.data_classes else None
