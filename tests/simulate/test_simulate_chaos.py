"""Chaos: failure propagation, retry amplification, the cascade, and its containment."""

from __future__ import annotations

from typing import Any

import pytest
from simulate_helpers import make_arch, station

from archwright.model import Architecture
from archwright.simulate.chaos import ChaosInputError, Scenario, chaos, parse_slow


def sync_chain(safe: bool) -> Architecture:
    """gw → front → mid → backend, every hop retried 3 times with no backoff.

    `safe` adds circuit breakers on every hop and a fallback answer where mid calls
    backend — the same design, contained.
    """
    breaker: dict[str, Any] = {"circuit_breaker": True} if safe else {}
    last = {"circuit_breaker": True, "fallback": "cached response"} if safe else {}
    return make_arch(
        [
            {
                "id": "gw",
                "kind": "api_gateway",
                "replicas": 2,
                "concurrency": 500,
                "service_time_ms": 1,
            },
            station("front", 50, 10, replicas=4),
            station("mid", 20, 10, replicas=2),
            station("backend", 20, 20, replicas=2),
        ],
        [
            {"source": "client", "target": "gw"},
            {"source": "gw", "target": "front", "timeout_ms": 3000, "retries": 3, **breaker},
            {"source": "front", "target": "mid", "timeout_ms": 2000, "retries": 3, **breaker},
            {"source": "mid", "target": "backend", "timeout_ms": 50, "retries": 3, **last},
        ],
    )


def steps(result: dict[str, Any]) -> dict[str, int]:
    return {c["component"]: c["step"] for c in result["cascade"] if c["status"] == "failed"}


def test_failed_backend_cascades_up_a_sync_chain_with_retries() -> None:
    result = chaos(sync_chain(safe=False), Scenario(fail=["backend"]), 500.0)
    # mid calls backend 4 times (1 + 3 retries): the dead backend is offered 4x its load.
    assert result["components"]["backend"]["load_factor"] == pytest.approx(4.0)
    # mid holds a slot 10 ms + 4 × 50 ms = 210 ms: 500 × 0.21 / 40 slots = 262% → fails,
    # then front (its calls to mid hang 4 × 2 s) and gw, one step each, in call order.
    order = steps(result)
    assert order["backend"] == 0
    assert order["mid"] == 1
    assert order["front"] == 2
    assert order["gw"] == 3
    assert "262%" in next(c["cause"] for c in result["cascade"] if c["component"] == "mid")
    assert result["journeys"]["client (default)"]["status"] == "failed"
    assert result["contained_by"] == []
    assert "mid->backend" in result["would_contain"]


def test_slow_backend_becomes_a_retry_storm() -> None:
    # +40 ms puts backend at 60 ms against a 50 ms timeout: most calls time out and are
    # retried, multiplying its load until it saturates; survivors follow.
    result = chaos(sync_chain(safe=False), Scenario(slow={"backend": 40}), 500.0)
    comps = result["components"]
    assert comps["backend"]["load_factor"] > 1.5  # retry amplification on a survivor
    assert comps["mid"]["load_factor"] == pytest.approx(16.0)  # 4 attempts × 4 attempts
    order = steps(result)
    assert order["backend"] == 1
    assert order["backend"] < order["mid"] < order["front"] < order["gw"]
    assert result["journeys"]["client (default)"]["status"] == "failed"


@pytest.mark.parametrize("scenario", [Scenario(fail=["backend"]), Scenario(slow={"backend": 40})])
def test_breakers_and_fallbacks_contain_the_same_failures(scenario: Scenario) -> None:
    result = chaos(sync_chain(safe=True), scenario, 500.0)
    comps = result["components"]
    assert [c for c, v in comps.items() if v["status"] == "failed"] == ["backend"]
    assert comps["mid"]["status"] == "degraded"
    assert comps["front"]["status"] == "ok"
    assert comps["gw"]["status"] == "ok"
    assert "mid->backend" in result["contained_by"]
    journey = result["journeys"]["client (default)"]
    assert journey["status"] == "degraded"
    assert "fallback" in journey["reason"]


def test_fallback_component_takes_the_traffic() -> None:
    arch = make_arch(
        [station("api", 50, 5), station("primary", 10, 10), station("spare", 10, 10)],
        [
            {"source": "client", "target": "api"},
            {"source": "api", "target": "primary", "fallback": "spare", "circuit_breaker": True},
        ],
    )
    result = chaos(arch, Scenario(fail=["primary"]), 100.0)
    assert result["components"]["api"]["status"] == "degraded"
    assert result["components"]["spare"]["status"] in ("ok", "degraded")
    assert result["contained_by"] == ["api->primary"]
    assert result["journeys"]["client (default)"]["status"] == "degraded"


def test_zone_loss_fails_single_zone_components_and_shrinks_the_others() -> None:
    arch = make_arch(
        [
            station("api", 10, 20, replicas=2, zones=["a", "b"]),
            station("db", 10, 5, replicas=1, zones=["a"]),
        ],
        [{"source": "client", "target": "api"}, {"source": "api", "target": "db"}],
    )
    result = chaos(arch, Scenario(zones=["a"]), 100.0)
    # db lived only in zone a. api's calls to it have no timeout: each hangs the default
    # 30 s, so api's slots fill (100 rps × 30 s ≫ 10 slots) and it fails one step later.
    assert result["failed"] == ["api", "db"]
    assert steps(result) == {"db": 0, "api": 1, "client": 2}
    lost_b = chaos(arch, Scenario(zones=["b"]), 100.0)
    assert lost_b["failed"] == []
    assert lost_b["components"]["api"]["status"] == "degraded"
    assert "1 of 2 zones" in lost_b["components"]["api"]["cause"]


def test_queue_absorbs_a_failed_consumer_with_a_backlog() -> None:
    arch = make_arch(
        [station("api", 50, 5), {"id": "q", "kind": "queue"}, station("worker", 8, 20)],
        [
            {"source": "client", "target": "api"},
            {"source": "api", "target": "q", "protocol": "amqp"},
            {"source": "q", "target": "worker", "protocol": "amqp"},
        ],
    )
    result = chaos(arch, Scenario(fail=["worker"]), 200.0)
    assert result["backlog_per_s"] == {"q": pytest.approx(200.0)}
    assert result["components"]["api"]["status"] == "ok"
    assert result["journeys"]["client (default)"]["status"] == "ok"


def test_region_loss(example_path: object) -> None:
    from archwright.archfile import load_architecture

    arch = load_architecture(example_path)  # type: ignore[arg-type]
    regions = {b.id for b in arch.boundaries if b.type == "region"}
    for region in sorted(regions):
        result = chaos(arch, Scenario(region=region), 10.0)
        assert result["failed"]
        assert any(j["status"] != "ok" for j in result["journeys"].values())


def test_unknown_ids_are_input_errors() -> None:
    arch = sync_chain(safe=False)
    with pytest.raises(ChaosInputError, match="unknown component id 'nope'"):
        chaos(arch, Scenario(fail=["nope"]), 10.0)
    with pytest.raises(ChaosInputError, match="unknown zone"):
        chaos(arch, Scenario(zones=["mars-1a"]), 10.0)
    with pytest.raises(ChaosInputError, match="ID=MS"):
        parse_slow(["backend"])
    assert parse_slow(["backend=250ms"]) == {"backend": 250.0}


def test_a_lost_zone_halves_a_throughput_bound_stores_capacity() -> None:
    """A database whose per-replica throughput binds (its catalog rate, not its slots):
    4,000 requests/s over two replicas in two zones is 4,000 / (2 × rate) busy; with a
    zone lost the one replica left carries 4,000 / rate, twice as busy."""
    from archwright.kb.capacity import resolve

    arch = make_arch(
        [{"id": "db", "kind": "sql_db", "replicas": 2, "zones": ["a", "b"]}],
        [{"source": "client", "target": "db"}],
    )
    prof = resolve(arch)["db"]
    assert prof.work_servers < prof.servers  # the throughput binds, not the slots
    rate = prof.per_replica_rps
    whole = chaos(arch, Scenario(), 4000.0)["components"]["db"]
    half = chaos(arch, Scenario(zones=["b"]), 4000.0)["components"]["db"]
    assert whole["utilization"] == pytest.approx(4000.0 / (2 * rate))
    assert half["utilization"] == pytest.approx(4000.0 / rate)
    assert half["status"] == "degraded"


@pytest.mark.parametrize("rps", [0.5, 1.0, 2.0])
def test_a_station_left_with_no_servers_is_overloaded_at_any_load(rps: float) -> None:
    """One slot spread over two zones: losing one leaves floor(1 × 1/2) = 0 servers, and
    a station with no servers cannot serve even half a request a second."""
    arch = make_arch(
        [station("x", 1, 5.0, replicas=1, zones=["a", "b"])],
        [{"source": "client", "target": "x"}],
    )
    x = chaos(arch, Scenario(zones=["b"]), rps)["components"]["x"]
    assert x["status"] == "failed" and x["failing_share"] == 1.0
    assert x["cause"].startswith("overloaded")
