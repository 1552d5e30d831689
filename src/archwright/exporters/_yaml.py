"""YAML and JSON output for exporters: built as data, dumped, so escaping is by construction.

Block style, keys in the order the exporter built them (exporters sort what they
iterate), no aliases (a shared list must not become `&id001` in a Kubernetes manifest),
unicode kept, long lines not folded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import yaml

_BASE: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BASE):  # type: ignore[valid-type,misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """One YAML document."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=False,
    )
    return text


def dump_yaml_all(documents: Iterable[Any]) -> str:
    """Several documents separated by `---`."""
    text: str = yaml.dump_all(
        list(documents),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=1000,
        default_flow_style=False,
        explicit_start=True,
    )
    return text


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
