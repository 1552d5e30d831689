"""A datastore's read replicas are nodes of its k-of-n block: a database that `simulate`
says carries its load must not be reported 0% available because the block counted the
primary alone (live-sports-scores' core journey read 0.0000% that way)."""

from __future__ import annotations

from math import comb

import pytest

from archwright.model import Architecture
from archwright.simulate import simulate
from archwright.simulate.availability import availability


def _arch(read_replicas: int) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "reads",
            "requirements": {
                "slo": {"availability": 99.9},
                "scale": {"peak_rps": 300, "read_write_ratio": 3},
            },
            "components": [
                {"id": "users", "kind": "client"},
                {
                    "id": "db",
                    "kind": "sql_db",
                    "replicas": 1,
                    "read_replicas": read_replicas,
                    "availability": 0.99,
                    "concurrency": 10,
                    "service_time_ms": 50,
                },
            ],
            "connections": [{"source": "users", "target": "db", "protocol": "sql"}],
            "journeys": [{"name": "read", "steps": ["users", "db"]}],
        }
    )


def _at_least(k: int, n: int, p: float) -> float:
    return sum(comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


def test_read_replicas_are_nodes_of_the_block() -> None:
    arch = _arch(3)
    # 300/s x 50 ms over 10 slots = 1.5 replicas' worth; a read replica adds 0.75 of one
    # (reads are 3 in 4), so the 4 nodes carry 3.25: 1.5 / 3.25 of 4 nodes = 1.85 busy,
    # and 2 of the 4 must be up.
    assert simulate(arch, 300)["max_rps"] >= 300
    journey = availability(arch, 300)["journeys"]["read"]
    assert journey["blocks"] == [[{"id": "db", "replicas": 4, "needed": 2, "availability": 0.99}]]
    assert journey["availability"] == pytest.approx(_at_least(2, 4, 0.99), abs=1e-9)


def test_without_read_replicas_the_primary_alone_is_the_block() -> None:
    journey = availability(_arch(0), 300)["journeys"]["read"]
    # 1.5 replicas' worth on one primary: saturated, no number of its nodes carries it.
    assert journey["availability"] == 0.0


def test_a_providers_database_is_one_unit_whatever_read_replicas_the_model_declares() -> None:
    """A SaaS database (Neon) is an unbounded station: its availability is the provider's
    figure for the service, so read replicas declared on it add no nodes to its block
    (one unit, needed, at its 0.99), where a database of ours counts them (above)."""
    arch = _arch(2)
    arch.components_by_id()["db"].technology = "neon"
    journey = availability(arch, 300)["journeys"]["read"]
    assert journey["blocks"] == [[{"id": "db", "replicas": 1, "needed": 1, "availability": 0.99}]]
    assert journey["availability"] == pytest.approx(0.99, abs=1e-12)
