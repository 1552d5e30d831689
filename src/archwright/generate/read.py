"""Requirements from either input: free text, or a requirements object with text beside it.

A requirements file may carry a `description`; what the text says fills the gaps the
structured keys leave (the keys win). Feature names in the file are matched against the
pattern triggers like text is; a feature or key that matches nothing is reported, not
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archwright.generate.extract import extract
from archwright.generate.mentions import Span, catalog_name, match_features
from archwright.kb.patterns import PatternLibrary
from archwright.model import Requirements

KNOWN_EXTRAS = ("avoid",)
"""Requirement keys the engine understands beyond the model's: technologies to avoid."""


@dataclass(frozen=True)
class Reading:
    """The requirements, the pattern ids asked for, what was assumed, what was not
    understood, and every phrase of the description that was read (with its reading)."""

    requirements: Requirements
    features: list[str]
    assumptions: list[str]
    not_understood: list[str]
    understood: list[Span] = field(default_factory=list)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def read(source: str | Requirements, library: PatternLibrary) -> Reading:
    """Text or Requirements → one Requirements, the features (pattern ids) and the notes."""
    if isinstance(source, str):
        ext = extract(source)
        return Reading(
            ext.requirements, ext.features, ext.assumptions, ext.not_understood, ext.understood
        )
    explicit = source.model_dump(mode="json", exclude_unset=True)
    features: list[str] = []
    assumptions: list[str] = []
    not_understood: list[str] = []
    data: dict[str, Any] = {}
    understood: list[Span] = []
    if source.description:
        ext = extract(source.description)
        data = ext.requirements.model_dump(mode="json", exclude_unset=True)
        features.extend(ext.features)
        assumptions.extend(ext.assumptions)
        not_understood.extend(ext.not_understood)
        understood.extend(ext.understood)
    for feature in source.features:
        hits = [pid for pid, _, _ in match_features(feature, library)]
        if library.find(feature) is not None:
            hits.insert(0, feature)
        if not hits:
            not_understood.append(f"feature {feature!r} matches no pattern")
        features.extend(h for h in hits if h not in features)
    for key in sorted(source.model_extra or {}):
        if key not in KNOWN_EXTRAS:
            not_understood.append(f"requirements key {key!r} is not one the engine reads")
    said = list(source.features)
    merged = _merge(data, explicit)
    merged["features"] = said + [f for f in data.get("features", []) if f not in said]
    constraints = merged.get("constraints") or {}
    if constraints.get("requested"):
        constraints["requested"] = _resolved(constraints["requested"], not_understood)
    return Reading(
        Requirements.model_validate(merged), features, assumptions, not_understood, understood
    )


def _resolved(names: list[str], not_understood: list[str]) -> list[str]:
    """Requested technologies as catalog names (an alias such as "gpt-4o" becomes
    "openai-gpt-4o"); a name the catalog does not know is reported, not kept."""
    out: list[str] = []
    for name in names:
        found = catalog_name(str(name).lower())
        if found is None:
            not_understood.append(f"requested technology {name!r} is not in the catalog")
        elif found not in out:
            out.append(found)
    return out
