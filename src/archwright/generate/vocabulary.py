"""The extractor's tables as data: vocabulary.yaml (technology and product names people
write, words that only hint at a pattern, filler words) and units.yaml (numbers, units,
and the nouns that say what a count counts)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from archwright.package_data import parsed_yaml


def _table(name: str) -> dict[str, Any]:
    data: dict[str, Any] = parsed_yaml("archwright.generate", name)
    return data


@cache
def vocabulary() -> dict[str, Any]:
    return _table("vocabulary.yaml")


@cache
def units() -> dict[str, Any]:
    return _table("units.yaml")


@cache
def technologies() -> dict[str, str]:
    """Every name people write for a technology → the catalog word it means: the plain
    names, and each product's names (GPT-4o → openai-gpt-4o, Claude → Anthropic's)."""
    table: dict[str, str] = dict(vocabulary()["technologies"])
    for product in vocabulary()["products"]:
        for name in product["names"]:
            table[str(name)] = str(product["catalog"])
    return table


@cache
def tech_alternation() -> str:
    """One technology name as a regex: whole words, longest first."""
    names = sorted(technologies(), key=len, reverse=True)
    return r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in names) + r")(?![a-z0-9])"


@cache
def tech_regex() -> re.Pattern[str]:
    return re.compile("(" + tech_alternation() + ")")


def known_technologies(text: str) -> list[str]:
    """Catalog family words for technology names in `text`, in order of appearance."""
    table = technologies()
    out: list[str] = []
    for m in tech_regex().finditer(text.lower()):
        if table[m.group(1)] not in out:
            out.append(table[m.group(1)])
    return out
