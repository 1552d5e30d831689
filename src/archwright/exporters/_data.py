"""The exporters' data files (`exporters/data/`): read once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from archwright.package_data import LOADER, text


@cache
def data_text(name: str) -> str:
    return text("archwright.exporters", "data", name)


@cache
def data_yaml(name: str) -> Any:
    """A YAML data file, parsed (callers must not mutate the cached result). libyaml's
    parser (`package_data.LOADER`): the pure-Python scanner was 157M of the 1,361M
    instructions of a 50-component openapi export, reading infra_mapping.yaml (issue 16)."""
    return yaml.load(data_text(name), Loader=LOADER)
