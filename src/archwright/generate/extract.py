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
from typing import Any

from archwright.generate import phrases_context, phrases_scale, phrases_units
from archwright.generate.mentions import Span, asked_features, requested
from archwright.generate.phrasing import Draft, Rule
from archwright.generate.vocabulary import vocabulary
from archwright.model import Requirements

MAX_DESCRIPTION = 20_000
"""Characters of description read; a design brief is a few paragraphs, not a book."""


class DescriptionTooLong(ValueError):
    """A description over MAX_DESCRIPTION characters, refused before any regex runs."""


RULES: list[Rule] = [
    *phrases_units.TABLE.rules,
    *phrases_scale.TABLE.rules,
    *phrases_context.TABLE.rules,
]
_TEAM_RULES = ("team.knows", "team.lacks")
_WORDS_READ = ("scale.report_interval", "scale.watch_time", "scale.retention")
"""Rules whose phrase holds words that are pattern triggers elsewhere ("reporting",
"streaming"): inside these phrases the words were read, and ask for no pattern."""


@dataclass(frozen=True)
class Extraction:
    """What the text said, what was assumed to read it, and what could not be read.

    `understood` holds every phrase a rule, a pattern trigger or a technology name
    claimed, with its reading; `not_understood` the fragments with words no rule read.
    Nothing outside `understood` went into the requirements.
    """

    requirements: Requirements
    features: list[str]
    assumptions: list[str]
    not_understood: list[str]
    understood: list[Span]


def extract(text: str) -> Extraction:
    """Read a plain-text description into Requirements (deterministic, offline)."""
    if len(text) > MAX_DESCRIPTION:
        raise DescriptionTooLong(
            f"the description is {len(text):,} characters; the limit is {MAX_DESCRIPTION:,}"
        )
    # Rules match the lower-cased text; offsets quote the original unless lower-casing
    # changed its length (a few Unicode letters do), when they quote the lower case.
    shown = text if len(text.lower()) == len(text) else text.lower()
    draft = Draft()
    spans = _apply_rules(shown, draft)
    asked = asked_features(shown, taken=[s for s in spans if s.reading in _WORDS_READ])
    spans.extend(asked.spans)
    draft.assumptions.extend(asked.notes)
    wanted, named = requested(shown, [s for s in spans if s.reading in _TEAM_RULES])
    spans.extend(named)
    if wanted:
        draft.put("constraints", "requested", wanted)
    _fold(draft)
    draft.data["description"] = text.strip()
    draft.data["features"] = asked.phrases  # the person's words; `features` holds pattern ids
    requirements = Requirements.model_validate(draft.data)
    understood = sorted(spans, key=lambda s: (s.start, s.end))
    return Extraction(
        requirements, asked.features, draft.assumptions, _leftovers(shown, understood), understood
    )


def _apply_rules(text: str, draft: Draft) -> list[Span]:
    """Run the rule table in order; a match inside a span already read is skipped, so
    the earlier (more specific) rule keeps its phrase."""
    lowered = text.lower()
    spans: list[Span] = []
    for rule in RULES:
        for m in rule.regex.finditer(lowered):
            if any(s.start <= m.start() < s.end or s.start < m.end() <= s.end for s in spans):
                continue
            if rule.apply(m, draft) is not False:
                spans.append(Span(m.start(), m.end(), text[m.start() : m.end()].strip(), rule.name))
    return spans


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
    _fold_devices(d, scale)
    if not scale:
        d.data.pop("scale")


def _fold_devices(d: Draft, scale: dict[str, Any]) -> None:
    """Devices and their reporting interval give the event rate. Devices are not users:
    no daily-user or request figure is derived from them."""
    devices = scale.get("devices")
    if devices and d.interval_s and "events_per_second" not in scale:
        scale["events_per_second"] = devices / d.interval_s
        d.assumptions.append(
            f"{devices:,.0f} devices reporting every {d.interval_s:g} s: "
            f"{devices / d.interval_s:,.0f} events per second"
        )


_SPLIT = re.compile(r"[.;!?\n]+(?:\s|$)|,(?!\d)\s*|(?<!\s)\s{1,5}-\s|\(|\)|:\s")
_TOKEN = re.compile(r"[a-z][a-z'.+#-]*")
UNREAD_WORDS = 2
"""Words of substance left unread in a fragment some rule read part of, from which the
rest is listed as not understood ("under 50 ms p99 for the ingest API" leaves one, a
qualifier; "5M devices sending readings, quantum firmware" leaves more)."""


def _leftovers(text: str, spans: list[Span]) -> list[str]:
    """Fragments (split at punctuation) with words no span read: the whole fragment when
    nothing in it was read, else its unread remainder when it says enough to matter."""
    out: list[str] = []
    pos = 0
    for sep in [*_SPLIT.finditer(text), None]:
        end = sep.start() if sep else len(text)
        start, pos = pos, (sep.end() if sep else len(text))
        inside = [s for s in spans if s.start < end and s.end > start]
        if not inside:
            if _content(text[start:end]):
                out.append(text[start:end].strip())
            continue
        runs = _unread_runs(text, start, end, inside)
        if sum(len(_content(r)) for r in runs) >= UNREAD_WORDS:
            out.append(" … ".join(r.strip() for r in runs if _content(r)))
    return out


def _unread_runs(text: str, start: int, end: int, spans: list[Span]) -> list[str]:
    runs: list[str] = []
    cursor = start
    for s in sorted(spans, key=lambda s: s.start):
        if s.start > cursor:
            runs.append(text[cursor : s.start])
        cursor = max(cursor, s.end)
    if cursor < end:
        runs.append(text[cursor:end])
    return runs


def _content(fragment: str) -> list[str]:
    """The words of a fragment that could carry a requirement (not filler)."""
    stop = set(vocabulary()["stopwords"])
    words = [w.strip(".'-") for w in _TOKEN.findall(fragment.lower())]
    return [w for w in words if len(w) >= 3 and w not in stop]
