"""Numeric command-line options, finite and bounded like the numbers in a model file.

`simulate --rps nan` used to run (and exit 0), `--samples 2000000000` ran out of memory:
a number typed on the command line is input like any other. Every numeric option is
declared through `number_option`, whose callback refuses a non-finite or out-of-range
value as one line (exit 2) before the command starts. The ranges of the model's own
quantities come from `archwright.model.units.BOUNDS`, so `--rps` and `peak_rps` stop at
the same place.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import typer

from archwright.cli.errors import fail

if TYPE_CHECKING:
    from archwright.model.units import Bound

# Options that are not model quantities: (low, high, what). Resolved by name, like the
# model's bounds, so that declaring an option imports nothing (the model costs 150 ms,
# too much for `archwright --help`).
OPTION_BOUNDS: dict[str, tuple[float, float, str]] = {
    "scale": (0, 1e6, "load multiplier of simulate (above 0)"),
    "top": (0, 1_000_000, "rows of a ranking"),
    "seed": (0, 2**32 - 1, "random seed"),
    "factor": (1, 1_000, "peak over average load"),
    "replication": (1, 100, "copies of stored data"),
    "per_user": (0, 1e6, "requests per user per day"),
    "port": (1, 65_535, "TCP port"),
    "des_requests": (1_000, 2_000_000, "external requests of the discrete-event simulation"),
    "horizon": (0, 10, "years of stated growth the scoring looks ahead (above 0)"),
}


def resolve_bound(name: str) -> Bound:
    """The bound called `name`: the model's table first, then the options' own."""
    from archwright.model.units import BOUNDS, Bound

    if name in BOUNDS:
        return BOUNDS[name]
    if name == "samples":  # lives with the sampler
        from archwright.simulate.availability import MAX_SAMPLES, MIN_SAMPLES

        return Bound("samples", MIN_SAMPLES, MAX_SAMPLES, "samples", "Monte Carlo samples")
    low, high, why = OPTION_BOUNDS[name]
    return Bound(name, low, high, "", why)


def number_option(default: Any, *flags: str, bound: str, help: str, above_low: bool = False) -> Any:
    """A `typer.Option` whose value is finite and inside bound `bound` (else one line, exit 2).

    `bound` names a row of `archwright.model.units.BOUNDS` (`count` for a rate) or of
    `OPTION_BOUNDS`; it is looked up when the command runs.
    """
    return typer.Option(
        default, *flags, help=help, callback=_checker(flags[0], bound, above_low=above_low)
    )


def _checker(flag: str, bound: str, *, above_low: bool) -> Any:
    def check(value: float | int | None) -> float | int | None:
        if value is None:
            return None
        problem = out_of_bounds(value, resolve_bound(bound), above_low)
        if problem:
            raise fail(f"{flag} {problem}")
        return value

    return check


def out_of_bounds(value: float, bound: Bound, above_low: bool = False) -> str:
    """Why `value` is refused, or "" when it fits."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"must be a finite number, got {value}"
    low, high = bound.low, bound.high
    if value > high:
        return f"must be at most {_show(high)}, got {_show(value)}"
    if above_low and value <= low:
        return f"must be above {_show(low)}, got {_show(value)}"
    if value < low:
        return f"must be at least {_show(low)}, got {_show(value)}"
    return ""


def _show(value: float) -> str:
    if isinstance(value, int):
        return f"{value:,}" if abs(value) < 10**15 else f"a {len(str(abs(value)))}-digit number"
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:g}"
