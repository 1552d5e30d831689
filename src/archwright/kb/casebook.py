"""The decision casebook: situations with the answer a strong senior engineer would give.

Each case is a requirements file (prose description included), the decision asked for,
the answer, the answers that are also acceptable, the answers that are wrong (and why),
and the public source the judgement rests on. Cases are data in `kb/cases/`, one file per
family; they calibrate the one technology scorer (kb/scoring.py) and the trade-off
patterns, and `tests/advise/test_casebook.py` runs every case through `select`,
`tradeoff` and `design` and reports the score per family.

A case decides either a technology for a role (`role` names the kinds, as `archwright
select` takes them) or a pattern of a trade-off family (`pattern_family`): exactly one.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.kb.patterns import read_data_folder
from archwright.model import Requirements

FAMILIES = (
    "messaging",
    "relational",
    "nosql",
    "search",
    "cache",
    "compute",
    "tenancy",
    "architecture-style",
    "multi-region",
    "realtime",
    "llm-serving",
    "vector",
    "ml-platform",
)
"""The decision families the casebook covers (the score is reported per family)."""

Scale = Literal["small", "medium", "huge"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Wrong(_Strict):
    """An answer a reviewer would send back, with the reason."""

    answer: str = Field(min_length=1)
    why: str = Field(min_length=10)


class Source(_Strict):
    """The public material the judgement rests on."""

    url: str = Field(pattern=r"^https://[^\s]+$")
    title: str = Field(min_length=3)


class Case(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    family: str
    scale: Scale
    question: str = Field(min_length=10)
    role: str | None = Field(None, description="Kinds as `select` takes them (technology).")
    pattern_family: str | None = Field(None, description="Trade-off family (pattern).")
    speaks: str | None = Field(None, description="Protocol the clients need (select --speaks).")
    requirements: Requirements
    answer: str
    acceptable: tuple[str, ...] = ()
    wrong: tuple[Wrong, ...] = Field(min_length=1)
    why: str = Field(min_length=20, description="The senior engineer's reasoning.")
    source: Source

    @model_validator(mode="after")
    def _one_decision(self) -> Case:
        if (self.role is None) == (self.pattern_family is None):
            raise ValueError(f"case {self.id}: give exactly one of role and pattern_family")
        if self.family not in FAMILIES:
            raise ValueError(f"case {self.id}: unknown family {self.family!r}")
        if not self.requirements.description:
            raise ValueError(f"case {self.id}: the requirements need a prose description")
        right = {self.answer, *self.acceptable}
        clash = right & {w.answer for w in self.wrong}
        if clash:
            raise ValueError(f"case {self.id}: {sorted(clash)} both right and wrong")
        return self

    @property
    def right(self) -> tuple[str, ...]:
        """The answer and the acceptable alternatives."""
        return (self.answer, *self.acceptable)

    @property
    def options(self) -> list[str]:
        """Every answer the case names, right ones first (a trade-off compares them)."""
        return list(dict.fromkeys([*self.right, *(w.answer for w in self.wrong)]))


class CaseFile(_Strict):
    cases: tuple[Case, ...] = Field(min_length=1)


@cache
def load_cases() -> tuple[Case, ...]:
    """Every case shipped in the package, in file then listed order."""
    out: list[Case] = []
    for name, raw in read_data_folder("cases"):
        try:
            out.extend(CaseFile.model_validate(raw).cases)
        except ValueError as exc:
            raise ValueError(f"kb/cases/{name}: {exc}") from None
    return tuple(out)
