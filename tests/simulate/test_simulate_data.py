"""Integrity of the simulation defaults (data, not code) and of the public API."""

from __future__ import annotations

import archwright.simulate as simulate_pkg
from archwright.simulate.settings import defaults


def test_global_defaults_are_sane() -> None:
    d = defaults()
    assert d.default_rps > 0
    assert d.default_timeout_ms > 0
    assert 0.99 <= d.zone_availability < 1.0
    assert d.minutes_per_month == 30 * 24 * 60


def test_public_api_is_pinned() -> None:
    assert sorted(simulate_pkg.__all__) == [
        "ChaosInputError",
        "DesConfig",
        "DesStats",
        "Network",
        "Scenario",
        "availability",
        "build",
        "chaos",
        "default_rps",
        "parse_slow",
        "run",
        "simulate",
        "sweep",
    ]
    for name in simulate_pkg.__all__:
        assert hasattr(simulate_pkg, name)
