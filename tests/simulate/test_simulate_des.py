"""The discrete-event reference on what the formulas do not cover."""

from __future__ import annotations

import dataclasses

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


def test_work_capacity_binds_before_the_slots_as_in_the_analytic_model() -> None:
    """A Fargate task: 100 slots but 5 requests' worth of work at once (250 rps, 20 ms).
    Holding slots through a 100 ms call leaves them a quarter used, so the wait is for
    a worker: M/M/5 at 0.8, as `capacity._station` puts it."""
    from archwright.simulate.capacity import evaluate

    arch = make_arch(
        [
            {"id": "s", "kind": "service", "technology": "aws-ecs-fargate", "replicas": 1},
            station("t", 1000, 100.0),
        ],
        [{"source": "client", "target": "s"}, {"source": "s", "target": "t"}],
    )
    net = build(arch)
    i = net.index["s"]
    assert net.profiles[i].work_servers == 5 and net.profiles[i].servers == 100
    analytic = evaluate(net, 200.0)
    stats = run(net, 200.0, DesConfig(requests=40_000, seed=3))
    assert analytic.utilization[i] == pytest.approx(0.8)
    assert stats.utilization["s"] == pytest.approx(0.8, rel=0.03)
    assert stats.wait["s"] == pytest.approx(analytic.waits[i].mean, rel=0.12)
    assert stats.sojourn["s"].mean() == pytest.approx(analytic.response_ms[i], rel=0.03)


def test_fractional_work_capacity_keeps_its_requests_per_second() -> None:
    """2.5 workers' worth of work runs as 3 workers at 5/6 speed: the same 125 rps of
    work, so at 100 rps the busier resource is 80% used, as the analytic model says."""
    arch = make_arch(
        [{"id": "s", "kind": "service", "technology": "aws-ecs-fargate", "shards": 1}],
        [{"source": "client", "target": "s"}],
    )
    arch.components[1].replicas = 1
    net = build(arch)
    i = net.index["s"]
    net.profiles[i] = dataclasses.replace(net.profiles[i], work_servers=2.5)
    stats = run(net, 100.0, DesConfig(requests=30_000, seed=5))
    assert stats.utilization["s"] == pytest.approx(0.8, rel=0.03)
    # Own work lasts 20 ms × 3 / 2.5 = 24 ms at the reduced speed, plus the wait.
    assert stats.sojourn["s"].mean() > 24.0
