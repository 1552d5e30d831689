"""Free text → Requirements, with what was assumed and what was not understood.

Table-driven: each rule is a regular expression over the lower-cased text and a setter
that writes one requirement. Every match marks its span as understood; fragments of the
description that no rule and no vocabulary word touched are returned verbatim, so a
person sees what the engine ignored instead of a silent drop. Numbers take the usual
multipliers and words ("5M", "2,000", "100K", "four nines", "team of three").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from archwright.kb.patterns import PatternLibrary, load_patterns
from archwright.model import Requirements

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
    "a dozen": 12,
    "a few": 3,
}
_MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}
_WORDS = "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
NUM = (
    rf"(?P<num>\d[\d,]*(?:\.\d+)?|\.\d+|{_WORDS})"
    r"(?:\s?(?P<mult>k|mm|m|mil|million|millions|thousand|bn|b|billion)(?![a-z]))?"
)
_TIME_UNIT = r"(?P<unit>ms|msec|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?)"
_TIME_MS = {"ms": 1.0, "s": 1e3, "m": 6e4, "h": 3.6e6}
_SIZE_GB = {"kb": 1e-6, "mb": 1e-3, "gb": 1.0, "tb": 1e3, "pb": 1e6}
_NINES = {"two": 99.0, "three": 99.9, "four": 99.99, "five": 99.999, "six": 99.9999}


def number(match: re.Match[str]) -> float:
    """The value of the NUM groups of a match, multipliers applied."""
    raw = match.group("num")
    value = float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw.replace(",", ""))
    mult = match.group("mult")
    return value * _MULTIPLIERS[mult] if mult else value


def _ms(value: float, unit: str) -> float:
    key = "ms" if unit.startswith("ms") or unit.startswith("milli") else unit[0]
    return value * _TIME_MS[key]


@dataclass
class Draft:
    """Requirements being filled, plus figures that are folded in at the end."""

    data: dict[str, Any] = field(default_factory=dict)
    assumptions: list[str] = field(default_factory=list)
    reads_per_s: float | None = None
    writes_per_s: float | None = None
    actions_per_user: float | None = None
    peak_factor: float | None = None
    data_per_year_gb: float | None = None
    experience: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)

    def put(self, section: str, key: str, value: Any) -> None:
        self.data.setdefault(section, {}).setdefault(key, value)

    def add(self, key: str, value: str) -> None:
        items = self.data.setdefault(key, [])
        if value not in items:
            items.append(value)


Setter = Callable[[re.Match[str], Draft], "bool | None"]
"""Writes one requirement; returns False when the match turned out not to say anything."""


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    apply: Setter


def _rule(name: str, pattern: str) -> Callable[[Setter], Setter]:
    def register(fn: Setter) -> Setter:
        RULES.append(Rule(name, re.compile(pattern), fn))
        return fn

    return register


RULES: list[Rule] = []
_RATE = r"\s*(?:/\s*s(?:ec(?:ond)?)?\b|per\s+sec(?:ond)?\b|a\s+second\b|ps\b)"
_THINGS = (
    r"(?:writes?|inserts?|updates?|orders?|messages?|msgs?|events?|payments?|transactions?|"
    r"uploads?|posts?|rides?|bookings?|clicks?|logs?|log lines|metrics?|data points|"
    r"location updates?|pings?|impressions?|tweets?|trades?|jobs?|tasks?|notifications?|"
    r"emails?|calls?|documents?|records?|rows?|tokens?|prompts?|links?|pages?|files?)"
)


@_rule(
    "scale.dau",
    NUM + r"[\s-]*(?:dau\b|daily[\s-]active[\s-]users?|daily actives|daily users"
    r"|(?:active\s+)?users?\s+(?:a|per|each)\s+day)",
)
def _dau(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "dau", number(m))


@_rule("scale.mau", NUM + r"[\s-]*(?:mau\b|monthly[\s-]active[\s-]users?|monthly users)")
def _mau(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "mau", number(m))


@_rule(
    "scale.concurrent",
    NUM + r"[\s-]*(?:concurrent|simultaneous|open|live)[\s-]*"
    r"(?:[a-z]+\s+)?(?:connections?|users?|sessions?|riders?|drivers?|players?|viewers?"
    r"|devices?|clients?|sockets?|websockets?|streams?|listeners?|watchers?)?",
)
def _concurrent(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "concurrent", number(m))


@_rule(
    "scale.users",
    NUM + r"[\s-]*(?:users?|employees|staff|customers|members|subscribers|"
    r"riders|players|students|patients|accounts)\b",
)
def _users(m: re.Match[str], d: Draft) -> None:
    d.assumptions.append(
        f"'{m.group(0).strip()}' read as {number(m):,.0f} daily active users (an upper bound)"
    )
    d.put("scale", "dau", number(m))


@_rule(
    "scale.rate",
    NUM + r"\s*(?:peak\s+)?(?:rps|qps|tps|req/s|requests?/s(?:ec)?\b|"
    r"(?:requests?|queries|transactions|calls)\s+(?:per|a)\s+second)",
)
def _rps(m: re.Match[str], d: Draft) -> None:
    before = m.string[max(0, m.start() - 25) : m.start()]
    key = "avg_rps" if re.search(r"\b(?:average|avg|mean|typical)\b", before) else "peak_rps"
    if key == "peak_rps" and "peak" not in before and "peak" not in m.group(0):
        d.assumptions.append(
            f"'{m.group(0).strip()}' read as the peak request rate (no 'average' beside it)"
        )
    d.put("scale", key, number(m))


@_rule("scale.reads", NUM + r"\s*(?:reads?|lookups?|views?|redirects?|searches?|queries)" + _RATE)
def _reads(m: re.Match[str], d: Draft) -> None:
    d.reads_per_s = number(m)


@_rule("scale.writes", NUM + r"\s*" + _THINGS + _RATE)
def _writes(m: re.Match[str], d: Draft) -> None:
    d.writes_per_s = number(m)
    d.put("scale", "events_per_second", number(m))


@_rule(
    "scale.daily_events",
    NUM + r"\s*(?:[a-z]+\s+)?" + _THINGS + r"\s+(?:per|a|each)\s+(?P<per>day|hour|minute|month)",
)
def _daily(m: re.Match[str], d: Draft) -> None:
    per = {"day": 86_400, "hour": 3_600, "minute": 60, "month": 30 * 86_400}[m.group("per")]
    rate = number(m) / per
    d.writes_per_s = d.writes_per_s or rate
    d.put("scale", "events_per_second", rate)
    d.assumptions.append(f"'{m.group(0).strip()}' spread evenly: {rate:,.1f} per second average")


@_rule(
    "scale.actions",
    NUM + r"\s+(?:[a-z]+\s+){0,2}(?:per|a|each)\s+(?:user|member|customer|"
    r"rider|player|person)(?:\s+(?:per|a|each)\s+day)?",
)
def _actions(m: re.Match[str], d: Draft) -> None:
    d.actions_per_user = number(m)


@_rule(
    "scale.payload",
    NUM + r"\s*(?P<su>kb|mb|gb)\b\s*(?:average\s+|avg\s+)?"
    r"(?:messages?|payloads?|requests?|images?|photos?|files?|documents?|videos?|objects?"
    r"|events?|records?|attachments?|uploads?|each|per\s+[a-z]+)",
)
def _payload(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "payload_kb", number(m) * _SIZE_GB[m.group("su")] * 1e6)


@_rule(
    "scale.growth_data",
    NUM + r"\s*(?P<su>kb|mb|gb|tb|pb)\b\s*(?:of\s+(?:new\s+)?data\s+)?"
    r"(?:/|per|a|each|every)\s*(?P<per>year|yr|month|day)",
)
def _growth_data(m: re.Match[str], d: Draft) -> None:
    per_year = {"year": 1, "yr": 1, "month": 12, "day": 365}[m.group("per")]
    d.data_per_year_gb = number(m) * _SIZE_GB[m.group("su")] * per_year


@_rule("scale.data", NUM + r"\s*(?P<su>gb|tb|pb)\b")
def _data(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "data_gb", number(m) * _SIZE_GB[m.group("su")])


@_rule(
    "scale.growth",
    r"(?:grow(?:s|ing|th)?|scal(?:e|es|ing))\s+(?:of\s+|by\s+)?"
    + NUM
    + r"\s*(?:x|times)\s*(?:(?:a|per|each|every)\s+year|yearly|/\s*year)?",
)
def _growth(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "growth_per_year", number(m))


@_rule("scale.doubling", r"doubl(?:e|es|ing)\s+(?:every|each|per|a)\s+year")
def _doubling(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "growth_per_year", 2.0)


@_rule(
    "scale.peak_factor",
    r"(?:peaks?|spikes?|bursts?)\s+(?:of\s+|at\s+|to\s+|up\s+to\s+)?" + NUM + r"\s*(?:x|times)",
)
def _peak(m: re.Match[str], d: Draft) -> None:
    d.peak_factor = number(m)


@_rule(
    "slo.latency",
    r"(?:p\d{2}|latency|response times?)\s*(?:latency\s*)?"
    r"(?:<=|<|≤|=|:|under|below|of|within|less than|at most|below)?\s*"
    + NUM
    + r"\s*"
    + _TIME_UNIT
    + r"\b",
)
def _latency(m: re.Match[str], d: Draft) -> None:
    if not m.group(0).startswith("p99"):
        d.assumptions.append(f"'{m.group(0).strip()}' taken as the P99 latency target")
    d.put("slo", "p99_latency_ms", _ms(number(m), m.group("unit")))


@_rule("slo.nines", r"\b(?P<n>two|three|four|five|six|[2-6])\s+nines\b")
def _nines(m: re.Match[str], d: Draft) -> None:
    n = m.group("n")
    words = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
    d.put("slo", "availability", _NINES[words.get(n, n)])


@_rule(
    "slo.availability", r"(?P<pct>9\d(?:\.\d+)?)\s*%\s*(?:uptime|availability|available|sla|slo)?"
)
def _availability(m: re.Match[str], d: Draft) -> bool:
    pct = float(m.group("pct"))
    window = m.string[max(0, m.start() - 30) : m.end() + 15]
    if pct >= 99 or re.search(r"uptime|availab|sla|slo", window):
        d.put("slo", "availability", pct)
        return True
    return False


@_rule(
    "slo.rpo_rto",
    r"\b(?P<which>rpo|rto)\s*(?:of|<=|<|≤|=|:|under|below|within)?\s*"
    r"(?:(?P<zero>zero|0)\b|" + NUM + r"\s*" + _TIME_UNIT + r"\b)",
)
def _rpo(m: re.Match[str], d: Draft) -> None:
    minutes = 0.0 if m.group("zero") else _ms(number(m), m.group("unit")) / 60_000
    d.put("slo", f"{m.group('which')}_minutes", minutes)


@_rule("slo.no_data_loss", r"(?:zero|no)\s+data\s+loss")
def _no_loss(m: re.Match[str], d: Draft) -> None:
    d.put("slo", "rpo_minutes", 0.0)


@_rule(
    "scale.ratio",
    r"(?:read[\s-]heavy\s*\(?\s*)?(?P<r>\d+)\s*:\s*(?P<w>\d+)\s*"
    r"(?:reads?\s*(?:to|:|/)\s*writes?|read[\s:/-]+writes?|r\s*:\s*w)?",
)
def _ratio(m: re.Match[str], d: Draft) -> bool:
    window = m.string[max(0, m.start() - 25) : m.end() + 5]
    if re.search(r"read|write|r\s*:\s*w", window) and int(m.group("w")) > 0:
        d.put("scale", "read_write_ratio", int(m.group("r")) / int(m.group("w")))
        return True
    return False


@_rule("scale.read_heavy", r"\b(?P<which>read|write)[\s-]heavy\b")
def _heavy(m: re.Match[str], d: Draft) -> None:
    ratio = 10.0 if m.group("which") == "read" else 0.5
    if "read_write_ratio" not in d.data.get("scale", {}):
        d.assumptions.append(f"'{m.group(0)}' with no ratio: {ratio:g} reads per write assumed")
    d.put("scale", "read_write_ratio", ratio)


@_rule(
    "team.size",
    r"(?:team\s+of\s+(?:about\s+|around\s+)?"
    + NUM.replace("num", "n1").replace("mult", "m1")
    + r"|"
    + NUM
    + r"[\s-]*(?:person|people|engineers?|developers?|devs?)"
    r"(?:\s+team)?)",
)
def _team(m: re.Match[str], d: Draft) -> None:
    raw = m.group("n1") or m.group("num")
    value = _WORD_NUMBERS.get(raw) or float(raw.replace(",", ""))
    d.put("team", "size", int(value))


@_rule("team.solo", r"\b(?:solo (?:developer|founder|dev)|just me|one-person)\b")
def _solo(m: re.Match[str], d: Draft) -> None:
    d.put("team", "size", 1)


@_rule(
    "budget.monthly",
    r"(?:\$\s?"
    + NUM
    + r"|"
    + NUM.replace("num", "n1").replace("mult", "m1")
    + r"\s*(?:usd|dollars|\$))\s*(?:/\s*|per\s+|a\s+|each\s+)(?P<per>month|mo|year|yr)\b",
)
def _budget(m: re.Match[str], d: Draft) -> None:
    if m.group("num") is not None:
        value = number(m)
    else:
        raw, mult = m.group("n1"), m.group("m1")
        value = float(raw.replace(",", "")) * (_MULTIPLIERS[mult] if mult else 1.0)
    per_month = value / 12 if m.group("per") in ("year", "yr") else value
    d.put("budget", "monthly_usd", per_month)


@_rule("budget.plain", r"budget\s+(?:of\s+|is\s+|:\s*|around\s+|under\s+)?\$\s?" + NUM)
def _budget_plain(m: re.Match[str], d: Draft) -> None:
    d.assumptions.append(f"'{m.group(0).strip()}' with no period taken as a monthly budget")
    d.put("budget", "monthly_usd", number(m))


@_rule("budget.free", r"\b(?:free[\s-]tier|no budget|zero budget|\$0\b|for free|no money)")
def _free(m: re.Match[str], d: Draft) -> None:
    d.put("budget", "monthly_usd", 0.0)
    d.assumptions.append(f"'{m.group(0)}' read as a monthly budget of $0 (free tiers only)")


@_rule(
    "constraints.cloud",
    r"\b(?P<c>aws|amazon web services|gcp|google cloud(?: platform)?|"
    r"azure|on[\s-]?prem(?:ise|ises)?|own data[\s-]?cent(?:er|re)s?|bare[\s-]metal)\b",
)
def _cloud(m: re.Match[str], d: Draft) -> None:
    c = m.group("c")
    value = (
        "aws"
        if c.startswith(("aws", "amazon"))
        else "gcp"
        if c.startswith(("gcp", "google"))
        else "azure"
        if c == "azure"
        else "on_prem"
    )
    d.put("constraints", "cloud", value)


@_rule(
    "constraints.region",
    r"\b(?:(?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|"
    r"northeast|southeast|southwest|northwest)-\d|(?:us|europe|asia|australia|northamerica|"
    r"southamerica)-(?:east|west|north|south|central|northeast|southeast|southwest|"
    r"northwest)\d|westeurope|northeurope|eastus2?|westus[23]?|uksouth)\b",
)
def _region(m: re.Match[str], d: Draft) -> None:
    regions = d.data.setdefault("constraints", {}).setdefault("regions", [])
    if m.group(0) not in regions:
        regions.append(m.group(0))


@_rule(
    "constraints.residency",
    r"(?:(?:data|personal data|pii)\s+(?:must\s+|has to\s+|needs to\s+)?"
    r"(?:stays?|remains?|be stored|reside)\s+in\s+(?:the\s+)?|\b)(?P<j>eu|uk|us|germany|india)"
    r"(?:[\s-]only|\s+residency|\s+data residency)\b",
)
def _residency(m: re.Match[str], d: Draft) -> None:
    values = d.data.setdefault("constraints", {}).setdefault("data_residency", [])
    if m.group("j").upper() not in values:
        values.append(m.group("j").upper())


@_rule("compliance", r"\b(?P<c>hipaa|gdpr|pci[\s-]?dss|pci|soc[\s-]?2)\b")
def _compliance(m: re.Match[str], d: Draft) -> None:
    c = m.group("c")
    value = "PCI-DSS" if c.startswith("pci") else "SOC2" if c.startswith("soc") else c.upper()
    d.add("compliance", value)


@_rule(
    "constraints.no_lock_in",
    r"(?:no|avoid|without|minimi[sz]e)\s+(?:vendor\s+|cloud\s+)?"
    r"lock[\s-]?in|cloud[\s-]agnostic|multi[\s-]cloud|portable|vendor[\s-]neutral",
)
def _lock_in(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "no_lock_in", True)


@_rule(
    "constraints.managed",
    r"managed\s+services?\s+(?:preferred|only|first)|"
    r"prefer(?:s|red)?\s+managed|fully[\s-]managed|serverless|minimal ops|no ops|"
    r"low ops|little ops",
)
def _managed(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "managed_preferred", True)


@_rule("constraints.self_hosted", r"self[\s-]host(?:ed|ing)?|run (?:it|everything) ourselves")
def _self_hosted(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "managed_preferred", False)


@_rule("needs.delivery", r"\b(?P<d>exactly|at[\s-]least|at[\s-]most)[\s-]once\b")
def _delivery(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "delivery", re.sub(r"\s", "-", m.group(0)))


@_rule(
    "needs.ordering",
    r"(?P<g>global(?:ly)?\s+)?(?:strict(?:ly)?\s+order(?:ing|ed)|in[\s-]order\s+"
    r"(?:delivery|processing)|(?:message|event)\s+ordering|preserv(?:e|es|ing)\s+(?:the\s+)?"
    r"order|ordered\s+(?:delivery|per))",
)
def _ordering(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "ordering", "global" if m.group("g") else "per-key")


@_rule(
    "needs.consistency",
    r"\b(?P<c>strong|eventual|read[\s-]your[\s-]writes)(?:ly)?\s*"
    r"consisten(?:t|cy)",
)
def _consistency(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "consistency", m.group("c").replace(" ", "-"))


def _tech_rules() -> None:
    """Experience and stack: negative forms first so 'no Kafka experience' is not positive."""
    tech = r"(?:[a-z][a-z0-9.+#/-]*(?:\s+[a-z][a-z0-9.+#/-]*)?)"

    @_rule(
        "team.lacks",
        r"(?:\bno|without|zero|little|lack(?:s|ing)?(?:\s+of)?|not much)\s+"
        + tech
        + r"\s+(?:experience|expertise|knowledge|skills?|background)|"
        r"(?:never\s+(?:used|run|operated)|(?:don't|do not|doesn't)\s+know)\s+" + tech,
    )
    def _lacks(m: re.Match[str], d: Draft) -> bool:
        words = known_technologies(m.group(0))
        d.avoid.extend(w for w in words if w not in d.avoid)
        return bool(words)

    @_rule(
        "team.knows",
        r"(?:experience\s+(?:with|in)|(?:we|team|they)\s+(?:already\s+)?"
        r"(?:use|run|know|operate|have)s?|existing|currently\s+(?:use|run)|familiar\s+with|"
        r"comfortable\s+with|skilled\s+in|strong\s+in)\s+[a-z0-9 ,.+#/-]{1,60}|"
        + tech
        + r"\s+(?:in production|experience|expertise|shop|team)\b",
    )
    def _knows(m: re.Match[str], d: Draft) -> bool:
        words = [w for w in known_technologies(m.group(0)) if w not in d.avoid]
        d.experience.extend(w for w in words if w not in d.experience)
        if re.search(r"production|\brun|existing|operate|currently", m.group(0)):
            d.stack.extend(w for w in words if w not in d.stack)
        return bool(words)


_tech_rules()


@cache
def _vocabulary() -> dict[str, Any]:
    text = (resources.files("archwright.generate") / "vocabulary.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


@cache
def _tech_regex() -> re.Pattern[str]:
    words = sorted(_vocabulary()["technologies"], key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(w) for w in words) + r")(?![a-z0-9])")


def known_technologies(text: str) -> list[str]:
    """Catalog family words for technology names in `text`, in order of appearance."""
    table: dict[str, str] = _vocabulary()["technologies"]
    out: list[str] = []
    for m in _tech_regex().finditer(text.lower()):
        if table[m.group(1)] not in out:
            out.append(table[m.group(1)])
    return out


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
    for pid, start, end in match_features(text):
        spans.append((start, end))
        if pid not in features:
            features.append(pid)
    for m in _tech_regex().finditer(lowered):
        spans.append((m.start(), m.end()))
    _fold(draft)
    draft.data["description"] = text.strip()
    draft.data["features"] = features
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


_SPLIT = re.compile(r"[.;!?\n]+(?:\s|$)|,(?!\d)\s*|\s+-\s+|\(|\)")
_TOKEN = re.compile(r"[a-z][a-z'.+#-]*")


def _leftovers(text: str, spans: list[tuple[int, int]]) -> list[str]:
    stop = set(_vocabulary()["stopwords"])
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
