"""The exporters' data files (`exporters/data/`): read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's parser where PyYAML was built with it (the same safe constructor builds the
# values): the pure-Python scanner was 157M of the 1,361M instructions of a
# 50-component openapi export (callgrind), reading infra_mapping.yaml (issue 16).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def data_text(name: str) -> str:
    return (resources.files("archwright.exporters") / "data" / name).read_text(encoding="utf-8")


@cache
def data_yaml(name: str) -> Any:
    """A YAML data file, parsed (callers must not mutate the cached result)."""
    return yaml.load(data_text(name), Loader=_LOADER)
