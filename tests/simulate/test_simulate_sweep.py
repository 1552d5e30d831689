"""Single-failure sweep: the obvious single point of failure ranks first."""

from __future__ import annotations

from simulate_helpers import make_arch, station

from archwright.simulate.sweep import sweep


def test_single_point_of_failure_ranks_first() -> None:
    # Everything passes through one gateway replica; each service serves half the
    # traffic and has three replicas; the search index is behind a fallback.
    arch = make_arch(
        [
            {"id": "gw", "kind": "api_gateway", "replicas": 1},
            station("orders", 20, 10, replicas=3),
            station("catalog", 20, 10, replicas=3),
            {"id": "search", "kind": "search_index", "replicas": 2},
            {"id": "db", "kind": "sql_db", "replicas": 2},
        ],
        [
            {"source": "client", "target": "gw"},
            {"source": "gw", "target": "orders", "share": 0.5},
            {"source": "gw", "target": "catalog", "share": 0.5},
            {"source": "orders", "target": "db", "protocol": "sql"},
            {"source": "catalog", "target": "search", "fallback": "cached results"},
        ],
        journeys=[
            {"name": "order", "steps": ["client", "gw", "orders", "db"], "share": 0.5},
            {"name": "browse", "steps": ["client", "gw", "catalog", "search"], "share": 0.5},
        ],
    )
    ranked = sweep(arch, 100.0)
    by_id = {r["component"]: r for r in ranked}
    assert ranked[0]["component"] == "gw"
    assert ranked[0]["traffic_lost"] == 1.0
    assert ranked[0]["journeys_failed"] == ["order", "browse"]
    assert by_id["orders"]["traffic_lost"] == 0.5
    assert by_id["db"]["traffic_lost"] == 0.5
    assert by_id["db"]["journeys_failed"] == ["order"]
    # The fallback answer contains a search outage: nothing lost, the journey degrades.
    assert by_id["search"]["traffic_lost"] == 0.0
    assert by_id["search"]["journeys_degraded"] == ["browse"]
    assert ranked[-1]["component"] == "search"
    assert [r["rank"] for r in ranked] == list(range(1, len(ranked) + 1))


def test_examples_sweep_every_component(example_path: object) -> None:
    from archwright.archfile import load_architecture

    arch = load_architecture(example_path)  # type: ignore[arg-type]
    ranked = sweep(arch, 10.0)
    clients = {c.id for c in arch.components if c.kind == "client"}
    assert {r["component"] for r in ranked} == {c.id for c in arch.components} - clients
    losses = [r["traffic_lost"] for r in ranked]
    assert losses == sorted(losses, reverse=True)
