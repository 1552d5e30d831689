"""A station at or past its capacity: the typed saturated wait, never a division by zero.

Issue 17 found `Wait(1.0, 0.0).mean` (what `station_wait` answers past capacity) raising
ZeroDivisionError. The boundaries are checked from both sides: just under capacity the
wait is finite and equals the M/M/c closed form; at and past it the wait is infinite.
"""

from __future__ import annotations

import math

import pytest
from simulate_helpers import make_arch, station

from archwright.simulate.capacity import evaluate
from archwright.simulate.flow import build
from archwright.simulate.queueing import NO_WAIT, SATURATED, Wait, erlang_c, station_wait


def test_the_saturated_wait_is_infinite_in_mean_and_variance() -> None:
    assert Wait(1.0, 0.0) == SATURATED
    assert SATURATED.saturated
    assert SATURATED.mean == math.inf
    assert SATURATED.variance == math.inf


def test_nobody_waiting_is_never_saturated_whatever_the_rate() -> None:
    # P(wait) = 0 says nobody waits: a rate of 0 then means nothing, not "for ever".
    for wait in (NO_WAIT, Wait(0.0, 0.0)):
        assert not wait.saturated
        assert wait.mean == 0.0
        assert wait.variance == 0.0


@pytest.mark.parametrize("servers", [1, 2, 7])
def test_a_station_at_its_capacity_is_saturated_and_just_under_it_is_not(servers: int) -> None:
    hold = 10.0
    at = servers / hold  # offered load == servers
    assert station_wait(servers, at, hold, 1.0) is SATURATED
    assert station_wait(servers, at * 1.5, hold, 1.0) is SATURATED
    under = at * (1.0 - 1e-6)
    wait = station_wait(servers, under, hold, 1.0)
    assert not wait.saturated
    offered = under * hold
    # M/M/c: E[W] = C(c, a) · h / (c − a), finite and large this close to capacity.
    expected = erlang_c(servers, offered) * hold / (servers - offered)
    assert wait.mean == pytest.approx(expected, rel=1e-9)
    assert math.isfinite(wait.variance)
    assert wait.mean > 1e5 * hold / servers * 0.5


def test_a_station_with_no_servers_is_saturated_at_any_positive_load() -> None:
    assert station_wait(0, 1e-12, 10.0, 1.0).mean == math.inf
    assert station_wait(0, 0.0, 10.0, 1.0) is NO_WAIT  # nobody arrives


def test_a_service_scaled_to_no_replicas_answers_infinity_not_an_exception() -> None:
    """The capacity evaluation keeps the saturated wait of a 0-replica station; reading
    its mean (as the load report does) gives infinity."""
    arch = make_arch([station("api", 4, 10.0, replicas=0)], [{"source": "client", "target": "api"}])
    net = build(arch)
    state = evaluate(net, 5.0)
    i = net.ids.index("api")
    assert state.waits[i].saturated
    assert state.waits[i].mean == math.inf
    assert state.response_ms[i] == math.inf


@pytest.mark.parametrize(("rps", "saturated"), [(999.0, False), (1000.0, True), (1200.0, True)])
def test_a_station_is_saturated_from_a_utilization_of_one(rps: float, saturated: bool) -> None:
    """10 slots held 10 ms each carry 10 × 1,000 / 10 = 1,000 req/s: utilization
    rps / 1,000, saturated at 1 and past it (1.2 too, not only from some larger figure)."""
    arch = make_arch([station("api", 10, 10.0)], [{"source": "client", "target": "api"}])
    net = build(arch)
    state = evaluate(net, rps)
    i = net.ids.index("api")
    assert state.utilization[i] == pytest.approx(rps / 1000.0)
    assert bool(state.saturated[i]) is saturated
    # at exactly 1 the response time is infinite, and past it; just below, finite
    assert bool(state.response_ms[i] == math.inf) is saturated


def test_a_caller_with_unbounded_slots_stays_idle_behind_a_saturated_callee() -> None:
    """The client (unbounded: its slots are not ours to model) waits for ever on a
    saturated api, yet is not itself busy: utilization 0, not saturated. Its holding
    time is infinite, so computing a utilization from it (∞ / ∞) would give NaN, which
    reads as saturated."""
    arch = make_arch([station("api", 1, 10.0)], [{"source": "client", "target": "api"}])
    net = build(arch)
    state = evaluate(net, 500.0)  # 5 times what 1 slot of 10 ms carries
    api, client = net.ids.index("api"), net.ids.index("client")
    assert state.utilization[api] == pytest.approx(5.0) and state.saturated[api]
    assert state.holding_ms[client] == math.inf
    assert state.utilization[client] == 0.0
    assert not state.saturated[client]


def test_just_under_capacity_the_wait_is_long_and_finite_and_never_shown_as_100_percent() -> None:
    """Issue 17 noted "a station at utilization 1 is infinite, but one reported a finite
    1,006 ms". That figure was the 10-slot, 10 ms station at 999 req/s: utilization 0.999,
    and M/M/10 gives E[W] = C(10, 9.99) × 10 / (10 − 9.99) = 996.3 ms, plus 10 ms of
    service: correct. What was wrong is the report: the table printed 0.999 as "100%",
    and the JSON rounded 0.99996 to 1.0 beside a finite latency (which advise's summary
    then listed as saturated). A utilization under 1 now never reads as 1 or 100%."""
    from archwright.advise.engines import capacity_summary
    from archwright.cli.simulate_table import _pct
    from archwright.simulate.load import simulate

    arch = make_arch([station("api", 10, 10.0)], [{"source": "client", "target": "api"}])
    closed = erlang_c(10, 9.99) * 10.0 / (10.0 - 9.99) + 10.0
    assert closed == pytest.approx(1006.343, abs=1e-3)
    for rps, shown in [(999.0, 0.999), (999.96, 0.9999)]:
        api = simulate(arch, rps)["components"]["api"]
        assert api["utilization"] == shown
        assert api["latency_ms"]["mean"] is not None and api["latency_ms"]["mean"] > 1000.0
        assert _pct(api["utilization"]) == "99.9%"
    assert simulate(arch, 999.0)["components"]["api"]["latency_ms"]["mean"] == pytest.approx(
        closed, abs=1e-3
    )
    at = simulate(arch, 1000.0)["components"]["api"]
    assert (at["utilization"], at["latency_ms"]["mean"], _pct(at["utilization"])) == (
        1.0,
        None,
        "100%",
    )
    peak = make_arch(
        [station("api", 10, 10.0)],
        [{"source": "client", "target": "api"}],
        requirements={"scale": {"peak_rps": 999.96}},
    )
    assert capacity_summary(peak)["saturated"] == []


@pytest.mark.parametrize(
    ("value", "shown", "text"),
    [
        (0.5, 0.5, "50%"),
        (0.994, 0.994, "99%"),
        (0.996, 0.996, "99.6%"),
        (0.99949, 0.9995, "99.9%"),
        (0.99996, 0.9999, "99.9%"),
        (1.0 - 2.0**-53, 0.9999, "99.9%"),
        (1.0, 1.0, "100%"),
        (1.2, 1.2, "120%"),
    ],
)
def test_a_utilization_reads_as_one_only_from_one(value: float, shown: float, text: str) -> None:
    from archwright.simulate.capacity import shown_utilization, utilization_percent

    assert shown_utilization(value) == shown
    assert utilization_percent(value) == text
    assert shown_utilization(math.inf) is None
