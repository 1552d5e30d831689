"""Quantities with units in architecture files.

People write `timeout_ms: 2s` or `data_gb: 10TB`; the model stores plain numbers in the
unit its field name states, so every analysis reads one unit. A string with a unit we do
not know is an error that names the unit, never a silent zero.
"""

from __future__ import annotations

import re
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

Milliseconds = Annotated[
    float, Field(ge=0), BeforeValidator(_duration(1.0), json_schema_input_type=_NUM_OR_STR)
]
Minutes = Annotated[
    float, Field(ge=0), BeforeValidator(_duration(60_000.0), json_schema_input_type=_NUM_OR_STR)
]
Seconds = Annotated[
    float, Field(ge=0), BeforeValidator(_duration(1000.0), json_schema_input_type=_NUM_OR_STR)
]
Kilobytes = Annotated[
    float, Field(ge=0), BeforeValidator(_size(1e3), json_schema_input_type=_NUM_OR_STR)
]
Gigabytes = Annotated[
    float, Field(ge=0), BeforeValidator(_size(1e9), json_schema_input_type=_NUM_OR_STR)
]
Fraction = Annotated[
    float, Field(ge=0, le=1), BeforeValidator(_fraction, json_schema_input_type=_NUM_OR_STR)
]
Percent = Annotated[
    float, Field(gt=0, le=100), BeforeValidator(_percent, json_schema_input_type=_NUM_OR_STR)
]
Count = Annotated[float, Field(ge=0), BeforeValidator(_count, json_schema_input_type=_NUM_OR_STR)]
