"""What the system must do and under which constraints (SPEC §1 and the requirements file of §4).

Every key is optional: a design starts from whatever the person knows. Unknown keys are
kept (not dropped) so that a requirements file round-trips and the design engine can
report what it did not understand.
"""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from archwright.model.defaults import empty_list
from archwright.model.enums import Cloud, Compliance, Delivery, Filtering, LatencyTo, Ordering
from archwright.model.units import (
    Count,
    Days,
    Gigabytes,
    Growth,
    Kilobytes,
    Milliseconds,
    Minutes,
    Money,
    Percent,
    Ratio,
    TeamSize,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Scale(_Strict):
    dau: Count | None = Field(None, description="Daily active users.")
    mau: Count | None = Field(None, description="Monthly active users.")
    peak_rps: Count | None = Field(None, description="Peak requests per second at the edge.")
    avg_rps: Count | None = Field(None, description="Average requests per second.")
    read_write_ratio: Ratio | None = Field(None, description="Reads per write.")
    concurrent: Count | None = Field(None, description="Concurrent connections or sessions.")
    events_per_second: Count | None = Field(None, description="Events or writes per second.")
    data_gb: Gigabytes | None = Field(None, description="Data held today, in GB.")
    growth_per_year: Growth | None = Field(
        None, description="Yearly growth factor of data and load (2.0 = doubles)."
    )
    payload_kb: Kilobytes | None = Field(None, description="Typical request payload, in KB.")
    devices: Count | None = Field(
        None, description="Connected devices (sensors, vehicles, terminals): not users, not staff."
    )
    watch_hours_per_user_day: float | None = Field(
        None,
        ge=0,
        le=24,
        allow_inf_nan=False,
        description="Hours of media each daily user streams: drives egress, not requests.",
    )
    retention_days: Days | None = Field(None, description="How long data is kept, in days.")


class Slo(_Strict):
    availability: Percent | None = Field(None, description="Availability target in percent.")
    p99_latency_ms: Milliseconds | None = Field(None, description="P99 latency target.")
    latency_to: LatencyTo | None = Field(
        None,
        description="What P99 targets measure on journeys that call a generating model: "
        "response (default) or first_token (a streaming UI). A journey may say otherwise.",
    )
    rpo_minutes: Minutes | None = Field(None, description="Recovery point objective.")
    rto_minutes: Minutes | None = Field(None, description="Recovery time objective.")


class Team(_Strict):
    size: TeamSize | None = None
    experience: list[str] = Field(
        default_factory=empty_list, description="Technologies the team knows."
    )
    existing_stack: list[str] = Field(default_factory=empty_list, description="What already runs.")


class Budget(_Strict):
    monthly_usd: Money | None = None


class Constraints(_Strict):
    cloud: Cloud | None = None
    managed_preferred: bool | None = None
    no_lock_in: bool | None = None
    regions: list[str] = Field(default_factory=empty_list)
    within_cloud: bool | None = Field(
        None,
        description="Data and prompts stay inside the stated cloud: a model role uses the "
        "cloud's own model service (Bedrock, Vertex AI, Azure OpenAI), not a third-party API.",
    )
    data_residency: list[str] = Field(
        default_factory=empty_list,
        description="Jurisdictions personal data must stay in (e.g. EU).",
    )
    requested: list[str] = Field(
        default_factory=empty_list,
        description="Technologies asked for by name (catalog names): a role they fit uses them.",
    )


class Needs(_Strict):
    ordering: Ordering | None = None
    delivery: Delivery | None = None
    filtering: Filtering | None = Field(
        None,
        description="Vector searches carry metadata filters: `metadata` (broad) or "
        "`selective` (they keep a small share of the items).",
    )
    consistency: str | None = Field(None, description="strong, eventual, read-your-writes...")


_COMPLIANCE_ALIASES = {
    "gdpr": Compliance.GDPR,
    "hipaa": Compliance.HIPAA,
    "pci": Compliance.PCI_DSS,
    "pcidss": Compliance.PCI_DSS,
    "soc2": Compliance.SOC2,
}


class Requirements(BaseModel):
    """The requirements of SPEC §4. Extra keys are kept so nothing a person wrote is lost."""

    model_config = ConfigDict(extra="allow")

    description: str | None = None
    features: list[str] = Field(default_factory=empty_list)
    scale: Scale = Field(default_factory=Scale)
    slo: Slo = Field(default_factory=Slo)
    team: Team = Field(default_factory=Team)
    budget: Budget = Field(default_factory=Budget)
    compliance: list[Compliance] = Field(default_factory=empty_list)
    constraints: Constraints = Field(default_factory=Constraints)
    needs: Needs = Field(default_factory=Needs)

    @field_validator("compliance", mode="before")
    @classmethod
    def _normalise_compliance(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        out: list[Any] = []
        for item in value:
            if isinstance(item, str):
                key = "".join(ch for ch in item.lower() if ch.isalnum())
                out.append(_COMPLIANCE_ALIASES.get(key, item))
            else:
                out.append(item)
        return out
