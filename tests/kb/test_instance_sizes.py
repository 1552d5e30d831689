"""Instance classes: capacity scales with sustained vCPUs (kb.capacity, the one capacity
function), the bill with the class's price (kb.pricing), and design picks the smallest
class that carries the load (generate.sizing) — issue 13, item 4."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from archwright.generate import design
from archwright.generate.sizing import defaults, instance_size
from archwright.kb.capacity import per_replica_rps, size_scale
from archwright.kb.catalog import Price, load_catalog
from archwright.kb.pricing import price_component
from archwright.model import Component, Kind

RDS = load_catalog().get("aws-rds-postgresql")
UNIT = RDS.prices["aws"]
UTIL = 0.65


def _class(sku: str) -> float:
    size = UNIT.size(sku)
    assert size is not None
    return size.usd_per_month


def test_every_listed_class_is_sourced_and_scales_against_its_unit() -> None:
    for tech in load_catalog().technologies:
        for price in tech.prices.values():
            for size in price.sizes:
                assert price.vcpus is not None, tech.name
                assert size.source.startswith("https://"), (tech.name, size.sku)


def test_sizes_must_be_listed_smallest_first_and_need_the_units_vcpus() -> None:
    big = {"sku": "b", "usd_per_month": 2, "vcpus": 8, "source": "https://x"}
    small = {"sku": "s", "usd_per_month": 1, "vcpus": 2, "source": "https://x"}
    base = {"usd_per_month": 1.5, "unit": "u", "sku": "u", "source": "https://x"}
    with pytest.raises(ValidationError, match="smallest first"):
        Price.model_validate({**base, "vcpus": 4, "sizes": [big, small]})
    with pytest.raises(ValidationError, match="vcpus"):
        Price.model_validate({**base, "sizes": [small]})
    with pytest.raises(ValidationError, match="different instance class"):
        Price.model_validate({**base, "vcpus": 4, "sizes": [{**small, "sku": "u"}]})


def test_capacity_scales_with_sustained_vcpus() -> None:
    unit = per_replica_rps(RDS, Kind.SQL_DB)
    assert size_scale(RDS, "db.t4g.medium") == pytest.approx(0.4 / 4)
    assert per_replica_rps(RDS, Kind.SQL_DB, "db.t4g.medium") == pytest.approx(unit * 0.1)
    assert per_replica_rps(RDS, Kind.SQL_DB, "db.m6i.2xlarge") == pytest.approx(unit * 2)
    assert per_replica_rps(RDS, Kind.SQL_DB, "no-such-class") == unit
    assert per_replica_rps(RDS, Kind.SQL_DB, None) == unit


def test_the_bill_is_the_class_price_per_node() -> None:
    comp = Component(id="db", kind=Kind.SQL_DB, replicas=2, instance_size="db.t4g.medium")
    usd, parts = price_component(comp, UNIT, 0.0)
    assert usd == pytest.approx(2 * _class("db.t4g.medium"))
    assert "db.t4g.medium" in parts[0]
    plain, _ = price_component(comp.model_copy(update={"instance_size": None}), UNIT, 0.0)
    assert plain == pytest.approx(2 * UNIT.usd_per_month)


# One unit (db.m6i.xlarge, 4 vCPUs) carries 8,000/s; at 65% it takes 5,200/s. The
# medium sustains 0.4 vCPU (800/s, 520/s at 65%), the large 2 vCPUs (4,000/s, 2,600/s),
# the 2xlarge 8 (16,000/s, 10,400/s), the 4xlarge 16 (32,000/s, 20,800/s).
@pytest.mark.parametrize(
    ("load", "writes", "by_storage", "want"),
    [
        (0.01, 0.01, 1, "db.t4g.medium"),  # a two-user tool
        (520, 100, 1, "db.t4g.medium"),  # at the medium's limit
        (521, 100, 1, "db.m6i.large"),  # one past it
        (2600, 100, 1, "db.m6i.large"),  # at the large's limit
        (2601, 100, 1, None),  # the unit itself
        (5200, 5200, 1, None),  # at the unit's limit
        (9000, 5200, 1, None),  # reads past one unit: read replicas, not a bigger class
        (9000, 5201, 1, "db.m6i.2xlarge"),  # writes past one unit: a bigger primary
        (20800, 10401, 1, "db.m6i.4xlarge"),
        (30000, 20801, 1, None),  # past the largest class: shard
        (0.01, 0.01, 2, None),  # data past one node is sharded whatever the class
    ],
)
def test_the_smallest_class_that_carries_the_load(
    load: float, writes: float, by_storage: int, want: str | None
) -> None:
    assert instance_size(RDS, load, writes, by_storage, UTIL) == want


def test_a_technology_without_classes_keeps_its_unit() -> None:
    assert instance_size(load_catalog().get("postgresql"), 0.01, 0.01, 1, UTIL) is None
    assert instance_size(None, 0.01, 0.01, 1, UTIL) is None


def test_a_two_user_tool_pays_for_a_small_class_and_still_carries_its_peak() -> None:
    arch = design("internal tool, 2 users, AWS").architecture
    (db,) = [c for c in arch.components if c.kind is Kind.SQL_DB]
    assert db.technology == "aws-rds-postgresql"
    assert db.instance_size == "db.t4g.medium"
    peak = float(db.properties["peak_load_rps"])
    target = float(defaults()["defaults"]["target_utilization"])
    assert peak <= per_replica_rps(RDS, Kind.SQL_DB, db.instance_size) * target
