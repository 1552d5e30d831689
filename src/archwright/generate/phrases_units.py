"""Extraction rules for quantities whose unit decides what they mean: rate ranges
("2K→80K events/s"), requests per period ("1.2B requests/month"), media time ("2 hours
watched per user per day" is watch time, not two requests), device counts ("5M devices"
is not a team of five), reporting intervals, retention ("13 months"), and latency said
value-first ("under 50 ms p99", "sub-second").

These run before `phrases_scale` and `phrases_context`, so the span a unit explains is
claimed here before a looser rule reads the bare number.
"""

from __future__ import annotations

import math
import re

from archwright.generate.phrasing import (
    NUM,
    PERIOD,
    PERIOD_SECONDS,
    TIME_UNIT,
    Draft,
    RuleTable,
    number,
    period_days,
    renamed,
    to_ms,
    words,
)
from archwright.model.units import BOUNDS

TABLE = RuleTable()
_rule = TABLE.rule
_EVENTS = (
    r"(?:events?|messages?|msgs?|writes?|records?|requests?|req|rps|qps|tps|ops|operations?|"
    r"data points|readings?|pings?|metrics?|transactions?)"
)
_PER_S = r"(?:\s*/\s*s(?:ec(?:ond)?)?\b|\s+per\s+sec(?:ond)?\b|\s+a\s+second\b|(?<=[rqt]ps))"
_CMP = r"(?:under|below|less than|within|at most|no more than|<=|<|≤)"


@_rule(
    "scale.rate_range",
    r"(?:from\s+)?"
    + renamed(NUM, "1")
    + r"\s*(?:→|->|=>|to|–|—)\s*"
    + NUM
    + r"\s*"
    + _EVENTS
    + _PER_S
    + r"(?:\s+(?:within|in|over)\s+"
    + renamed(NUM, "y")
    + r"\s*(?P<per>years?|months?))?",
)
def _range(m: re.Match[str], d: Draft) -> None:
    low, high = number(m, "1"), number(m)
    d.put("scale", "events_per_second", high)
    d.writes_per_s = d.writes_per_s or high
    d.assumptions.append(
        f"'{m.group(0).strip()}' sized for the upper end, {high:,.0f}/s ({low:,.0f}/s today)"
    )
    if m.group("numy") and low > 0 and high > low:
        years = number(m, "y") * period_days(m.group("per")) / 365
        if years > 0:
            d.put("scale", "growth_per_year", math.pow(high / low, 1 / years))


@_rule(
    "scale.requests_per_period",
    NUM + r"\s*(?:api\s+)?(?:requests?|req|queries|api calls|calls|page ?views|hits)\s*"
    r"(?:/|per|a|each|every)\s*(?P<per>month|day|hour|minute)\b",
)
def _requests_per_period(m: re.Match[str], d: Draft) -> None:
    rate = number(m) / PERIOD_SECONDS[m.group("per")]
    d.put("scale", "avg_rps", rate)
    d.assumptions.append(
        f"'{m.group(0).strip()}' spread evenly: {rate:,.1f} requests per second on average"
    )


_MEDIA = words("media")
_HOURS = r"(?P<unit>hours?|hrs?|h|minutes?|mins?)"


@_rule(
    "scale.watch_time",
    r"(?:(?P<verb>" + _MEDIA + r")\s+(?:time\s+)?(?:of\s+)?"
    r"(?:(?!per\b|a\b|an\b|for\b|about\b)[a-z0-9-]+\s+){0,2}?(?:for\s+)?"
    r"(?:about\s+|around\s+|roughly\s+)?)?"
    r"(?:"
    + NUM
    + r"\s*"
    + _HOURS
    + r"|(?P<an>an|one|half\s+an)\s+hour)"
    + r"(?:\s+(?:of\s+)?(?P<noun>"
    + _MEDIA
    + r"))?(?:\s+(?:per|a|each)\s+(?:user|viewer|listener|member|subscriber|person))?"
    r"\s+(?:(?:per|a|each)\s+day|daily)",
)
def _watch(m: re.Match[str], d: Draft) -> bool:
    if not (m.group("verb") or m.group("noun")):
        return False  # "2 hours per user per day" of what? Not media time.
    if m.group("an"):
        hours = 0.5 if m.group("an").startswith("half") else 1.0
    else:
        hours = to_ms(number(m), m.group("unit")) / 3.6e6
    if hours > 24:
        return False
    d.put("scale", "watch_hours_per_user_day", hours)
    d.assumptions.append(
        f"'{m.group(0).strip()}' read as {hours:g} hours of media per user a day: "
        "it drives bandwidth and egress, not requests"
    )
    return True


@_rule(
    "scale.devices",
    NUM
    + r"[\s-]*(?:(?!and\b|or\b|of\b|per\b|with\b)[a-z][a-z-]*\s+){0,2}?"
    + words("devices")
    + r"\b|device\s+count\s*[:=]?\s*(?:of\s+)?"
    + renamed(NUM, "2"),
)
def _devices(m: re.Match[str], d: Draft) -> None:
    d.put("scale", "devices", number(m) if m.group("num") else number(m, "2"))


@_rule(
    "scale.report_interval",
    r"\b(?:(?:sending|reporting|publishing|emitting|pushing|uploading|transmitting)\s+"
    r"(?:(?!every\b|once\b)[a-z-]+\s+){0,2})?"
    r"(?:every\s+(?:" + NUM + r"\s*)?" + TIME_UNIT + r"\b|once\s+(?:a|an|per|every)\s+"
    r"(?P<once>second|minute|hour|day)\b)",
)
def _interval(m: re.Match[str], d: Draft) -> bool:
    if not d.data.get("scale", {}).get("devices"):
        return False  # an interval of what? Only a device's reporting interval is read.
    if m.group("once"):
        seconds = PERIOD_SECONDS[m.group("once")]
    else:
        seconds = to_ms(number(m) if m.group("num") else 1.0, m.group("unit")) / 1000
    if seconds <= 0:
        return False
    d.interval_s = seconds
    return True


@_rule(
    "scale.retention",
    r"\b(?:keep|kept|keeps|keeping|retain|retained|retains|retaining|retention|store|stored|"
    r"stores|archive|archived|archives|hold|held|preserve|preserved)\b"
    r"(?:\s+is|\s*:|\s+of|\s+(?:(?!for\b)[a-z][a-z-]*\s+){1,3}?)?\s*(?:for\s+)?"
    + NUM
    + r"[\s-]*"
    + PERIOD
    + r"\b|"
    + renamed(NUM, "2")
    + r"[\s-]*"
    + renamed(PERIOD, "2")
    + r"[\s-]+(?:data\s+)?retention\b",
)
def _retention(m: re.Match[str], d: Draft) -> bool:
    if m.group("num2"):
        days = number(m, "2") * period_days(m.group("per2"))
    else:
        days = number(m) * period_days(m.group("per"))
    if days > BOUNDS["days"].high:
        return False  # "keep 5M months" is no retention a model can hold: left unread
    d.put("scale", "retention_days", round(days))
    return True


@_rule(
    "slo.latency_value_first",
    r"(?:" + _CMP + r"\s*)?" + NUM + r"\s*" + TIME_UNIT + r"\s+(?:at\s+|for\s+)?"
    r"(?P<p>p\d{2}(?:\.\d{1,2})?|latency|response times?)\b",
)
def _latency_first(m: re.Match[str], d: Draft) -> None:
    set_latency(m, d, m.group("p"))


@_rule(
    "slo.sub_second",
    r"\bsub[\s-]?(?:(?P<second>second)|" + NUM + r"\s*" + TIME_UNIT + r")\b"
    r"(?:\s+(?:page\s+loads?|responses?|response\s+times?|latency|(?:search\s+)?results|"
    r"queries|answers|reads))?",
)
def _sub(m: re.Match[str], d: Draft) -> None:
    if m.group("second"):
        d.assumptions.append("'sub-second' taken as a P99 latency target of 1,000 ms")
        d.put("slo", "p99_latency_ms", 1000.0)
    else:
        set_latency(m, d, "")


@_rule(
    "slo.response_within",
    r"\b(?:responses?|respond|answers?|results?|pages?|page loads?|loads?)\s+(?:in\s+)?"
    + _CMP
    + r"\s*"
    + NUM
    + r"\s*"
    + TIME_UNIT
    + r"\b",
)
def _within(m: re.Match[str], d: Draft) -> None:
    set_latency(m, d, "")


def set_latency(m: re.Match[str], d: Draft, percentile: str) -> None:
    """The latency target of a match: a P99 when said so, else read as the P99 (stricter
    than a median target, looser than nothing) with the reading stated."""
    if not percentile.startswith("p99"):
        d.assumptions.append(f"'{m.group(0).strip()}' taken as the P99 latency target")
    d.put("slo", "p99_latency_ms", to_ms(number(m), m.group("unit")))
