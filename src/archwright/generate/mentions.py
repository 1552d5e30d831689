"""What a description asks for by name: patterns by their trigger phrases, and
technologies by the names people write for them.

A word is not a request. "Users make purchases" names payments without asking for a
payment provider, so a trigger listed under `hints` in vocabulary.yaml adds its pattern
only when another trigger of the same pattern is in the text; a trigger inside one of the
`false_friends` phrases ("contact an agent": a person, not an LLM agent) is not a request
for its pattern; a trigger after "no" or "without" is read as not wanted. A technology
named outside a sentence about the team's experience is a request, resolved to the
catalog technology it is (GPT-4o is OpenAI's).
Each decision comes back as a `Span` with its reading, so the design can list it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from archwright.generate.vocabulary import tech_regex, technologies, vocabulary
from archwright.kb.catalog import load_catalog
from archwright.kb.patterns import PatternLibrary, load_patterns
from archwright.kb.scoring import is_named


@dataclass(frozen=True)
class Span:
    """One phrase of the description (offsets into it) and what it was read as.

    `reading` is the rule's name ("scale.devices", "slo.latency"), or "pattern <id>",
    "hint of <id>", "not meant: <id>", "not wanted: <id>", "technology <catalog name>".
    """

    start: int
    end: int
    text: str
    reading: str


@dataclass(frozen=True)
class Asked:
    """The patterns a text asks for, and the reading of every trigger phrase in it."""

    features: list[str]
    phrases: list[str]
    spans: list[Span]
    notes: list[str]


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


@cache
def _hints() -> dict[tuple[str, str], str]:
    return {(h["word"], h["pattern"]): h["ask"] for h in vocabulary()["hints"]}


@cache
def _false_friends() -> list[tuple[str, re.Pattern[str], str]]:
    """(pattern id, phrase regex, what the phrase means) for every false friend; `#` in
    a phrase is a number with optional thousands separators."""
    out = []
    for entry in vocabulary()["false_friends"]:
        alts = "|".join(
            re.escape(str(p).lower()).replace("\\#", r"\d{1,9}(?:,\d{3}){0,3}")
            for p in sorted(entry["phrases"], key=len, reverse=True)
        )
        regex = re.compile(r"(?<![a-z0-9])(?:" + alts + r")(?![a-z0-9])")
        out.append((str(entry["pattern"]), regex, str(entry["means"])))
    return out


def _not_meant(lowered: str) -> list[tuple[str, int, int, str]]:
    """(pattern id, start, end, meaning) of every false-friend phrase in the text."""
    return [
        (pid, m.start(), m.end(), means)
        for pid, regex, means in _false_friends()
        for m in regex.finditer(lowered)
    ]


def _meaning(spans: list[tuple[str, int, int, str]], pid: str, s: int, e: int) -> str | None:
    return next((m for p, fs, fe, m in spans if p == pid and fs <= s and e <= fe), None)


@cache
def _negation() -> re.Pattern[str]:
    words = sorted(vocabulary()["negations"], key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?:^|[^a-z])(?:" + alts + r")\s+$")


def asked_features(
    text: str, library: PatternLibrary | None = None, taken: list[Span] | None = None
) -> Asked:
    """The patterns free text asks for: triggers, less hints standing alone, triggers
    said not to be wanted ("no payments", "payments: not needed"), and triggers inside a
    phrase a rule already read as something else (`taken`: "devices reporting once a
    minute" is a reporting interval, not a request for reports)."""
    lowered = text.lower()
    taken = taken or []
    false_friends = _not_meant(lowered)
    hits = [
        (pid, s, e, _negated(lowered, s, e), _meaning(false_friends, pid, s, e))
        for pid, s, e in match_features(text, library)
        if not any(t.start <= s and e <= t.end for t in taken)
    ]
    hint = _hints()
    strong = {
        pid
        for pid, s, e, no, other in hits
        if not no and other is None and (lowered[s:e], pid) not in hint
    }
    asked = Asked([], [], [], [])
    for pid, start, end, negated, means in hits:
        phrase, word = text[start:end], lowered[start:end]
        if means is not None:
            asked.spans.append(Span(start, end, phrase, f"not meant: {pid}"))
            asked.notes.append(f"'{phrase}' here means {means}: no {pid} pattern")
        elif negated:
            asked.spans.append(Span(start, end, phrase, f"not wanted: {pid}"))
            asked.notes.append(f"'{phrase}' read as not wanted: no {pid} pattern")
        elif (word, pid) in hint and pid not in strong:
            asked.spans.append(Span(start, end, phrase, f"hint of {pid}"))
            asked.notes.append(
                f"'{phrase}' names {pid} without asking for it: not added "
                f"(say {hint[(word, pid)]} to add it)"
            )
        else:
            asked.spans.append(Span(start, end, phrase, f"pattern {pid}"))
            asked.features.extend([pid] if pid not in asked.features else [])
            asked.phrases.extend([word] if word not in asked.phrases else [])
    return asked


def _negated(lowered: str, start: int, end: int) -> bool:
    """Whether the clause says the trigger is not wanted ("no payments", "without
    search", "payments: not needed")."""
    clause = re.split(r"[.;,\n]", lowered[max(0, start - 30) : start])[-1]
    after = lowered[end : end + 16]
    return bool(
        _negation().search(clause) or re.match(r"\s*(?::\s*)?(?:are\s+|is\s+)?not needed", after)
    )


def catalog_name(word: str) -> str | None:
    """The catalog technology a vocabulary word means: the entry of that name, else the
    first entry that names it (its title, an alias, or the software it runs)."""
    catalog = load_catalog()
    found = catalog.find(word)
    if found is not None:
        return found.name
    for tech in catalog.technologies:
        if is_named(tech, [word]):
            return tech.name
    return None


def requested(text: str, taken: list[Span]) -> tuple[list[str], list[Span]]:
    """Technologies the text asks for by name (catalog names, in order), and the reading
    of every technology name in it. Names inside a phrase about the team's experience
    (`taken`) were read there; languages are skills, never requests."""
    languages = set(vocabulary()["languages"])
    table = technologies()
    out: list[str] = []
    spans: list[Span] = []
    for m in tech_regex().finditer(text.lower()):
        if any(s.start <= m.start() < s.end for s in taken):
            continue
        word = m.group(1)
        name = None if word in languages else catalog_name(table[word])
        if name is None:
            continue  # a name nothing in the design can use stays unread, and is listed
        spans.append(Span(m.start(), m.end(), text[m.start() : m.end()], f"technology {name}"))
        if name not in out:
            out.append(name)
    return out, spans
