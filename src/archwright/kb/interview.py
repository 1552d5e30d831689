"""Interview practice data: a few challenges of our own (used beside, or until, the
reference spec library) and the study topic for each gap a grader can find."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from archwright.kb.compiled import read_folder
from archwright.model import Architecture, Kind, Requirements
from archwright.model.defaults import empty_dict, empty_list


class Challenge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    prompt: str = Field(min_length=1, description="The question as an interviewer asks it.")
    requirements: Requirements
    reference: Architecture
    notes: list[str] = Field(default_factory=empty_list, description="What makes it hard.")


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid")

    study: str = Field(min_length=1)
    why: str = Field(min_length=1)


class Grading(BaseModel):
    model_config = ConfigDict(extra="forbid")

    weights: dict[str, float] = Field(description="Points per part: components, audit, capacity.")


class InterviewKB(BaseModel):
    model_config = ConfigDict(extra="forbid")

    challenges: list[Challenge]
    kinds: dict[Kind, Topic] = Field(description="Study topic when a kind is missing.")
    categories: dict[str, Topic] = Field(description="Study topic per audit category.")
    capacity: Topic
    grading: Grading
    roles: dict[str, list[Kind]] = Field(
        default_factory=empty_dict, description="Kinds that stand in for each other (half credit)."
    )

    def stand_ins(self, kind: Kind) -> list[Kind]:
        return sorted({k for ks in self.roles.values() if kind in ks for k in ks} - {kind})


@cache
def load_interview() -> InterviewKB:
    merged: dict[str, Any] = {"challenges": []}
    for _name, data in read_folder("interview"):
        raw = data or {}
        merged["challenges"].extend(raw.pop("challenges", []) or [])
        merged.update(raw)
    return InterviewKB.model_validate(merged)
