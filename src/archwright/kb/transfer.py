"""Data transfer prices per cloud, and the usage figures transfer is estimated from.

Moving bytes is priced apart from the components that move them: to the internet by
tiers per GB a month, between availability zones per GB crossing. The figures are data
(`transfer.yaml`, each with its public source and snapshot date); the cost engine reads
them here, as it reads technology prices from the catalog.
"""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from archwright.kb.catalog import Tier, ascending_tiers
from archwright.kb.compiled import read_file
from archwright.model.defaults import empty_list


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


_DATE = r"^\d{4}-\d{2}(-\d{2})?$"


class _Sourced(_Frozen):
    """A price row: the page it comes from, when it was last checked, and where else it
    was confirmed when the provider's page could not be read."""

    source: str = Field(pattern=r"^https://")
    as_of: str = Field(pattern=_DATE, description="When the figure was last checked.")
    confirmed_by: list[str] = Field(
        default_factory=empty_list,
        description="Public pages (URLs) that state the same figure, read on `as_of`.",
    )


class Egress(_Sourced):
    tiers: list[Tier]

    @field_validator("tiers")
    @classmethod
    def _tiers(cls, value: list[Tier]) -> list[Tier]:
        return ascending_tiers(value)


class InterZone(_Sourced):
    usd_per_gb: float = Field(ge=0, description="USD per GB that crosses zones (both ends).")
    note: str = ""


class Nat(_Sourced):
    """A managed NAT gateway: workloads in private subnets reach the internet, third-party
    APIs and the provider's public endpoints through it, billed per gateway-hour plus per
    GB it processes (both directions)."""

    usd_per_hour: float = Field(
        ge=0, description="One gateway, per hour (the cap, where billed per VM)."
    )
    usd_per_gb: float = Field(ge=0, description="Per GB processed, both directions.")
    per_zone: bool = Field(
        description="One gateway per zone of the private subnets (else one per region)."
    )
    usd_per_vm_hour: float | None = Field(
        None,
        ge=0,
        description="Where the hour is billed per VM using the gateway, up to usd_per_hour.",
    )
    note: str = ""


class CloudTransfer(_Frozen):
    internet_egress: Egress
    inter_zone: InterZone
    nat: Nat


class Range(_Frozen):
    low: float = Field(gt=0)
    point: float = Field(gt=0)
    high: float = Field(gt=0)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if not self.low <= self.point <= self.high:
            raise ValueError("a range must hold low <= point <= high")
        return self


class Usage(_Frozen):
    payload_kb: Range
    video_gb_per_hour: Range
    audio_gb_per_hour: Range
    call_mbps: Range
    dns_queries_per_request: Range
    watch_hours_per_user_day: float = Field(gt=0, le=24)


class TransferData(_Frozen):
    snapshot_date: str = Field(pattern=_DATE)
    clouds: dict[str, CloudTransfer]
    usage: Usage


@cache
def load_transfer() -> TransferData:
    """The shipped transfer prices and usage figures (read once per process), from the
    kb's compiled cache as the other kb files are: PyYAML's pure-Python parser on this
    9 KB file was 0.08 G instructions, two thirds of auditing Online Boutique (issue 16)."""
    return TransferData.model_validate(read_file("transfer.yaml"))


@dataclass(frozen=True)
class Volume:
    """GB a component moves in a month: to users (a range where usage is assumed) and
    across zones of its region."""

    out_gb: float = 0.0
    out_low_gb: float = 0.0
    out_high_gb: float = 0.0
    inter_zone_gb: float = 0.0
    cdn: bool = False  # delivered by a CDN (its own tiers), else internet egress
    how: str = ""  # the figures the volume was worked out from
    assumed: str = ""  # the usage figure behind its range: "video", "call" or "payload"
    # GB the whole account sends at the same tiers (this volume included), at the point
    # and at each end of the range: tiers count the account's total, not one sender's.
    pool_gb: float = 0.0
    pool_low_gb: float = 0.0
    pool_high_gb: float = 0.0

    @property
    def ranged(self) -> bool:
        return self.out_low_gb != self.out_high_gb
