"""The back-of-envelope sizing: hot set and storage horizon against their formulas.

Both survived planted bugs in mutation testing (issue 17); the defaults are read from
the data file the engine reads, so a changed default changes the expectation too.
"""

from __future__ import annotations

import math
import re

import pytest

from archwright.generate import sizing
from archwright.generate.sizing import Envelope, defaults, envelope, size
from archwright.kb.capacity import per_replica_rps
from archwright.kb.patterns import LoadBasis
from archwright.model import Kind, Requirements


def _req(**scale: float) -> Requirements:
    return Requirements.model_validate({"scale": scale})


def test_hot_set_is_the_smallest_of_the_data_reads_and_users_shares() -> None:
    d = defaults()["defaults"]
    by_data = envelope(_req(dau=10_000_000, peak_rps=10_000, data_gb=50))
    assert by_data.hot_set_gb == pytest.approx(50 * d["hot_fraction"])
    by_users = envelope(_req(dau=1000, peak_rps=1000, data_gb=50_000))
    assert by_users.hot_set_gb == pytest.approx(1000 * d["hot_kb_per_user"] / 1e6)
    # 100M DAU reading 100,000 times a second at the peak: a fifth of a day's reads (the
    # 80/20 rule), not 100 KB for every user (10 TB, hundreds of cache nodes).
    by_reads = envelope(
        _req(dau=100_000_000, peak_rps=110_000, read_write_ratio=10, data_gb=100_000)
    )
    daily = 100_000 / d["peak_factor"] * 86_400 * d["record_kb"] / 1e6
    assert by_reads.hot_set_gb == pytest.approx(daily * d["hot_fraction"])
    assert by_reads.hot_set_gb < 1000


def test_storage_horizon_compounds_the_stated_growth() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=100_000, peak_rps=500, data_gb=200, growth_per_year=1.5))
    assert env.data_gb == 200
    assert env.data_horizon_gb == pytest.approx(200 * 1.5 ** d["horizon_years"])


def test_storage_horizon_without_growth_adds_a_year_of_writes_per_year() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=100_000, peak_rps=500, data_gb=200))
    yearly = (env.write_rps / d["peak_factor"]) * 86_400 * 365 * d["record_kb"] / 1e6
    assert yearly > 0
    assert env.data_horizon_gb == pytest.approx(200 + d["horizon_years"] * yearly)


def test_data_today_defaults_to_one_year_of_writes() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=100_000, peak_rps=500))
    yearly = (env.write_rps / d["peak_factor"]) * 86_400 * 365 * d["record_kb"] / 1e6
    assert env.data_gb == pytest.approx(yearly)


def test_media_and_llm_rates_follow_their_shares() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=1_000_000, peak_rps=2000, read_write_ratio=4))
    assert env.media_rps == pytest.approx(env.write_rps * d["media_share"])
    assert env.llm_rps == pytest.approx(env.peak_rps * d["llm_share"])


def test_load_bases_for_data_and_background() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=1_000_000, peak_rps=2000, read_write_ratio=4))
    hit = d["cache_hit_ratio"]
    assert 0 < hit < 1
    assert env.basis(LoadBasis.DATA, cached_reads=True) == pytest.approx(
        env.write_rps + env.read_rps * (1 - hit)
    )
    assert env.basis(LoadBasis.DATA, cached_reads=False) == pytest.approx(
        env.write_rps + env.read_rps
    )
    assert env.basis(LoadBasis.BACKGROUND, cached_reads=False) == 1.0


def test_replicas_are_the_load_over_capacity_at_the_target_utilization() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(dau=1000, peak_rps=10))
    per_node = per_replica_rps(None, Kind.SERVICE)
    util = d["target_utilization"]
    load = per_node * util * 3.5  # needs ceil(3.5) = 4 nodes
    assert size(Kind.SERVICE, None, load, env, managed=False).replicas == 4
    assert size(Kind.SERVICE, None, per_node * util * 3, env, managed=False).replicas == 3


def _yearly_records_gb(write_rps: float) -> float:
    d = defaults()["defaults"]
    return write_rps / d["peak_factor"] * 86_400 * 365 * d["record_kb"] / 1e6


def test_records_horizon_compounds_a_year_of_records_beside_stated_bytes() -> None:
    """A database beside object storage holds records, not the stated file bytes."""
    d = defaults()["defaults"]
    env = envelope(_req(peak_rps=4000, data_gb=1e9, growth_per_year=1.5))
    want = _yearly_records_gb(env.write_rps) * 1.5 ** d["horizon_years"]
    assert env.records_horizon_gb == pytest.approx(want)
    assert env.records_horizon_gb < env.data_horizon_gb


def test_records_horizon_without_growth_is_a_year_plus_the_horizon() -> None:
    d = defaults()["defaults"]
    env = envelope(_req(peak_rps=4000, data_gb=1e9))
    want = _yearly_records_gb(env.write_rps) * (1 + d["horizon_years"])
    assert env.records_horizon_gb == pytest.approx(want)
    tiny = envelope(_req(peak_rps=4000, data_gb=0.001))  # never more than all the data
    assert tiny.records_horizon_gb == pytest.approx(tiny.data_horizon_gb)


def test_read_replicas_per_shard_follow_the_reads_at_the_target_utilization() -> None:
    d = defaults()["defaults"]
    util = d["target_utilization"]
    per_node = per_replica_rps(None, Kind.SQL_DB)
    env = envelope(_req(dau=1000, peak_rps=100))
    reads = per_node * util * 3.5  # 4 nodes' worth of reads: 3 read replicas
    sized = size(Kind.SQL_DB, None, reads + 1.0, env, managed=False, data_gb=1.0)
    assert sized.shards == 1
    assert sized.read_replicas == 3


@pytest.mark.parametrize("scale", [{"peak_rps": 1200.0}, {"avg_rps": 300.0}])
def test_users_from_a_request_rate_are_a_day_of_average_requests(scale: dict[str, float]) -> None:
    """DAU = average req/s x 86,400 s per day / requests per user per day."""
    d = defaults()["defaults"]
    avg = scale.get("avg_rps") or scale["peak_rps"] / d["peak_factor"]
    env = envelope(_req(**scale))
    assert env.dau == pytest.approx(avg * 86_400 / d["requests_per_user_per_day"], rel=1e-12)


def test_a_highly_available_nosql_store_keeps_three_copies_of_each_shard() -> None:
    """A quorum store needs three copies to lose one and keep a majority; other
    partitioned stores keep the two-instance floor of a highly available design."""
    d = defaults()["defaults"]
    slo = {"availability": float(d["ha_availability"])}
    ha = envelope(Requirements.model_validate({"scale": {"dau": 1000, "peak_rps": 10}, "slo": slo}))
    assert ha.ha
    assert size(Kind.NOSQL_DB, None, 1.0, ha, managed=False, data_gb=1.0).replicas == 3
    assert size(Kind.GRAPH_DB, None, 1.0, ha, managed=False, data_gb=1.0).replicas == 2
    below = {"availability": float(d["ha_availability"]) - 0.5}
    single = envelope(
        Requirements.model_validate({"scale": {"dau": 1000, "peak_rps": 10}, "slo": below})
    )
    assert not single.ha
    assert size(Kind.NOSQL_DB, None, 1.0, single, managed=False, data_gb=1.0).replicas == 1


@pytest.mark.parametrize("kind", [Kind.CDN, Kind.LLM, Kind.FUNCTION, Kind.WAREHOUSE])
def test_a_provider_scaled_kind_is_one_logical_instance_at_any_load(kind: Kind) -> None:
    """The provider scales these: nothing to size, one instance, one shard, no replicas."""
    env = envelope(_req(dau=1000, peak_rps=10))
    for load in (0.0, 1.0, 1e6):
        sized = size(kind, None, load, env, managed=True)
        assert (sized.replicas, sized.read_replicas, sized.shards) == (1, 0, 1)


def test_the_data_per_year_step_shows_the_figures_that_give_its_value() -> None:
    """The step reads "A writes/s avg × 86,400 × 365 × K KB": A is the average write
    rate (the peak's over the peak factor), and A × 86,400 × 365 × K / 10^6 GB is the
    value beside it (to the rounding of A, a whole number from 100 up)."""
    d = defaults()["defaults"]
    env = envelope(_req(peak_rps=4000))
    (step,) = [s for s in env.steps if s.name == "data per year"]
    figures = [
        float(x.replace(",", "")) for x in re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", step.formula)
    ]
    avg, day, year, kb = figures
    assert avg == pytest.approx(env.write_rps / d["peak_factor"], abs=0.5)
    assert (day, year, kb) == (86_400, 365, d["record_kb"])
    assert step.value == pytest.approx(avg * day * year * kb / 1e6, rel=0.01)


def test_a_serverless_store_counts_quota_units_of_its_throughput() -> None:
    """DynamoDB on demand: one logical table whose quota units are
    ceil(load / (throughput per unit × target utilization))."""
    from archwright.kb.catalog import load_catalog

    d = defaults()["defaults"]
    tech = load_catalog().get("aws-dynamodb")
    per_unit = tech.capacity.throughput_rps * d["target_utilization"]
    env = envelope(_req(dau=1000, peak_rps=10))
    for load, units in ((1.0, 1), (per_unit * 2.5, 3), (per_unit * 3, 3)):
        sized = size(Kind.NOSQL_DB, tech, load, env, managed=True, data_gb=1.0)
        assert sized.shards == units, (load, sized)


def test_users_from_concurrent_users_are_those_online_over_their_share() -> None:
    """DAU = concurrent users at the peak ÷ the share of a day's users online then."""
    d = defaults()["defaults"]
    env = envelope(_req(concurrent=5000))
    assert env.dau == pytest.approx(5000 / d["concurrent_per_dau"], rel=1e-12)


def test_a_lightly_read_database_gets_no_read_replica() -> None:
    """One node's worth of reads is served by the primary: ceil(reads / capacity) − 1 = 0."""
    env = envelope(_req(dau=1000, peak_rps=10))
    assert size(Kind.SQL_DB, None, 1.0, env, managed=False, data_gb=1.0).read_replicas == 0


def test_a_serverless_explanation_counts_its_zone_copies_in_the_right_number() -> None:
    """DynamoDB keeps one copy in a design that is not highly available (the floor of
    one) and three in one that is (a quorum store, PARTITIONED): "1 zone copy" and "3
    zone copies", the count the availability model reads."""
    from archwright.kb.catalog import load_catalog

    d = defaults()["defaults"]
    tech = load_catalog().get("aws-dynamodb")

    def env(availability: float) -> Envelope:
        scale = {"dau": 1000, "peak_rps": 10}
        return envelope(
            Requirements.model_validate({"scale": scale, "slo": {"availability": availability}})
        )

    single = env(float(d["ha_availability"]) - 0.5)
    ha = env(float(d["ha_availability"]))
    assert not single.ha and ha.ha
    one = size(Kind.NOSQL_DB, tech, 1.0, single, managed=True, data_gb=1.0)
    three = size(Kind.NOSQL_DB, tech, 1.0, ha, managed=True, data_gb=1.0)
    assert one.replicas == 1 and "(1 zone copy kept by the provider" in one.explanation
    assert three.replicas == 3 and "(3 zone copies kept by the provider" in three.explanation


def test_a_sharded_store_explanation_counts_its_copies_in_the_right_number() -> None:
    """A highly available graph store keeps the floor of two copies, a quorum NoSQL store
    three, one not highly available one: "2 copies", "3 copies", "1 copy" of each shard."""
    d = defaults()["defaults"]

    def env(availability: float) -> Envelope:
        scale = {"dau": 1000, "peak_rps": 10}
        slo = {"availability": availability}
        return envelope(Requirements.model_validate({"scale": scale, "slo": slo}))

    ha, single = env(float(d["ha_availability"])), env(float(d["ha_availability"]) - 0.5)
    for kind, e, copies in (
        (Kind.GRAPH_DB, ha, "2 copies"),
        (Kind.NOSQL_DB, ha, "3 copies"),
        (Kind.GRAPH_DB, single, "1 copy"),
    ):
        sized = size(kind, None, 1.0, e, managed=False, data_gb=1.0)
        assert sized.explanation.endswith(f"{copies} of each"), (kind, sized.explanation)


def test_peak_bandwidth_is_the_peak_rate_times_the_stated_payload() -> None:
    """500 req/s at the peak, 20 KB each: 500 × 20 / 1,000 = 10 MB/s."""
    env = envelope(_req(dau=100_000, peak_rps=500, payload_kb=20))
    step = next(s for s in env.steps if s.name == "peak bandwidth")
    assert (step.value, step.unit) == (10.0, "MB/s")
    assert step.formula == "500 req/s × 20 KB"


def test_an_object_store_under_load_is_one_instance_with_a_key_prefix_per_share_of_its_rate() -> (
    None
):
    """S3 serves 5,500 GET/s per key prefix (the catalog's throughput); sizing keeps one
    logical instance and spreads the load over ceil(load / (5,500 × target utilization))
    prefixes, at any load above 0."""
    from archwright.kb.catalog import load_catalog

    tech = load_catalog().get("aws-s3")
    util = defaults()["defaults"]["target_utilization"]
    env = envelope(_req(dau=1000, peak_rps=10))
    for load in (0.5, 100.0, 10_000.0, 1e6):
        sized = size(Kind.OBJECT_STORE, tech, load, env, managed=True)
        per_prefix = tech.capacity.throughput_rps * util
        expected = max(1, -(-load // per_prefix))
        assert (sized.replicas, sized.read_replicas, sized.shards) == (1, 0, expected)


def test_consumer_scale_starts_at_the_stated_dau() -> None:
    """sizing.yaml: "from this DAU a product is treated as consumer scale". With no stated
    SLO the assumed target is the consumer one at exactly `consumer_dau` users, the small
    one a user below, and a stated SLO overrides both."""
    d = defaults()["defaults"]
    at = int(d["consumer_dau"])
    assert envelope(_req(dau=at)).availability == d["availability_consumer"]
    assert envelope(_req(dau=at - 1)).availability == d["availability_small"]
    assert d["availability_small"] != d["availability_consumer"]
    stated = Requirements.model_validate({"scale": {"dau": at}, "slo": {"availability": 99.0}})
    assert envelope(stated).availability == 99.0


def test_data_today_is_one_year_of_writes_when_none_is_stated() -> None:
    """1,000 req/s at the peak, 9 reads to a write: 100 writes/s at the peak, 100 / 3
    (the peak factor) on average, × 86,400 s × 365 days × 1 KB a record = 1,051.2 GB."""
    d = defaults()["defaults"]
    env = envelope(_req(peak_rps=1000, read_write_ratio=9))
    assert env.write_rps == 100
    expected = 100 / d["peak_factor"] * 86_400 * 365 * d["record_kb"] / 1e6
    assert env.data_gb == pytest.approx(expected, rel=1e-12)
    assert (d["peak_factor"], d["record_kb"]) != (3, 1) or env.data_gb == pytest.approx(1051.2)
    assert envelope(_req(peak_rps=1000, read_write_ratio=9, data_gb=5)).data_gb == 5


def test_a_year_of_writes_grows_with_the_record_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each write stores `record_kb` (sizing.yaml, 1 KB today): a 2 KB record doubles the
    data a year of writes leaves (a formula that divided by it would agree at 1 KB)."""
    req = _req(peak_rps=1000, read_write_ratio=9)
    one = envelope(req).data_gb
    real = defaults()
    d = real["defaults"]
    doubled = {**real, "defaults": {**d, "record_kb": 2 * d["record_kb"]}}
    monkeypatch.setattr(sizing, "defaults", lambda: doubled)
    assert envelope(req).data_gb == pytest.approx(2 * one, rel=1e-12)


def test_a_realtime_gateway_holds_its_connections_at_the_target_utilization() -> None:
    """Gateways are sized by held connections: ceil(load / (max_connections × target
    utilization)) nodes, never under the floor (2 with an HA target)."""
    from archwright.kb.catalog import load_catalog

    d = defaults()["defaults"]
    tech = next(
        t
        for t in load_catalog().technologies
        if t.kind is Kind.REALTIME_GATEWAY and t.capacity.max_connections
    )
    per = tech.capacity.max_connections
    assert per is not None
    env = envelope(_req(dau=1000, peak_rps=10))
    load = 10 * per * d["target_utilization"] + 1
    sized = size(Kind.REALTIME_GATEWAY, tech, load, env, True)
    assert sized.replicas == max(2 if env.ha else 1, 11)


@pytest.mark.parametrize("kind", [Kind.SERVICE, Kind.WORKER, Kind.LOAD_BALANCER, Kind.API_GATEWAY])
def test_a_stateless_kind_is_scaled_by_replicas_and_never_sharded(kind: Kind) -> None:
    """A service, worker, load balancer or gateway holds no partitioned data: its load
    is spread over replicas (ceil(load ÷ (per node × target utilization))), with one
    shard and no read replicas. A shard count above one would multiply its capacity
    (servers = replicas × shards × concurrency, kb/capacity.py) for nothing."""
    d = defaults()["defaults"]
    env = envelope(_req(dau=1000, peak_rps=10))
    per_node = per_replica_rps(None, kind)
    for share in (0.5, 3.5, 40.0):
        sized = size(kind, None, per_node * d["target_utilization"] * share, env, managed=False)
        assert (sized.read_replicas, sized.shards) == (0, 1), sized
        assert sized.replicas == max(2 if env.ha else 1, math.ceil(share))


def test_a_stated_peak_alone_gives_an_average_of_peak_over_the_peak_factor() -> None:
    """With only `peak_rps`, the average load is the peak divided by the documented peak
    factor (peaks sit above the average), and the assumption says so."""
    factor = defaults()["defaults"]["peak_factor"]
    assert factor > 1
    env = envelope(_req(peak_rps=300))
    assert env.avg_rps == pytest.approx(300 / factor)
    assert env.avg_rps < env.peak_rps
    assert any("peak factor" in a for a in env.assumptions)


@pytest.mark.parametrize("kind", [Kind.NOSQL_DB, Kind.CACHE, Kind.SEARCH_INDEX, Kind.GRAPH_DB])
def test_a_partitioned_store_is_one_shard_until_its_load_needs_a_second(kind: Kind) -> None:
    """shards = max(1, by storage, by load, by memory): 1 GB on a generic node (no
    technology: no in-memory index) is one shard at no load and at exactly one node's
    worth of load at the target utilization; half a node's worth more is a second."""
    util = defaults()["defaults"]["target_utilization"]
    env = envelope(_req(dau=1000, peak_rps=10))
    one_node = per_replica_rps(None, kind) * util
    for load, shards in ((0.0, 1), (1.0, 1), (one_node, 1), (one_node * 1.5, 2)):
        sized = size(kind, None, load, env, managed=False, data_gb=1.0)
        assert sized.shards == shards, (kind, load, sized)


def test_a_store_given_no_data_is_sized_as_holding_none() -> None:
    """`data_gb` left out is no data (0 GB), as `design` passes for a component that
    holds none: the same shards, figures and explanation as 0 GB stated."""
    env = envelope(_req(dau=1000, peak_rps=10))
    for kind in (Kind.SQL_DB, Kind.SEARCH_INDEX):
        left_out = size(kind, None, 5.0, env, managed=False)
        assert left_out == size(kind, None, 5.0, env, managed=False, data_gb=0.0)
        assert "ceil(0 GB" in left_out.explanation, left_out


def test_held_events_take_the_stated_event_size_each() -> None:
    """A year of events at the daily average (peak ÷ peak factor), `landed_event_kb`
    each, grown to the horizon: 4 KB events hold four times what 1 KB records do (the
    shipped `record_kb` is 1 KB, where a divided size reads the same)."""
    d = defaults()["defaults"]
    env = envelope(_req(dau=100_000, peak_rps=500, payload_kb=4))
    assert env.landed_event_kb == 4.0
    yearly = 200 / d["peak_factor"] * 86_400 * 365 * 4 / 1e6
    assert env.events_held_gb(200) == pytest.approx(yearly * env.horizon_factor, rel=1e-12)
    plain = envelope(_req(dau=100_000, peak_rps=500))
    assert plain.event_kb is None and plain.landed_event_kb == d["record_kb"]
    ratio = env.events_held_gb(200) / plain.events_held_gb(200)
    assert ratio == pytest.approx(4.0 / d["record_kb"], rel=1e-12)
