"""Trade-off knowledge as data: dimensions, named design options with scored reasons,
context rules that reweight or adjust those scores, and sensitivity probes.

Why data: a score without a reason is an opinion, and an opinion buried in code cannot be
reviewed. Every number here sits beside the sentence that justifies it, and the
integrity test (tests/advise/test_advise_kb.py) checks that every option scores every
dimension of its family and every rule names things that exist.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from archwright.kb.compiled import read_folder
from archwright.model.defaults import empty_dict, empty_list

Op = Literal["lt", "le", "gt", "ge", "eq", "ne", "contains", "in", "set", "unset"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Dimension(_Strict):
    """One axis of comparison. Every score is 1..5 where 5 is better on that axis."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(min_length=1)
    aliases: list[str] = Field(
        default_factory=empty_list, description="Other names people ask for it by (data_isolation)."
    )
    description: str = Field(min_length=1)


class Score(_Strict):
    score: int = Field(ge=1, le=5)
    reason: str = Field(min_length=1)


class Option(_Strict):
    """A named design option (a pattern), scored on its family's dimensions."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    family: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=empty_list)
    summary: str = Field(min_length=1)
    scores: dict[str, Score]
    irreversible: list[str] = Field(min_length=1, description="What is costly to undo.")
    considerations: list[str] = Field(
        default_factory=empty_list, description="What a whiteboard session tends to forget."
    )

    @field_validator("scores", mode="before")
    @classmethod
    def _pairs(cls, value: Any) -> Any:
        """Scores are written as `dim: [score, reason]` to keep the files readable."""
        if isinstance(value, dict):
            return {
                k: {"score": v[0], "reason": v[1]} if isinstance(v, list) and len(v) == 2 else v
                for k, v in value.items()
            }
        return value


class Family(_Strict):
    """A classic decision and the dimensions it is judged on by default."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    dimensions: list[str] = Field(min_length=2)


class Condition(_Strict):
    fact: str = Field(min_length=1, description="Dotted context fact, e.g. team.size.")
    op: Op
    value: Any = None


class Adjustment(_Strict):
    option: str = Field(min_length=1, description="Option name, or * for every option.")
    dimension: str = Field(min_length=1)
    delta: int = Field(ge=-4, le=4)


class Rule(_Strict):
    """When every condition holds: multiply dimension weights and/or adjust scores.

    `reason` may name facts as `{team.size}`; they are filled from the context so the cell
    says what in *this* context moved the score.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    families: list[str] = Field(
        default_factory=empty_list, description="Decisions it applies to; empty: every decision."
    )
    when: list[Condition] = Field(min_length=1)
    weights: dict[str, float] = Field(default_factory=empty_dict)
    adjust: list[Adjustment] = Field(default_factory=empty_list)
    reason: str = Field(min_length=1)


class Probe(_Strict):
    """A named assumption flipped for the sensitivity analysis."""

    fact: str = Field(min_length=1)
    set: Any = None
    multiply: float | None = None
    add: str | None = Field(None, description="Append to a list fact (e.g. compliance).")
    label: str = Field(min_length=1)


class FactDefault(_Strict):
    fact: str = Field(min_length=1)
    value: Any
    why: str = Field(min_length=1)


class TechnologyScoring(_Strict):
    """How catalog fields become 1..5 scores, and how `select` weighs the dimensions."""

    dimensions: list[str] = Field(min_length=2, description="Default trade-off dimensions.")
    levels: dict[str, int] = Field(description="ops_burden/learning_curve/lock_in level → score.")
    consistency: dict[str, int]
    cost_bands: list[tuple[float, int]] = Field(description="[monthly USD below, score]; else 1.")
    cost_top_ratio: float = Field(
        gt=1, description="Above the last band, within this many times the cheapest: 2."
    )
    latency_bands: list[tuple[float, int]] = Field(description="[p99 ms up to, score]; else 1.")
    units_bands: list[tuple[float, int]] = Field(description="[nodes needed up to, score]; else 1.")
    experience_bonus: int = Field(ge=0, le=4)
    managed_penalty: int = Field(
        ge=0,
        le=4,
        description="Operational points a self-run technology loses when managed is preferred.",
    )
    ha_nodes: int = Field(ge=1, description="Fewest nodes of a replicated, node-priced store.")
    ha_unit_words: list[str] = Field(description="Price units that are single nodes.")
    architecture_dimensions: list[str] = Field(min_length=2)
    architecture_bands: dict[str, list[tuple[float, int]]] = Field(
        description="Architecture files: measured figure → score, per dimension."
    )
    select_weights: dict[str, float] = Field(description="The scorer's weight per dimension.")
    existing_stack_bonus: int = Field(ge=0, le=4)
    self_hosted_penalty: int = Field(ge=0, le=4)
    self_hosting_bonus: int = Field(ge=0, le=4)
    managed_scale_floor: int = Field(ge=1, le=5)
    platform_team: int = Field(ge=1, description="Team size from which running it is routine.")
    avoid_penalty: int = Field(ge=0, le=4)
    small_team: int = Field(5, ge=1, description="Team size up to which on-call is thin.")
    small_team_stateful_penalty: int = Field(1, ge=0, le=4)
    single_consumer_order: list[str] = Field(
        default_factory=empty_list,
        description="Technologies whose order holds per queue for one consumer only.",
    )
    single_consumer_order_score: int = Field(3, ge=1, le=5)
    post_filter_scores: dict[str, int] = Field(
        default_factory=lambda: {"metadata": 4, "selective": 2},
        description="Guarantees of a vector store that filters after its approximate "
        "search, per stated filtering need (needs.filtering).",
    )
    unstated_headroom: float = Field(
        10.0, gt=1, le=1000, description="Growth assumed for the ceiling when none is stated."
    )
    horizon_years: float = Field(
        2.0, gt=0, le=10, description="Years of stated growth the ceiling looks ahead."
    )
    frameworks: list[str] = Field(
        default_factory=empty_list, description="Web frameworks filed as services (role_fit 3)."
    )
    scale_out: list[str] = Field(
        default_factory=empty_list, description="Grow by adding nodes to a partitioned cluster."
    )
    scale_out_floor: int = Field(3, ge=1, le=5)
    manual_shards: list[str] = Field(
        default_factory=empty_list,
        description="Managed stores the application itself shards past one instance.",
    )
    multi_region_writes: list[str] = Field(
        default_factory=empty_list, description="Stores that accept writes in every region."
    )
    origin_fed: list[str] = Field(
        default_factory=empty_list, description="Kinds that fetch from the design's origins."
    )
    tie_break: list[str] = Field(
        default_factory=empty_list, description="Dimensions that break equal scores, in order."
    )
    role_fit: dict[str, list[str]] = Field(
        default_factory=empty_dict, description="Natural kind → technologies that usually fill it."
    )
    role_misfit: dict[str, dict[str, str]] = Field(
        default_factory=empty_dict,
        description="Natural kind → technologies of that kind that cannot fill the role, why.",
    )
    job_misfit: dict[str, dict[str, str]] = Field(
        default_factory=empty_dict,
        description="Specialised job → technologies that cannot do it, why.",
    )


class TradeoffKB(_Strict):
    technology: TechnologyScoring
    dimensions: list[Dimension]
    families: list[Family]
    options: list[Option]
    rules: list[Rule]
    probes: list[Probe]
    defaults: list[FactDefault]

    def dimension(self, dim_id: str) -> Dimension | None:
        """By id or alias (`data_isolation` is `isolation`)."""
        key = dim_id.lower().strip()
        return next((d for d in self.dimensions if key == d.id or key in d.aliases), None)

    def family(self, family_id: str) -> Family | None:
        return next((f for f in self.families if f.id == family_id), None)

    def find_option(self, name: str) -> Option | None:
        """By name or alias, case-insensitive."""
        key = name.lower().strip()
        for opt in self.options:
            if key == opt.name or key in opt.aliases:
                return opt
        return None


@cache
def load_tradeoffs() -> TradeoffKB:
    """Every file under kb/tradeoffs/, merged (once per process)."""
    merged: dict[str, list[Any]] = {
        "dimensions": [],
        "families": [],
        "options": [],
        "rules": [],
        "probes": [],
        "defaults": [],
    }
    technology: Any = None
    for name, data in read_folder("tradeoffs"):
        raw = data or {}
        for key, items in raw.items():
            if key == "technology":
                technology = items
                continue
            if key not in merged:
                raise ValueError(f"{name}: unknown section {key!r}")
            merged[key].extend(items or [])
    return TradeoffKB.model_validate({**merged, "technology": technology})
