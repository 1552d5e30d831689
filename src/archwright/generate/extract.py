"""Free text → Requirements, with what was assumed and what was not understood.

Table-driven: each rule is a regular expression over the lower-cased text and a setter
that writes one requirement. Every match marks its span as understood; fragments of the
description that no rule and no vocabulary word touched are returned verbatim, so a
person sees what the engine ignored instead of a silent drop. Numbers take the usual
multipliers and words ("5M", "2,000", "100K", "four nines", "team of three").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archwright.generate import phrases_context, phrases_scale
from archwright.generate.phrasing import Draft, Rule
from archwright.generate.vocabulary import tech_regex, vocabulary
from archwright.kb.patterns import PatternLibrary, load_patterns
from archwright.model import Requirements

MAX_DESCRIPTION = 20_000
"""Characters of description read; a design brief is a few paragraphs, not a book."""


class DescriptionTooLong(ValueError):
    """A description over MAX_DESCRIPTION characters, refused before any regex runs."""


RULES: list[Rule] = [*phrases_scale.TABLE.rules, *phrases_context.TABLE.rules]


@cache
def _trigger_regex(library: PatternLibrary) -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for p in library.patterns:
        if p.triggers:
            alts = "|".join(re.escape(t.lower()) for t in sorted(p.triggers, key=len, reverse=True))
            out.append((p.id, re.compile(r"(?<![a-z0-9])(?:" + alts + r")(?![a-z0-9])")))
    return out


def match_features(text: str, library: PatternLibrary | None = None) -> list[tuple[str, int, int]]:
    """(pattern id, start, end) for every trigger phrase in `text`, in text order.

    Longest match wins: "semantic cache" asks for the semantic cache, not for a cache
    tier, so a trigger inside a longer trigger's span is dropped.
    """
    lib = library or load_patterns()
    lowered = text.lower()
    hits: list[tuple[str, int, int]] = []
    for pid, regex in _trigger_regex(lib):
        hits.extend((pid, m.start(), m.end()) for m in regex.finditer(lowered))
    kept: list[tuple[str, int, int]] = []
    for hit in sorted(hits, key=lambda h: (h[1] - h[2], h[1])):
        if not any(s < hit[2] and hit[1] < e for _, s, e in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h[1])


@dataclass
class Extraction:
    """What the text said, what was assumed to read it, and what could not be read."""

    requirements: Requirements
    features: list[str]
    assumptions: list[str]
    not_understood: list[str]


def extract(text: str) -> Extraction:
    """Read a plain-text description into Requirements (deterministic, offline)."""
    if len(text) > MAX_DESCRIPTION:
        raise DescriptionTooLong(
            f"the description is {len(text):,} characters; the limit is {MAX_DESCRIPTION:,}"
        )
    lowered = text.lower()
    draft = Draft()
    spans: list[tuple[int, int]] = []
    for rule in RULES:
        for m in rule.regex.finditer(lowered):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in spans):
                continue
            if rule.apply(m, draft) is not False:
                spans.append((m.start(), m.end()))
    features: list[str] = []
    phrases: list[str] = []
    for pid, start, end in match_features(text):
        spans.append((start, end))
        if pid not in features:
            features.append(pid)
        if lowered[start:end] not in phrases:
            phrases.append(lowered[start:end])
    for m in tech_regex().finditer(lowered):
        spans.append((m.start(), m.end()))
    _fold(draft)
    draft.data["description"] = text.strip()
    draft.data["features"] = phrases  # the person's words; `features` holds pattern ids
    requirements = Requirements.model_validate(draft.data)
    return Extraction(requirements, features, draft.assumptions, _leftovers(text, spans))


def _fold(d: Draft) -> None:
    """Turn per-user, per-second and per-year figures into the Requirements fields."""
    scale = d.data.setdefault("scale", {})
    if d.reads_per_s and d.writes_per_s:
        scale.setdefault("read_write_ratio", d.reads_per_s / d.writes_per_s)
        scale.setdefault("peak_rps", d.reads_per_s + d.writes_per_s)
    elif d.reads_per_s:
        scale.setdefault("peak_rps", d.reads_per_s)
    if d.actions_per_user and scale.get("dau") and "avg_rps" not in scale:
        scale["avg_rps"] = scale["dau"] * d.actions_per_user / 86_400
    if d.peak_factor and scale.get("avg_rps") and "peak_rps" not in scale:
        scale["peak_rps"] = scale["avg_rps"] * d.peak_factor
    if d.data_per_year_gb:
        current = scale.get("data_gb")
        if current:
            scale.setdefault("growth_per_year", (current + d.data_per_year_gb) / current)
        else:
            scale["data_gb"] = d.data_per_year_gb
            scale.setdefault("growth_per_year", 2.0)
            d.assumptions.append(
                f"{d.data_per_year_gb:,.0f} GB/year with nothing stored yet: sized for the "
                "first year's data, doubling in the second"
            )
    if d.experience or d.avoid:
        team = d.data.setdefault("team", {})
        team["experience"] = d.experience
        team["existing_stack"] = d.stack
    if d.avoid:
        d.data["avoid"] = d.avoid
    if not scale:
        d.data.pop("scale")


_SPLIT = re.compile(r"[.;!?\n]+(?:\s|$)|,(?!\d)\s*|(?<!\s)\s{1,5}-\s|\(|\)")
_TOKEN = re.compile(r"[a-z][a-z'.+#-]*")


def _leftovers(text: str, spans: list[tuple[int, int]]) -> list[str]:
    stop = set(vocabulary()["stopwords"])
    out: list[str] = []
    pos = 0
    for sep in [*_SPLIT.finditer(text), None]:
        end = sep.start() if sep else len(text)
        fragment = text[pos:end]
        start = pos
        pos = sep.end() if sep else len(text)
        if not fragment.strip() or any(s < end and e > start for s, e in spans):
            continue
        words = [w.strip(".'") for w in _TOKEN.findall(fragment.lower())]
        if any(len(w) >= 3 and w not in stop for w in words):
            out.append(fragment.strip())
    return out
