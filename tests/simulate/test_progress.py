"""The long engines' progress callback: bounded, never decreasing, ending at 1.0, and
the results are the same with it as without it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from archwright.archfile import load_architecture
from archwright.simulate import DesConfig, build, run
from archwright.simulate.availability import availability
from archwright.simulate.progress import STEPS, Steps

ROOT = Path(__file__).resolve().parents[2]
ARCH = load_architecture(ROOT / "examples" / "three_tier.yaml")


def _check(reports: list[float]) -> None:
    assert reports == sorted(reports), "never decreasing"
    assert reports[-1] == 1.0 and all(0.0 <= f <= 1.0 for f in reports)
    assert len(reports) <= STEPS + 1, "at most one report per percent, plus the end"


def test_the_des_reports_each_percent_and_its_numbers_do_not_change() -> None:
    reports: list[float] = []
    config = DesConfig(requests=50_000, seed=3)
    with_progress = run(build(ARCH), 500.0, config, reports.append)
    _check(reports)
    assert len(reports) >= 50, "the run is reported along the way, not only at the end"
    without = run(build(ARCH), 500.0, config)
    assert with_progress.completed == without.completed
    for cid, values in without.sojourn.items():
        assert np.array_equal(with_progress.sojourn[cid], values)


def test_monte_carlo_reports_along_the_journeys_and_its_numbers_do_not_change() -> None:
    reports: list[float] = []
    seen = availability(
        ARCH, 100.0, method="monte_carlo", samples=5_000, seed=2, progress=reports.append
    )
    _check(reports)
    assert len(reports) >= 3 and reports[0] < 1.0
    assert seen == availability(ARCH, 100.0, method="monte_carlo", samples=5_000, seed=2)


def test_exact_availability_still_ends_at_one() -> None:
    reports: list[float] = []
    availability(ARCH, 100.0, progress=reports.append)
    assert reports == [1.0]


@pytest.mark.parametrize(
    ("given", "heard"),
    [
        ([0.0, 0.001, 0.005, 0.01, 0.5, 0.4, 0.503, 1.0, 1.0], [0.0, 0.01, 0.5, 1.0]),
        ([-3.0, 2.0], [0.0, 1.0]),  # clamped into [0, 1]
        ([0.994, 0.999, 1.0], [0.994, 1.0]),  # the end is always heard, once
    ],
)
def test_steps_forward_growth_of_a_percent_and_the_end(
    given: list[float], heard: list[float]
) -> None:
    out: list[float] = []
    steps = Steps(out.append)
    for fraction in given:
        steps(fraction)
    assert out == heard


def test_parts_map_onto_the_whole_run() -> None:
    out: list[float] = []
    steps = Steps(out.append)
    for index in range(4):
        part = steps.part(index, 4)
        part(0.5)
        part(1.0)
    assert out == [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1.0]
