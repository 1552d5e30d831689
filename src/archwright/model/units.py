"""Quantities with units in architecture files.

People write `timeout_ms: 2s` or `data_gb: 10TB`; the model stores plain numbers in the
unit its field name states, so every analysis reads one unit. A string with a unit we do
not know is an error that names the unit, never a silent zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

_NUMBER = re.compile(r"^\s*([-+]?\d[\d,_]*(?:\.\d+)?|[-+]?\.\d+)\s*([A-Za-z%/µ]*)\s*$")

_DURATION_MS = {
    "": 1.0,
    "ms": 1.0,
    "msec": 1.0,
    "millis": 1.0,
    "us": 0.001,
    "µs": 0.001,
    "s": 1000.0,
    "sec": 1000.0,
    "secs": 1000.0,
    "second": 1000.0,
    "seconds": 1000.0,
    "m": 60_000.0,
    "min": 60_000.0,
    "mins": 60_000.0,
    "minute": 60_000.0,
    "minutes": 60_000.0,
    "h": 3_600_000.0,
    "hr": 3_600_000.0,
    "hour": 3_600_000.0,
    "hours": 3_600_000.0,
    "d": 86_400_000.0,
    "day": 86_400_000.0,
    "days": 86_400_000.0,
}
_SIZE_BYTES = {
    "b": 1.0,
    "kb": 1e3,
    "mb": 1e6,
    "gb": 1e9,
    "tb": 1e12,
    "pb": 1e15,
    "kib": 1024.0,
    "mib": 1024.0**2,
    "gib": 1024.0**3,
    "tib": 1024.0**4,
    "pib": 1024.0**5,
}


def _split(value: str) -> tuple[float, str]:
    match = _NUMBER.match(value)
    if not match:
        raise ValueError(f"expected a number with an optional unit, got {value!r}")
    number = float(match.group(1).replace(",", "").replace("_", ""))
    return number, match.group(2)


def _duration(scale_ms: float) -> Any:
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        number, unit = _split(value)
        factor = _DURATION_MS.get(unit.lower()) if unit else scale_ms
        if factor is None:
            raise ValueError(f"unknown time unit {unit!r} in {value!r} (use ms, s, min, h, d)")
        return number * factor / scale_ms

    return parse


def _size(scale_bytes: float) -> Any:
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        number, unit = _split(value)
        factor = _SIZE_BYTES.get(unit.lower()) if unit else scale_bytes
        if factor is None:
            raise ValueError(f"unknown size unit {unit!r} in {value!r} (use KB, MB, GB, TB)")
        return number * factor / scale_bytes

    return parse


def _fraction(value: Any) -> Any:
    """Accept 0.999 or '99.9%' for a probability-like field."""
    if isinstance(value, str):
        number, unit = _split(value)
        if unit == "%":
            return number / 100.0
        if unit:
            raise ValueError(f"unknown unit {unit!r} in {value!r} (use a fraction or a percent)")
        return number
    return value


def _percent(value: Any) -> Any:
    """Accept 99.95 or '99.95%' for an SLO percentage."""
    if isinstance(value, str):
        number, unit = _split(value)
        if unit not in ("", "%"):
            raise ValueError(f"unknown unit {unit!r} in {value!r} (use a percent like 99.9)")
        return number
    return value


def _count(value: Any) -> Any:
    """Accept 5000000, '5M', '100K', '2,000' for counts and rates."""
    if isinstance(value, str):
        number, unit = _split(value.replace("/s", ""))
        factor = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9}.get(unit.lower())
        if factor is None:
            raise ValueError(f"unknown multiplier {unit!r} in {value!r} (use K, M or B)")
        return number * factor
    return value


_NUM_OR_STR: Any = float | str


@dataclass(frozen=True)
class Bound:
    """The range one kind of number may take in a model, with why it stops there.

    Every number read from a file is finite and inside one of these: analyses multiply
    them (rps x calls x payload), exporters loop over them (read replicas), and an
    unbounded value turns into an OverflowError or a gigabyte-sized loop far from the line
    that caused it. The table is printed in docs/model.md and a test keeps the two in sync.
    """

    name: str
    low: float
    high: float
    unit: str
    why: str


_TEN_YEARS_MS = 10 * 365 * 86_400_000.0

BOUNDS: dict[str, Bound] = {
    b.name: b
    for b in (
        Bound("count", 0, 1e12, "1", "users, requests/s, events/s, connections"),
        Bound("replicas", 0, 1_000_000, "instances", "replicas, autoscaling limits"),
        Bound("read_replicas", 0, 100, "copies", "read-only copies of a datastore"),
        Bound("shards", 1, 100_000, "partitions", "partitions of a datastore"),
        Bound("concurrency", 1, 1_000_000, "requests", "requests one replica serves at once"),
        Bound(
            "calls",
            0,
            10_000_000,
            "calls/request",
            "calls per request of the source (a fleet's telemetry per user request)",
        ),
        Bound("retries", 0, 100, "attempts", "retries of one call"),
        Bound("duration", 0, _TEN_YEARS_MS, "ms", "times: 10 years, in any unit"),
        Bound("days", 0, 36_500, "days", "retention: 100 years"),
        Bound("payload", 0, 1e9, "KB", "one payload: 1 TB"),
        Bound("storage", 0, 1e9, "GB", "data held: 1 EB"),
        Bound("fraction", 0, 1, "1", "availability, hit ratio, shares"),
        Bound("percent", 0, 100, "%", "SLO availability (above 0)"),
        Bound("ratio", 0, 1e9, "1", "reads per write (above 0)"),
        Bound("growth", 0, 1_000, "x/year", "yearly growth factor"),
        Bound("team", 1, 1_000_000, "people", "team size"),
        Bound("money", 0, 1e12, "USD", "monthly budget"),
        Bound("tokens", 0, 100_000_000, "tokens", "tokens per request, context window"),
    )
}


def bounded(name: str, scale: float = 1.0, *, above_low: bool = False) -> Any:
    """The pydantic constraint of bound `name`, in a field whose unit is `scale` of it.

    `scale` lets one duration bound serve `timeout_ms`, `ttl_seconds` and `rpo_minutes`.
    """
    bound = BOUNDS[name]
    low = bound.low / scale
    high = bound.high / scale
    if above_low:
        return Field(gt=low, le=high, allow_inf_nan=False)
    return Field(ge=low, le=high, allow_inf_nan=False)


def bounded_int(name: str) -> Any:
    """The constraint of an integer bound (replicas, shards, days...)."""
    bound = BOUNDS[name]
    return Field(ge=int(bound.low), le=int(bound.high))


Milliseconds = Annotated[
    float,
    bounded("duration"),
    BeforeValidator(_duration(1.0), json_schema_input_type=_NUM_OR_STR),
]
Minutes = Annotated[
    float,
    bounded("duration", 60_000.0),
    BeforeValidator(_duration(60_000.0), json_schema_input_type=_NUM_OR_STR),
]
Seconds = Annotated[
    float,
    bounded("duration", 1000.0),
    BeforeValidator(_duration(1000.0), json_schema_input_type=_NUM_OR_STR),
]
Kilobytes = Annotated[
    float, bounded("payload"), BeforeValidator(_size(1e3), json_schema_input_type=_NUM_OR_STR)
]
Gigabytes = Annotated[
    float, bounded("storage"), BeforeValidator(_size(1e9), json_schema_input_type=_NUM_OR_STR)
]
Fraction = Annotated[
    float, bounded("fraction"), BeforeValidator(_fraction, json_schema_input_type=_NUM_OR_STR)
]
Percent = Annotated[
    float,
    bounded("percent", above_low=True),
    BeforeValidator(_percent, json_schema_input_type=_NUM_OR_STR),
]
Count = Annotated[
    float, bounded("count"), BeforeValidator(_count, json_schema_input_type=_NUM_OR_STR)
]
Calls = Annotated[float, bounded("calls")]
Ratio = Annotated[float, bounded("ratio", above_low=True)]
Growth = Annotated[float, bounded("growth")]
Money = Annotated[float, bounded("money")]
Replicas = Annotated[int, bounded_int("replicas")]
ReadReplicas = Annotated[int, bounded_int("read_replicas")]
Shards = Annotated[int, bounded_int("shards")]
Concurrency = Annotated[int, bounded_int("concurrency")]
Retries = Annotated[int, bounded_int("retries")]
Days = Annotated[int, bounded_int("days")]
TeamSize = Annotated[int, bounded_int("team")]
Tokens = Annotated[
    float, bounded("tokens"), BeforeValidator(_count, json_schema_input_type=_NUM_OR_STR)
]
