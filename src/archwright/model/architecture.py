"""The architecture: the single source of truth every capability reads and writes."""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from archwright.model.component import Component, Suppression
from archwright.model.connection import Connection
from archwright.model.defaults import empty_dict, empty_list
from archwright.model.enums import BoundaryType, DecisionStatus, LatencyTo
from archwright.model.requirements import Requirements, Slo
from archwright.model.unchanged import derived
from archwright.model.units import Fraction, Milliseconds, Percent

SCHEMA_VERSION = "1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Boundary(_Strict):
    """A trust zone, network, region or availability zone grouping components."""

    id: str = Field(min_length=1)
    name: str = ""
    type: BoundaryType = BoundaryType.TRUST_ZONE
    members: list[str] = Field(default_factory=empty_list, description="Component ids inside.")
    parent: str | None = Field(None, description="Id of the enclosing boundary.")


class Journey(_Strict):
    """A named user flow: an ordered path through components with a share of traffic."""

    name: str = Field(min_length=1)
    steps: list[str] = Field(min_length=1, description="Component ids in call order.")
    share: Fraction = Field(1.0, description="Share of external traffic following it.")
    critical: bool = True
    p99_target_ms: Milliseconds | None = None
    availability_target: Percent | None = Field(
        None,
        description="The availability this journey is held to, when not slo.availability: "
        "a journey only one provider's CDN serves cannot be promised above that CDN's SLA.",
    )
    latency_to: LatencyTo | None = Field(
        None,
        description="What the P99 target measures: the full response, or (first_token) a "
        "streaming UI's time to the model's first token. Default: slo.latency_to, else "
        "response.",
    )

    def measured_to(self, slo: Slo) -> LatencyTo:
        """Where this journey's latency ends: its own statement, else the SLO's, else the
        whole response."""
        return self.latency_to or slo.latency_to or LatencyTo.RESPONSE

    description: str | None = None


class Alternative(_Strict):
    name: str = Field(min_length=1)
    reason: str = Field("", description="Why it was not chosen.")


class Decision(_Strict):
    """An architecture decision record (MADR-shaped)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    status: DecisionStatus = DecisionStatus.ACCEPTED
    context: str = ""
    drivers: list[str] = Field(default_factory=empty_list)
    chosen: str = Field("", description="The option taken.")
    rationale: str = ""
    alternatives: list[Alternative] = Field(default_factory=empty_list)
    consequences: list[str] = Field(default_factory=empty_list)
    revisit_if: list[str] = Field(default_factory=empty_list, description="What would change it.")
    targets: list[str] = Field(default_factory=empty_list, description="Component ids it concerns.")


class Architecture(_Strict):
    schema_version: str = SCHEMA_VERSION
    name: str = Field(min_length=1)
    summary: str = ""
    requirements: Requirements = Field(default_factory=Requirements)
    components: list[Component] = Field(default_factory=empty_list)
    connections: list[Connection] = Field(default_factory=empty_list)
    boundaries: list[Boundary] = Field(default_factory=empty_list)
    journeys: list[Journey] = Field(default_factory=empty_list)
    decisions: list[Decision] = Field(default_factory=empty_list)
    suppressions: list[Suppression] = Field(default_factory=empty_list)
    properties: dict[str, Any] = Field(default_factory=empty_dict)

    def component(self, component_id: str) -> Component:
        """The component with this id; KeyError names it when absent."""
        for comp in self.components:
            if comp.id == component_id:
                return comp
        raise KeyError(f"no component {component_id!r}")

    def components_by_id(self) -> dict[str, Component]:
        """Components by id (built once while an analysis holds the model `unchanged`)."""
        return dict(derived(self, "components_by_id", lambda: {c.id: c for c in self.components}))
