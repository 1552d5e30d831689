"""An AlloyDB read pool node is one node, not an HA pair.

The HA primary's unit ($909.20) is an active and a standby node; a read pool node is
one node of the same shape billed per vCPU and GB ($454.60: cloud.google.com/alloydb/
pricing). Before, each read replica was billed at the pair's price: a primary with two
readers was $2,727.60 a month, now $1,818.40.
"""

from __future__ import annotations

import pytest

from archwright.kb.catalog import load_catalog
from archwright.kb.pricing import price_component
from archwright.model import Component, Kind


def _alloydb(read_replicas: int, shards: int = 1) -> float:
    tech = load_catalog().find("gcp-alloydb")
    assert tech is not None
    price = tech.prices["gcp"]
    comp = Component(
        id="db",
        name="db",
        kind=Kind.SQL_DB,
        technology="gcp-alloydb",
        replicas=2,
        read_replicas=read_replicas,
        shards=shards,
    )
    usd, _ = price_component(comp, price, 0.0)
    return usd


def test_a_read_pool_node_costs_half_the_ha_primary() -> None:
    assert _alloydb(0) == pytest.approx(909.2)
    assert _alloydb(2) == pytest.approx(909.2 + 2 * 454.6)
    assert _alloydb(2, shards=3) == pytest.approx(3 * (909.2 + 2 * 454.6))
