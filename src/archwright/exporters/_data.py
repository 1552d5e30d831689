"""The exporters' data files (`exporters/data/`): read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def data_text(name: str) -> str:
    return (resources.files("archwright.exporters") / "data" / name).read_text(encoding="utf-8")


@cache
def data_yaml(name: str) -> Any:
    """A YAML data file, parsed (callers must not mutate the cached result)."""
    return yaml.safe_load(data_text(name))
