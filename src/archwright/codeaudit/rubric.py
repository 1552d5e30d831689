"""The scoring rubric (`rubric.yaml`) and the secret patterns (`secrets.yaml`), typed."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field


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
    text = (resources.files("archwright.codeaudit") / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def rubric() -> Rubric:
    return Rubric.model_validate(_data("rubric.yaml"))


@cache
def secrets() -> Secrets:
    return Secrets.model_validate(_data("secrets.yaml"))
