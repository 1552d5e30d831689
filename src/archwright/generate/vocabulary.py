"""The extractor's word lists (vocabulary.yaml): technology names people write, and the
filler words that never make a fragment "not understood"."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def vocabulary() -> dict[str, Any]:
    text = (resources.files("archwright.generate") / "vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def tech_regex() -> re.Pattern[str]:
    words = sorted(vocabulary()["technologies"], key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")


def known_technologies(text: str) -> list[str]:
    """Catalog family words for technology names in `text`, in order of appearance."""
    table: dict[str, str] = vocabulary()["technologies"]
    out: list[str] = []
    for m in tech_regex().finditer(text.lower()):
        if table[m.group(1)] not in out:
            out.append(table[m.group(1)])
    return out
