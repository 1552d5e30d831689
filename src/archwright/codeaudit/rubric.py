"""The scoring rubric (`rubric.yaml`) and the secret patterns (`secrets.yaml`), typed."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from archwright.package_data import parsed_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LintRubric(_Strict):
    points_per_finding_per_100_lines: float = Field(gt=0)


class ComplexityRubric(_Strict):
    moderate: int = Field(ge=1)
    high: int = Field(ge=1)
    moderate_penalty: float = Field(ge=0)
    high_penalty: float = Field(ge=0)


class DockerRubric(_Strict):
    error: float = Field(ge=0)
    warning: float = Field(ge=0)
    info: float = Field(ge=0)
    style: float = Field(ge=0)


class SecretsRubric(_Strict):
    cap: str = Field(pattern=r"^[A-F]$")


class Rubric(_Strict):
    weights: dict[str, float]
    lint: LintRubric
    complexity: ComplexityRubric
    dockerfiles: DockerRubric
    secrets: SecretsRubric


class SecretPattern(_Strict):
    name: str
    regex: str
    source: str = Field(pattern=r"^https://")

    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex)


class Secrets(_Strict):
    patterns: list[SecretPattern]
    committed_files: list[str]


def _data(name: str) -> Any:
    return parsed_yaml("archwright.codeaudit", name)


@cache
def rubric() -> Rubric:
    return Rubric.model_validate(_data("rubric.yaml"))


@cache
def secrets() -> Secrets:
    return Secrets.model_validate(_data("secrets.yaml"))
