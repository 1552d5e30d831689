"""Integrity of the simulation defaults (data, not code) and of the public API."""

from __future__ import annotations

import archwright.simulate as simulate_pkg
from archwright.model import Kind
from archwright.simulate.profile import defaults


def test_every_kind_has_defaults_in_range() -> None:
    kinds = defaults().kinds
    assert set(kinds) == {k.value for k in Kind}
    for kind, values in kinds.items():
        assert set(values) <= {"concurrency", "service_time_ms", "availability", "unbounded"}, kind
        assert int(values["concurrency"]) >= 1, kind
        assert float(values["service_time_ms"]) >= 0, kind
        assert 0.9 <= float(values["availability"]) <= 1.0, kind
    assert kinds["client"]["service_time_ms"] == 0  # traffic starts there: no work of ours


def test_global_defaults_are_sane() -> None:
    d = defaults()
    assert d.default_rps > 0
    assert d.default_timeout_ms > 0
    assert 0.99 <= d.zone_availability < 1.0
    assert d.minutes_per_month == 30 * 24 * 60
    assert 0.0 <= d.default_hit_ratio < 1.0


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
