"""Request bodies: typed, bounded, and documented in the OpenAPI schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from archwright.model.defaults import empty_list

MAX_MODEL = 2_000_000
MAX_NAME = 200
MAX_LIST = 200


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelText(_Body):
    """An architecture as YAML (or JSON) text, exactly as `archwright.yaml` holds it."""

    yaml: str = Field(max_length=MAX_MODEL, description="The architecture file's text.")


class NewProject(_Body):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    yaml: str | None = Field(None, max_length=MAX_MODEL, description="First version, if any.")
    author: str = Field("", max_length=MAX_NAME)


class Rename(_Body):
    name: str = Field(min_length=1, max_length=MAX_NAME)


class Save(_Body):
    yaml: str = Field(max_length=MAX_MODEL)
    author: str = Field("", max_length=MAX_NAME)


class Login(_Body):
    token: str = Field(max_length=1000)


class AuditRequest(ModelText):
    only: list[str] = Field(default_factory=empty_list, max_length=MAX_LIST)
    skip: list[str] = Field(default_factory=empty_list, max_length=MAX_LIST)


class CostRequest(ModelText):
    cloud: str | None = Field(None, description="aws, gcp or azure (default: the model's).")


class LoadRequest(ModelText):
    rps: float | None = Field(None, gt=0, le=1e9, description="External requests/s.")


class SimulateRequest(LoadRequest):
    scale: float = Field(1.0, gt=0, le=1e6)


class ChaosRequest(LoadRequest):
    fail: list[str] = Field(default_factory=empty_list, max_length=MAX_LIST)
    zones: list[str] = Field(default_factory=empty_list, max_length=MAX_LIST)
    region: str | None = Field(None, max_length=MAX_NAME)
    slow: list[str] = Field(
        default_factory=empty_list, max_length=MAX_LIST, description="ID=MS: add MS to its service."
    )


class AvailabilityRequest(LoadRequest):
    samples: int = Field(200_000, ge=100, le=2_000_000)
    seed: int = Field(1, ge=0, le=2**31)


class DesRequest(LoadRequest):
    requests: int = Field(1_000_000, ge=1_000, le=2_000_000, description="External requests.")
    seed: int = Field(1, ge=0, le=2**31)
    service: Literal["exp", "det", "lognormal"] = "exp"
    arrivals: Literal["poisson", "batch", "mmpp"] = "poisson"


class CompareRequest(_Body):
    a: str = Field(max_length=MAX_MODEL, description="The first architecture's text.")
    b: str = Field(max_length=MAX_MODEL, description="The second architecture's text.")


class DesignRequest(_Body):
    description: str | None = Field(None, max_length=20_000)
    requirements: str | None = Field(
        None, max_length=MAX_MODEL, description="A requirements file's text (YAML or JSON)."
    )
    cloud: str | None = None


class TradeoffRequest(_Body):
    options: list[str] = Field(min_length=2, max_length=20)
    requirements: str | None = Field(None, max_length=MAX_MODEL)
    dimensions: list[str] | None = Field(None, max_length=MAX_LIST)
    what_if: list[str] = Field(default_factory=empty_list, max_length=20)


class SelectRequest(_Body):
    kind: str = Field(min_length=1, max_length=MAX_NAME)
    requirements: str | None = Field(None, max_length=MAX_MODEL)


class ExportRequest(ModelText):
    format: str = Field(min_length=1, max_length=60)


class AskRequest(ModelText):
    question: str = Field(min_length=1, max_length=2_000, description="A question in words.")


class NewConversation(_Body):
    title: str = Field(min_length=1, max_length=MAX_NAME, description="Shown in the list.")


class Verdict(_Body):
    """What the person did with an answer's proposed edit."""

    answer: int = Field(ge=1, le=2_000_000_000, description="The answer's position.")
    verdict: Literal["accepted", "refused", "not_applied"]
    version: int | None = Field(None, ge=1, le=2_000_000_000, description="When accepted.")
    reason: str | None = Field(None, max_length=500, description="When not applied.")
