"""The published JSON Schemas (architecture and requirements files)."""

from __future__ import annotations

from typing import Any

from archwright.model import Architecture, Requirements

_ID = "https://archwright.dev/schema"


def architecture_schema() -> dict[str, Any]:
    schema = Architecture.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_ID}/architecture.json",
        **schema,
    }


def requirements_schema() -> dict[str, Any]:
    schema = Requirements.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_ID}/requirements.json",
        **schema,
    }
