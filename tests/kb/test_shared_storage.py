"""Cluster-volume databases and engines that scale up, priced as their providers bill
them (issue 13): Aurora bills every instance's hours, its cluster volume once and I/O
on top; a store whose copies the provider keeps in the per-GB price pays its data once;
pgvector's memory-driven size is one larger primary per copy, not shards."""

from __future__ import annotations

import pytest

from archwright.kb.catalog import load_catalog
from archwright.kb.pricing import price_component
from archwright.kb.scoring import monthly_cost
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Component, Kind

CATALOG = load_catalog()
RULES = load_tradeoffs().technology


def _db(name: str, kind: Kind = Kind.SQL_DB, **sizes: int) -> Component:
    return Component(id="db", kind=kind, technology=name, storage_gb=4606.0, **sizes)


@pytest.mark.parametrize("name", ["aws-aurora-postgresql", "aws-aurora-mysql"])
def test_aurora_bills_instances_volume_once_and_io(name: str) -> None:
    """A writer, a standby and three readers on 4.6 TB at 14.4 billion requests a month:
    5 instance-hours bills, one volume, and the I/O added (the video-streaming case)."""
    price = CATALOG.get(name).prices["aws"]
    comp = _db(name, replicas=2, read_replicas=3)
    requests = 14_407.7e6
    usd, terms = price_component(comp, price, requests)
    per_io = price.per_million_requests or 0.0
    expected = 5 * price.usd_per_month + 4606 * (price.per_gb_month or 0) + 14_407.7 * per_io
    assert usd == pytest.approx(expected)
    assert terms[0].startswith("5 x Aurora db.r6g.xlarge")
    assert "copies" not in " ".join(terms)


def test_aurora_instance_class_is_billed_at_its_own_price() -> None:
    price = CATALOG.get("aws-aurora-postgresql").prices["aws"]
    large = price.size("db.r6g.large")
    assert large is not None and large.usd_per_month == pytest.approx(0.26 * 730)
    comp = _db("aws-aurora-postgresql", replicas=2)
    comp.instance_size = "db.r6g.large"
    usd, _ = price_component(comp, price, 0.0)
    assert usd == pytest.approx(2 * large.usd_per_month + 4606 * 0.1)


@pytest.mark.parametrize(
    ("name", "cloud", "kind"),
    [
        ("aws-aurora-postgresql", "aws", Kind.SQL_DB),
        ("gcp-alloydb", "gcp", Kind.SQL_DB),
        ("gcp-spanner", "gcp", Kind.SQL_DB),
        ("aws-documentdb", "aws", Kind.NOSQL_DB),
        ("azure-cosmos-db", "azure", Kind.NOSQL_DB),
    ],
)
def test_shared_storage_is_paid_once_whatever_the_instances(
    name: str, cloud: str, kind: Kind
) -> None:
    price = CATALOG.get(name).prices[cloud]  # type: ignore[index]
    one = price_component(_db(name, kind, replicas=1), price, 0.0)[0]
    five = price_component(_db(name, kind, replicas=2, read_replicas=3), price, 0.0)[0]
    # the standby is in the unit or not; a reader costs a unit, or its own node price
    # where the unit is an HA pair (an AlloyDB read pool node)
    reader = price.read_replica_usd_per_month or price.usd_per_month
    added = 3 * reader if price.replicas_in_price else 4 * price.usd_per_month
    assert five - one == pytest.approx(added)  # not the data again


@pytest.mark.parametrize(
    ("name", "cloud", "kind"),
    [
        ("gcp-alloydb", "gcp", Kind.SQL_DB),
        ("gcp-spanner", "gcp", Kind.SQL_DB),
        ("azure-cosmos-db", "azure", Kind.NOSQL_DB),
    ],
)
def test_a_unit_that_holds_its_ha_copies_is_billed_once_per_shard(
    name: str, cloud: str, kind: Kind
) -> None:
    """AlloyDB's unit is the HA pair, a Spanner node and Cosmos DB's RU/s are served by
    replicas in every zone: the sizing's two copies of 58 shards are 58 units."""
    price = CATALOG.get(name).prices[cloud]  # type: ignore[index]
    comp = Component(id="db", kind=kind, technology=name, replicas=2, shards=58)
    usd, terms = price_component(comp, price, 0.0)
    assert usd == pytest.approx(58 * price.usd_per_month)
    assert terms[0].startswith("58 x ")


def test_a_classic_replica_still_pays_its_own_disk() -> None:
    price = CATALOG.get("aws-rds-postgresql").prices["aws"]
    usd, terms = price_component(_db("aws-rds-postgresql", replicas=2, read_replicas=3), price, 0)
    assert usd == pytest.approx(5 * price.usd_per_month + 5 * 4606 * (price.per_gb_month or 0))
    assert "x 5 copies" in terms[-1]


def test_pgvector_is_one_larger_primary_not_shards() -> None:
    """300 GB of vectors need 450 GB of RAM: one primary 15 x r6i.xlarge (r6i prices are
    linear in size) per copy, billed as before, described as what runs."""
    tech = CATALOG.get("pgvector")
    price = tech.prices["aws"]
    comp = Component(
        id="v", kind=Kind.VECTOR_DB, technology="pgvector", replicas=3, shards=15, storage_gb=300
    )
    usd, terms = price_component(comp, price, 0.0)
    assert usd == pytest.approx(45 * price.usd_per_month + 3 * 300 * (price.per_gb_month or 0))
    assert terms[0].startswith("3 x node sized 15 x EC2 r6i.xlarge")
    _, basis = monthly_cost(tech, "aws", 200, RULES, 300.0)
    assert "shards" not in basis.replace("not sharded", "")
    assert "one primary 15 times the priced node" in basis
