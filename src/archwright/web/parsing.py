"""Text from a request → the typed inputs the engines take (or a FileProblem, a 422)."""

from __future__ import annotations

from archwright.archfile import parse_architecture, parse_requirements
from archwright.model import Architecture, Requirements

MODEL_SOURCE = "model"
REQUIREMENTS_SOURCE = "requirements"


def _is_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def architecture(text: str, source: str = MODEL_SOURCE) -> Architecture:
    return parse_architecture(text, source, json_format=_is_json(text))


def requirements(text: str | None) -> Requirements | None:
    if text is None or not text.strip():
        return None
    return parse_requirements(text, REQUIREMENTS_SOURCE, json_format=_is_json(text))
