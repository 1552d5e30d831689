"""Extraction rules for scale and service levels: users, rates, data, growth, latency,
availability, RPO/RTO and the read:write ratio. Order matters: earlier rules claim their
span first ("5M DAU" before the bare "5M users" reading)."""

from __future__ import annotations

import re

from archwright.generate.phrasing import (
    NINES,
    NUM,
    PERIOD_SECONDS,
    SIZE_GB,
    TIME_UNIT,
    Draft,
    RuleTable,
    number,
    to_ms,
    words,
)

TABLE = RuleTable()
_rule = TABLE.rule
_RATE = r"\s*(?:/\s*s(?:ec(?:ond)?)?\b|per\s+sec(?:ond)?\b|a\s+second\b|ps\b)"
_THINGS = (
    r"(?:writes?|inserts?|updates?|orders?|messages?|msgs?|events?|payments?|transactions?|"
    r"uploads?|posts?|rides?|bookings?|clicks?|logs?|log lines|metrics?|data points|"
    r"location updates?|pings?|impressions?|tweets?|trades?|jobs?|tasks?|notifications?|"
    r"emails?|calls?|documents?|records?|rows?|tokens?|prompts?|links?|pages?|files?|ids|operations?|ops|items?)"
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
    NUM + r"[\s-]*(?:" + words("users") + r"|(?P<people>people))\b",
)
def _users(m: re.Match[str], d: Draft) -> bool | None:
    if m.group("people") and number(m) < 1000:
        return False  # "10 people" is a team; "5 million people" an audience
    d.assumptions.append(
        f"'{m.group(0).strip()}' read as {number(m):,.0f} daily active users (an upper bound)"
    )
    d.put("scale", "dau", number(m))
    return True


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
    NUM
    + r"\s*(?:[a-z]+\s+)?"
    + _THINGS
    + r"\s*(?:/|\s(?:per|a|each)\s)\s*(?P<per>day|hour|minute|month)",
)
def _daily(m: re.Match[str], d: Draft) -> None:
    rate = number(m) / PERIOD_SECONDS[m.group("per")]
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
    d.put("scale", "payload_kb", number(m) * SIZE_GB[m.group("su")] * 1e6)


@_rule(
    "scale.growth_data",
    NUM + r"\s*(?P<su>kb|mb|gb|tb|pb)\b\s*(?:of\s+(?:new\s+)?[a-z]+\s+)?"
    r"(?:/|per|a|each|every)\s*(?P<per>year|yr|month|day)",
)
def _growth_data(m: re.Match[str], d: Draft) -> None:
    per_year = {"year": 1, "yr": 1, "month": 12, "day": 365}[m.group("per")]
    d.data_per_year_gb = number(m) * SIZE_GB[m.group("su")] * per_year


@_rule("scale.data", NUM + r"\s*(?P<su>gb|tb|pb)\b")
def _data(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "data_gb", number(m) * SIZE_GB[m.group("su")])


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
    r"(?:p\d{2}(?:\.\d{1,2})?|latency|response times?)\s*(?:latency\s*)?"
    r"(?:(?:budget|target|goal|must|should|stay|stays|be|is|remain|kept)\s+){0,3}"
    r"(?:<=|<|≤|=|:|under|below|of|within|less than|at most|below)?\s*"
    + NUM
    + r"\s*"
    + TIME_UNIT
    + r"\b",
)
def _latency(m: re.Match[str], d: Draft) -> None:
    if not m.group(0).startswith("p99"):
        d.assumptions.append(f"'{m.group(0).strip()}' taken as the P99 latency target")
    d.put("slo", "p99_latency_ms", to_ms(number(m), m.group("unit")))


@_rule("slo.nines", r"\b(?P<n>two|three|four|five|six|[2-6])[\s-]+nines\b")
def _nines(m: re.Match[str], d: Draft) -> None:
    n = m.group("n")
    words = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
    d.put("slo", "availability", NINES[words.get(n, n)])


@_rule(
    "slo.availability",
    r"(?<![\d.])(?P<pct>9\d(?:\.\d{1,6})?)\s*(?:%|percent\b)\s*"
    r"(?:uptime|availability|available|sla|slo)?",
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
    r"(?:(?P<zero>zero|0)\b|" + NUM + r"\s*" + TIME_UNIT + r"\b)",
)
def _rpo(m: re.Match[str], d: Draft) -> None:
    minutes = 0.0 if m.group("zero") else to_ms(number(m), m.group("unit")) / 60_000
    d.put("slo", f"{m.group('which')}_minutes", minutes)


@_rule("slo.no_data_loss", r"(?:zero|no)\s+data\s+loss")
def _no_loss(m: re.Match[str], d: Draft) -> None:
    d.put("slo", "rpo_minutes", 0.0)


@_rule(
    "scale.ratio",
    r"(?:read[\s-]heavy\s*\(?\s*)?(?<!\d)(?P<r>\d{1,6})\s*:\s*(?P<w>\d{1,6})\s*"
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
