"""The plain-float station quantiles agree with the numpy bisection they stand in for."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from archwright.simulate.queueing import PLAIN_STATIONS, sojourn_quantiles, station_quantiles


def _stations(count: int, seed: int) -> tuple[list[float], list[float], list[float]]:
    """Stations of every shape the capacity model makes: no wait (theta inf), a wait,
    a saturated one (theta 0), no spread (sd 0) and an ordinary exponential."""
    rng = random.Random(seed)
    p_wait = [rng.choice([0.0, rng.random()]) for _ in range(count)]
    theta = [rng.choice([math.inf, rng.uniform(0.001, 5.0), 0.0]) for _ in range(count)]
    sd = [rng.choice([0.0, rng.uniform(0.01, 200.0)]) for _ in range(count)]
    return p_wait, theta, sd


def test_plain_floats_agree_with_the_arrays() -> None:
    """Few distinct stations take the math.exp path; every quantile matches numpy's to
    1e-12 (np.exp and math.exp may differ in the last bit on some CPUs; measured equal
    for all 9,000 figures of 3,000 random stations on an AVX-512 one)."""
    p_wait, theta, sd = _stations(PLAIN_STATIONS, 3)
    got = station_quantiles(p_wait, theta, sd)
    want = sojourn_quantiles(np.array(p_wait), np.array(theta), np.array(sd))
    assert set(got) == {"p50", "p95", "p99"}
    for name, values in got.items():
        assert isinstance(values, list) and len(values) == PLAIN_STATIONS
        for mine, theirs in zip(values, want[name].tolist()):
            if math.isnan(theirs):
                assert math.isnan(mine)
            else:
                assert mine == pytest.approx(theirs, rel=1e-12, abs=1e-12)


def test_many_distinct_stations_use_the_arrays() -> None:
    """Past PLAIN_STATIONS distinct stations the arrays answer, as lists."""
    p_wait, theta, sd = _stations(PLAIN_STATIONS + 1, 5)
    got = station_quantiles(p_wait, theta, sd)
    want = sojourn_quantiles(np.array(p_wait), np.array(theta), np.array(sd))
    for name, values in got.items():
        assert np.array_equal(np.array(values), want[name], equal_nan=True)


def test_repeated_stations_are_bisected_once_and_answered_in_order() -> None:
    got = station_quantiles([0.0, 0.5, 0.0], [math.inf, 0.2, math.inf], [1.0, 3.0, 1.0])
    assert got["p50"][0] == got["p50"][2] == pytest.approx(math.log(2), rel=1e-9)
    assert got["p99"][1] > got["p99"][0]
