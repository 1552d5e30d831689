"""Exact values for the queueing and availability maths, from independent closed forms.

Mutation testing (scripts/mutation.py) showed a wrong Allen–Cunneen factor, a changed
call-variance term or a replica placed in the wrong zone passing the suite; each test
here pins one of those with a value computed another way.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from simulate_helpers import make_arch, station

from archwright.archfile import load_architecture
from archwright.simulate import availability, default_rps
from archwright.simulate.availability import Block, Unit, _unit, _wilson, exact
from archwright.simulate.capacity import evaluate
from archwright.simulate.flow import build
from archwright.simulate.queueing import Hop, Wait, erlang_c, path_quantiles, station_wait

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _erlang_c_closed_form(c: int, a: float) -> float:
    """Erlang C from its textbook sum (not the recursion the code uses)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize(("c", "a"), [(1, 0.5), (2, 1.0), (4, 3.2), (10, 8.0), (30, 20.0)])
def test_erlang_c_matches_the_closed_form(c: int, a: float) -> None:
    assert erlang_c(c, a) == pytest.approx(_erlang_c_closed_form(c, a), rel=1e-12)


def test_erlang_c_boundaries() -> None:
    assert erlang_c(3, 0.0) == 0.0
    assert erlang_c(3, 3.0) == 1.0  # exactly at capacity everyone waits
    assert erlang_c(1, 0.25) == pytest.approx(0.25)  # M/M/1: P(wait) = rho


@pytest.mark.parametrize("scv", [0.0, 0.5, 1.0, 3.0])
def test_allen_cunneen_scales_the_mm_c_wait_by_half_of_one_plus_scv(scv: float) -> None:
    c, lam, hold = 4, 0.3, 10.0  # 3 erlangs on 4 servers
    p = _erlang_c_closed_form(c, lam * hold)
    mm_c = p * hold / (c - lam * hold)
    wait = station_wait(c, lam, hold, scv)
    assert wait.p_wait == pytest.approx(p)
    assert wait.mean == pytest.approx(mm_c * (1.0 + scv) / 2.0)


def test_station_wait_at_and_past_capacity() -> None:
    assert station_wait(2, 0.2, 10.0, 1.0) == Wait(1.0, 0.0)  # offered == servers
    assert station_wait(2, 0.199, 10.0, 1.0).mean < math.inf


def test_a_station_with_no_servers_makes_every_arrival_wait_for_ever() -> None:
    """Zero slots (a service scaled to 0 replicas): the past-capacity answer, P(wait) = 1
    at rate 0 (as `test_station_wait_at_and_past_capacity`), not a division by 0 servers
    (c = ceil(0 − 1e-9) = 0 is not stretched by c / servers)."""
    assert station_wait(0, 0.001, 10.0, 1.0) == Wait(1.0, 0.0)


def test_wait_variance_of_the_mixture() -> None:
    # P(wait) 0.5, then Exp(0.1): E[W] = 5, E[W^2] = 2 * 0.5 / 0.01 = 100, Var = 75.
    assert Wait(0.5, 0.1).variance == pytest.approx(75.0)
    assert Wait(0.0, math.inf).variance == 0.0


@pytest.mark.parametrize(
    ("edge", "scv"),
    [
        # share 0.5: mean 10 + 0.5*30 = 25; var 100 + 0.5*900 + 0.5*0.5*900 = 775.
        ({"share": 0.5}, 775 / 25**2),
        # calls 2: mean 10 + 2*30 = 70; var 100 + 2*900 = 1900 (no gating variance).
        ({"calls": 2}, 1900 / 70**2),
        # one call: mean 40, var 100 + 900.
        ({}, 1000 / 40**2),
        # 2 calls on half the requests: made or not with gate ½, then 2 of b:
        # mean 10 + 0.5*2*30 = 40; var 100 + 1*900 + 0.5*0.5*2²*30² = 1900.
        ({"share": 0.5, "calls": 2}, 1900 / 40**2),
        # 4 calls on a quarter: gate ¼, var 100 + 900 + 0.25*0.75*4²*30² = 3700.
        ({"share": 0.25, "calls": 4}, 3700 / 40**2),
    ],
)
def test_call_variance_reaches_the_callers_holding_time(edge: dict[str, float], scv: float) -> None:
    arch = make_arch(
        [station("a", 4, 10.0), station("b", 4, 30.0)],
        [{"source": "client", "target": "a"}, {"source": "a", "target": "b", **edge}],
    )
    net = build(arch)
    state = evaluate(net, 10.0, queueing=False)
    a = net.ids.index("a")
    assert state.holding_scv[a] == pytest.approx(scv)


def test_two_zones_one_replica_each() -> None:
    a, z = 0.99, 0.999
    unit = Unit("x", 2, 1, a, ("z1", "z2"))
    expected = z * z * (1 - (1 - a) ** 2) + 2 * z * (1 - z) * a
    assert exact([Block((unit,))], z) == pytest.approx(expected, rel=1e-12)


def test_both_replicas_in_one_zone_share_its_fate() -> None:
    a, z = 0.99, 0.999
    unit = Unit("x", 2, 1, a, ("z1", "z1"))
    assert exact([Block((unit,))], z) == pytest.approx(z * (1 - (1 - a) ** 2), rel=1e-12)


def test_replicas_are_placed_round_robin_and_k_follows_the_load() -> None:
    arch = make_arch(
        [station("s", 100, 10.0, replicas=3, zones=["za", "zb"])],
        [{"source": "client", "target": "s"}],
    )
    net = build(arch)
    node = net.index["s"]
    unit = _unit(net, node, 0.0)
    assert unit.zone_of_replica() == ["za", "zb", "za"]
    assert unit.placement() == (("za", 2), ("zb", 1))
    # `busy` is the replicas' worth of load (Profile.replicas_busy).
    assert _unit(net, node, 1.99).k == 2
    assert _unit(net, node, 2.0).k == 3  # two replicas at exactly 100% are saturated
    assert _unit(net, node, math.inf).k == 4


def test_wilson_interval_matches_the_published_value() -> None:
    # 90 successes of 100, 95%: [0.8256, 0.9448] (Wilson 1927; Newcombe 1998, table I).
    low, high = _wilson(0.9, 100)
    assert low == pytest.approx(0.8256, abs=5e-5)
    assert high == pytest.approx(0.9448, abs=5e-5)


def test_overall_availability_is_the_share_weighted_mean_of_the_journeys() -> None:
    arch = load_architecture(EXAMPLES / "three_tier.yaml")
    result = availability(arch, default_rps(arch))
    shares = {j.name: j.share for j in arch.journeys}
    assert set(shares) == set(result["journeys"]) and len(shares) == 2
    values = {name: j["availability"] for name, j in result["journeys"].items()}
    assert len(set(values.values())) == 2  # different journeys, different figures
    expected = sum(shares[n] * values[n] for n in shares) / sum(shares.values())
    assert result["overall"]["availability"] == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("n", [2_000, 100_000, 1_000_000])
def test_windowed_binomial_tail_at_the_median_of_a_fair_coin(n: int) -> None:
    """P(X >= n/2) for X ~ Binomial(n, 1/2) is (1 + P(X = n/2)) / 2 by symmetry; the
    windowed sum for large replica counts must reach it (the window spans 40 standard
    deviations each way, wider than the few hundred terms past k it never drops below)."""
    from archwright.simulate.availability import _binomial_tail

    middle = math.exp(math.lgamma(n + 1) - 2 * math.lgamma(n // 2 + 1) - n * math.log(2))
    assert _binomial_tail(n, n // 2, 0.5) == pytest.approx((1 + middle) / 2, rel=1e-9)


def _mutually_reachable_groups(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Strongly connected components by transitive closure (Warshall), not by Tarjan."""
    reach = [[i == j for j in range(n)] for i in range(n)]
    for a, b in pairs:
        reach[a][b] = True
    for k in range(n):
        for i in range(n):
            if reach[i][k]:
                for j in range(n):
                    reach[i][j] = reach[i][j] or reach[k][j]
    groups = {tuple(j for j in range(n) if reach[i][j] and reach[j][i]) for i in range(n)}
    return sorted(list(g) for g in groups)


@pytest.mark.parametrize("seed", range(6))
def test_scc_order_groups_the_mutually_reachable_and_puts_callers_first(seed: int) -> None:
    import random

    from archwright.cost.traffic import scc_order

    rng = random.Random(seed)
    n = 9
    pairs = sorted({(rng.randrange(n), rng.randrange(n)) for _ in range(14)})
    pairs = [(a, b) for a, b in pairs if a != b]
    order = scc_order(n, pairs)
    assert sorted(order) == _mutually_reachable_groups(n, pairs)
    position = {node: i for i, group in enumerate(order) for node in group}
    for a, b in pairs:  # every edge between groups points forward
        assert position[a] <= position[b], (a, b, order)


def test_call_order_puts_callers_first_and_names_the_edge_that_closes_a_cycle() -> None:
    from archwright.cost.traffic import call_order

    kinds = {"u": "client", "a": "service", "b": "service", "c": "service"}
    arch = make_arch(
        [{"id": cid, "kind": kind} for cid, kind in kinds.items()],
        [{"source": s, "target": t} for s, t in [("u", "a"), ("a", "b"), ("b", "c"), ("c", "a")]],
    )
    order, back = call_order(arch)
    assert order == ["u", "a", "b", "c"]  # depth first from the entry point
    assert back == {("c", "a")}  # the call that returns to a component still on the path


def _erlang_quantile(q: float, stages: int, mean_ms: float) -> float:
    """The q-quantile of a sum of `stages` exponentials of mean `mean_ms` (Erlang),
    by bisection on its survival exp(-x) · sum_{j<k} x^j / j! (x = t / mean)."""
    lo, hi = 0.0, 100.0
    for _ in range(200):
        x = 0.5 * (lo + hi)
        survival = math.exp(-x) * sum(x**j / math.factorial(j) for j in range(stages))
        lo, hi = (x, hi) if survival > 1.0 - q else (lo, x)
    return lo * mean_ms


@pytest.mark.parametrize("times", [1, 2, 3])
def test_a_hop_crossed_n_times_adds_n_independent_service_times(times: int) -> None:
    """A station with no wait visited `times` times on a path: its time is the sum of
    `times` independent exponentials of mean 10 ms, an Erlang whose quantiles are known
    in closed form (p50 of two is 16.78 ms, p99 of three 84.06 ms)."""
    got = path_quantiles([Hop(p_wait=0.0, theta=1.0, service_ms=10.0, times=times)])
    for q in (0.5, 0.95, 0.99):
        want = _erlang_quantile(q, times, 10.0)
        assert got[f"p{round(q * 100)}"] == pytest.approx(want, rel=2e-3), (q, got)


@pytest.mark.parametrize("n", [2_000, 50_000])
def test_windowed_binomial_tail_keeps_the_last_terms_when_almost_all_are_needed(n: int) -> None:
    """Past EXACT_SUM_REPLICAS the tail is summed over a window that here reaches n
    itself: every replica up is p^n, all but at most one p^n + n p^(n-1) (1 - p), the
    binomial's last two terms (with p = 1 - 1/(10 n) both are large: about 0.905 and 0.09)."""
    from archwright.simulate.availability import EXACT_SUM_REPLICAS, _binomial_tail

    assert n > EXACT_SUM_REPLICAS
    p = 1.0 - 1.0 / (10 * n)
    assert _binomial_tail(n, n, p) == pytest.approx(p**n, rel=1e-9)
    assert _binomial_tail(n, n - 1, p) == pytest.approx(p**n + n * p ** (n - 1) * (1 - p), rel=1e-9)


def test_the_json_summary_gives_each_figure_to_its_documented_precision() -> None:
    """docs/simulate.md: availability to 9 decimals, percent to 5, minutes to the
    hundredth, budget_used (downtime ÷ budget) to 3. A = 0.9991234567891 against a 99.9 %
    SLO over a 43,200-minute month: downtime 0.0008765432109 × 43,200 = 37.8666666...
    minutes, budget 0.001 × 43,200 = 43.2, used 0.8765432109."""
    from archwright.simulate.availability import _summary

    out = _summary(0.9991234567891, (0.99, 0.9995), "exact", 99.9, 43_200.0)
    assert out["availability"] == 0.999123457
    assert out["percent"] == 99.91235
    assert out["ci95"] == [0.99, 0.9995]
    assert out["downtime_min_per_month"] == 37.87
    assert out["error_budget_min_per_month"] == 43.2
    assert out["budget_used"] == 0.877
    assert out["meets_slo"] is True
    assert _summary(0.998, None, "exact", 99.9, 43_200.0)["meets_slo"] is False
    assert _summary(0.999, None, "exact", 99.9, 43_200.0)["meets_slo"] is True  # 99.9/100
    assert _summary(0.5, None, "exact", 100.0, 43_200.0)["budget_used"] is None
    assert "budget_used" not in _summary(0.5, None, "exact", None, 43_200.0)


def test_a_hop_dominated_by_its_wait_keeps_the_waits_tail() -> None:
    """A hop of 0.1 ms service (exponential, μ = 10/ms) where 90 % of requests wait an
    exponential of mean 100 ms (θ = 0.01/ms): P(T > t) = 0.1 e^(−μt) + 0.9 (μ e^(−θt) −
    θ e^(−μt)) / (μ − θ), the hypoexponential survival. Its p99 (about 450 ms) lies far
    past the service time, so the quantiles must reach into the wait's tail."""
    mu, theta, p = 10.0, 0.01, 0.9

    def survival(t: float) -> float:
        hypo = (mu * math.exp(-theta * t) - theta * math.exp(-mu * t)) / (mu - theta)
        return (1 - p) * math.exp(-mu * t) + p * hypo

    def quantile(q: float) -> float:
        lo, hi = 0.0, 10_000.0
        for _ in range(200):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if survival(mid) > 1 - q else (lo, mid)
        return lo

    got = path_quantiles([Hop(p_wait=p, theta=theta, service_ms=1 / mu)])
    assert quantile(0.99) > 400
    for q in (0.5, 0.95, 0.99):
        assert got[f"p{round(q * 100)}"] == pytest.approx(quantile(q), rel=1e-2), (q, got)


@pytest.mark.parametrize("per_replica", [True, False])
def test_a_replica_in_a_lost_zone_is_down_whichever_way_replicas_are_drawn(
    monkeypatch: pytest.MonkeyPatch, per_replica: bool
) -> None:
    """Three replicas that never fail on their own, two in zone a and one in b; a is
    down in every sample and b up in every other one. At least one replica is up exactly
    when b is; two never are. Small units draw each replica, large ones a binomial count
    per zone (forced here by moving PER_REPLICA_DRAWS): both must agree."""
    import importlib

    import numpy as np

    # the module, not the function `archwright.simulate.availability` the package exports
    av = importlib.import_module("archwright.simulate.availability")
    if not per_replica:
        monkeypatch.setattr(av, "PER_REPLICA_DRAWS", 0)
    unit = Unit("x", 3, 1, 1.0, ("za", "zb"))
    zone_b = np.arange(10) % 2 == 0
    zones = {"za": np.zeros(10, dtype=bool), "zb": zone_b}
    rng = np.random.default_rng(1)
    assert av._sample_unit(rng, unit, zones, 10).tolist() == zone_b.tolist()
    two = Unit("x", 3, 2, 1.0, ("za", "zb"))
    assert not av._sample_unit(rng, two, zones, 10).any()


def test_sojourn_quantiles_of_a_sub_millisecond_station_are_its_exponential() -> None:
    """A station of 0.5 ms mean service that nobody waits at: its time is an exponential
    of mean 0.5 ms, so p50 = 0.5 ln 2 and p99 = 0.5 ln 100; one with no service and no
    wait takes no time at all."""
    import numpy as np

    from archwright.simulate.queueing import sojourn_quantiles

    got = sojourn_quantiles(
        np.array([0.0, 0.0]), np.array([math.inf, math.inf]), np.array([0.5, 0.0])
    )
    assert got["p50"][0] == pytest.approx(0.5 * math.log(2), rel=1e-9)
    assert got["p99"][0] == pytest.approx(0.5 * math.log(100), rel=1e-9)
    assert got["p50"][1] == 0.0 and got["p99"][1] == 0.0


@pytest.mark.parametrize("mean_ms", [0.05, 0.4, 1.0])
def test_a_hop_shorter_than_a_millisecond_still_takes_its_service_time(mean_ms: float) -> None:
    """A cache answers in well under a millisecond: its hop is an exponential of that mean
    (p50 = mean · ln 2, p99 = mean · ln 100), not a pure wait with an atom at zero."""
    got = path_quantiles([Hop(p_wait=0.0, theta=1.0, service_ms=mean_ms)])
    for q in (0.5, 0.95, 0.99):
        want = -mean_ms * math.log(1.0 - q)
        assert got[f"p{round(q * 100)}"] == pytest.approx(want, rel=2e-3), (q, got)


@pytest.mark.parametrize(("n", "k"), [(100_000, 49_800), (5_000, 2_450), (2_001, 990)])
def test_windowed_binomial_tail_reaches_past_the_mean_when_k_lies_below_it(n: int, k: int) -> None:
    """For a fair coin P(X ≥ k) + P(X ≥ n − k + 1) = 1 (the second is P(X ≤ k − 1) by
    symmetry). With k a few standard deviations below the mean, the first sum runs from k
    up past the mean (40 standard deviations above it), far more than the few hundred
    terms past k the window never drops below."""
    from archwright.simulate.availability import _binomial_tail

    below = _binomial_tail(n, k, 0.5)
    assert 0.5 < below < 1.0
    assert below + _binomial_tail(n, n - k + 1, 0.5) == pytest.approx(1.0, rel=1e-9)
    assert _binomial_tail(n, 1, 0.5) == 1.0  # at least one of n fair coins, n ≥ 2,000


def test_windowed_binomial_tail_sums_from_k_even_beyond_forty_deviations() -> None:
    """The window never ends before k + 400 (the docstring's "first few hundred past k"):
    a tail that starts beyond 40 standard deviations is tiny, not zero. 2,000 replicas
    up with p = 1e-6 each, at least 60 of them: mean 0.002, sd 0.045, so k = 60 lies
    past mean + 40 sd + 50; successive terms shrink by (n − j)p / (j + 1) < 4e-5, so the
    tail is its first term C(2000, 60) p^60 (1 − p)^1940 ≈ 1.4e-244 to within 1e-4."""
    from archwright.simulate.availability import _binomial_tail

    n, k, p = 2_000, 60, 1e-6
    first = math.exp(
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )
    assert 1e-245 < first < 1e-243
    assert _binomial_tail(n, k, p) == pytest.approx(first, rel=1e-4, abs=0.0)
