"""Terraform `count` and `for_each`, expanded where their value is known without running.

`count = 3` or `count = var.replicas` (with a default) is one component with that many
replicas; `count = 0` deploys nothing. `for_each` over a literal list, set or map, or a
variable's default, gives one resource per key (`aws_sqs_queue.q["orders"]`) with
`each.key`/`each.value` substituted in its strings. Anything computed (`length(...)`, a
conditional, another resource's attribute) is imported once and reported.
"""

from __future__ import annotations

import json
import re
from typing import Any

_VAR = re.compile(r"^\$\{\s*(?:(?:toset|tolist|tomap)\(\s*)?var\.([\w-]+)\s*\)?\s*\}$")
_LIST = re.compile(r"^\$\{\s*(?:toset|tolist)\(\s*(\[.*\])\s*\)\s*\}$", re.DOTALL)
_NUMBER = re.compile(r"^\d{1,6}$")
MAX_INSTANCES = 1000


def variable_values(blocks: list[dict[str, Any]], inputs: dict[str, Any]) -> dict[str, Any]:
    """Variable defaults of one module, overridden by literal values its caller passes."""
    values: dict[str, Any] = {}
    for block in blocks:
        for name, body in block.items():
            if isinstance(body, dict) and "default" in body:
                values[name] = body["default"]
    for name, value in inputs.items():
        if not (isinstance(value, str) and "${" in value):
            values[name] = value
    return values


def count_of(value: Any, variables: dict[str, Any]) -> int | None:
    """The number `count` evaluates to, or None when it is computed."""
    value = _from_variable(value, variables)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return min(max(value, 0), MAX_INSTANCES)
    if isinstance(value, str) and _NUMBER.match(value.strip()):
        return min(int(value), MAX_INSTANCES)
    return None


def for_each_keys(value: Any, variables: dict[str, Any]) -> dict[str, Any] | None:
    """`{key: each.value}` of a `for_each`, or None when it is computed."""
    value = _from_variable(value, variables)
    if isinstance(value, str):
        literal = _LIST.match(value.strip())
        if not literal:
            return None
        try:
            value = json.loads(literal.group(1))
        except ValueError:
            return None
    if isinstance(value, dict):
        return {str(k): v for k, v in list(value.items())[:MAX_INSTANCES]}
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return {str(v).strip('"'): str(v).strip('"') for v in value[:MAX_INSTANCES]}
    return None


def _from_variable(value: Any, variables: dict[str, Any]) -> Any:
    if isinstance(value, str):
        m = _VAR.match(value.strip())
        if m:
            return variables.get(m.group(1), value)
    return value


def substitute(node: Any, key: str, each_value: Any) -> Any:
    """`${each.key}` and `${each.value}` replaced in every string of a resource body."""
    if isinstance(node, str):
        text = node.replace("${each.key}", key)
        if isinstance(each_value, (str, int, float)):
            text = text.replace("${each.value}", str(each_value))
        return text
    if isinstance(node, dict):
        return {k: substitute(v, key, each_value) for k, v in node.items()}
    if isinstance(node, list):
        return [substitute(v, key, each_value) for v in node]
    return node
