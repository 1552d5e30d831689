"""The routing rules of `ask` (intents.yaml), loaded and checked once.

Rules are data so that a new phrasing is a line of YAML with a test case beside it, not
a code change; the model here only refuses a malformed file at load time.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from archwright.model.defaults import empty_dict, empty_list
from archwright.package_data import parsed_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IntentRule(_Strict):
    summary: str = Field(min_length=1)
    command: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    cues: dict[str, float] = Field(min_length=1)
    fills: list[str] = Field(default_factory=empty_list)
    needs: list[str] = Field(default_factory=empty_list)
    ignore: list[str] = Field(default_factory=empty_list)
    slot_bonus: dict[str, float] = Field(default_factory=empty_dict)
    debate: list[str] = Field(
        default_factory=empty_list, description="Trade-off options the pushback of an edit re-runs."
    )


class Rules(_Strict):
    min_score: float = Field(gt=0)
    margin: float = Field(ge=0)
    intents: dict[str, IntentRule]
    kind_words: dict[str, list[str]]
    select_kinds: dict[str, str]
    factor_words: dict[str, float]
    clouds: list[str]
    increment_words: list[str]
    decrement_words: list[str] = Field(
        description="Words with which a replica edit takes away instead of adding."
    )
    backoff_words: dict[str, str] = Field(
        description="Words that ask for a backoff, to the model's Backoff value."
    )
    old_after: list[str] = Field(
        description="Words after which the technology named is the one being replaced "
        "('use kafka instead of sqs'); otherwise the first named is the old one."
    )
    drop_journey_words: list[str] = Field(
        description="Words with which a removal may drop the journeys it breaks."
    )


@cache
def load_rules() -> Rules:
    """intents.yaml, validated (a malformed rule file fails here, at first use)."""
    return Rules.model_validate(parsed_yaml("archwright.advise.ask", "intents.yaml"))
