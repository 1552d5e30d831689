"""The discrete-event reference on what the formulas do not cover."""

from __future__ import annotations

import pytest
from simulate_helpers import make_arch, station

from archwright.simulate.des import DesConfig, run
from archwright.simulate.flow import build


def single(servers: int = 1, service: float = 10.0, **conn: object) -> object:
    return make_arch(
        [station("s", servers, service)], [{"source": "client", "target": "s", **conn}]
    )


def test_same_seed_same_numbers_other_seed_other_numbers() -> None:
    net = build(single())
    a = run(net, 50.0, DesConfig(requests=5_000, seed=4))
    b = run(net, 50.0, DesConfig(requests=5_000, seed=4))
    c = run(net, 50.0, DesConfig(requests=5_000, seed=5))
    assert a.sojourn["s"].tolist() == b.sojourn["s"].tolist()
    assert a.sojourn["s"].tolist() != c.sojourn["s"].tolist()


def test_deterministic_service_matches_pollaczek_khinchine() -> None:
    # M/D/1 at ρ = 0.7, s = 10 ms: W = ρ s / (2 (1 − ρ)) = 11.67 ms, half the M/M/1 wait.
    net = build(single())
    stats = run(net, 70.0, DesConfig(requests=40_000, seed=3, service="det"))
    assert stats.wait["s"] == pytest.approx(0.7 * 10 / (2 * 0.3), rel=0.08)


def test_lognormal_service_keeps_the_mean() -> None:
    net = build(single(servers=1000))
    stats = run(net, 100.0, DesConfig(requests=20_000, seed=3, service="lognormal", cv=2.0))
    assert stats.sojourn["s"].mean() == pytest.approx(10.0, rel=0.05)
    assert stats.summary(stats.sojourn["s"])["p99"] > 4.6 * 10.0  # heavier than exponential


@pytest.mark.parametrize("arrivals", ["batch", "mmpp"])
def test_bursty_arrivals_wait_longer_than_poisson(arrivals: str) -> None:
    net = build(single(servers=2))
    poisson = run(net, 140.0, DesConfig(requests=15_000, seed=6))
    bursty = run(net, 140.0, DesConfig(requests=15_000, seed=6, arrivals=arrivals))
    assert bursty.wait["s"] > 2.0 * poisson.wait["s"]


def test_timeouts_abandon_slow_calls_and_retry() -> None:
    arch = make_arch(
        [station("api", 1000, 1.0), station("slow", 1000, 100.0)],
        [
            {"source": "client", "target": "api"},
            {"source": "api", "target": "slow", "timeout_ms": 50, "retries": 1},
        ],
    )
    stats = run(build(arch), 50.0, DesConfig(requests=5_000, seed=2))
    # P(Exp(100 ms) > 50 ms) = e^-0.5 = 0.607 per attempt; two attempts fail 0.368.
    assert stats.failed / (stats.failed + stats.completed) == pytest.approx(0.368, abs=0.03)
    # A success took at most two attempts of at most 50 ms each, plus api's own work.
    assert stats.summary(stats.end_to_end["client"])["p99"] <= 2 * 50.0 + 10.0
    off = run(build(arch), 50.0, DesConfig(requests=5_000, seed=2, timeouts=False))
    assert off.failed == 0
