"""Asking a model for the requirements in a description, and filling only the gaps with them.

The built-in extractor reads numbers with units deterministically; where it found a
value, that value stands. The model's reading only fills fields the extractor left
empty (a budget said in words, a compliance regime implied by "patient records"), and
every filled field is named so the design can say where it came from.
"""

from __future__ import annotations

from typing import Any

from archwright.llm.request import Message, Request
from archwright.llm.untrusted import DATA_RULES, quote
from archwright.model import Requirements

_SECTIONS = ("scale", "slo", "team", "budget", "constraints", "needs")


def requirements_request(description: str) -> Request:
    system = (
        "You extract the requirements of a software system from a description, as JSON "
        "following the given schema. Only state what the description says or clearly "
        "implies; leave a field out rather than guess. Numbers are plain numbers in the "
        "units the schema names (requests per second, GB, percent, minutes, USD).\n\n" + DATA_RULES
    )
    return Request(
        (
            Message("system", system),
            Message("user", quote("system description", description.strip()) + "\n\nExtract."),
        ),
        schema=Requirements.model_json_schema(),
        schema_name="requirements",
        max_tokens=2048,
    )


def fill_gaps(found: Requirements, proposed: Requirements) -> tuple[Requirements, list[str]]:
    """`found` with its empty fields filled from `proposed`; the dotted names filled."""
    data: dict[str, Any] = found.model_dump(mode="python")
    extra: dict[str, Any] = proposed.model_dump(mode="python")
    filled: list[str] = []
    for section in _SECTIONS:
        for key, value in sorted(extra.get(section, {}).items()):
            if data[section].get(key) in (None, []) and value not in (None, []):
                data[section][key] = value
                filled.append(f"{section}.{key}")
    for key in ("features", "compliance"):
        if not data.get(key) and extra.get(key):
            data[key] = extra[key]
            filled.append(key)
    if not data.get("description") and extra.get("description"):
        data["description"] = extra["description"]
        filled.append("description")
    return Requirements.model_validate(data), filled
