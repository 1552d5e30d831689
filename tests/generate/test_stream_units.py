"""Sizing gives a stream the units the scorer prices it for: one definition.

A Kinesis shard takes 1,000 records/s or 1 MB/s in (`write_mb_per_s`). The scorer
(`kb.capacity.units_needed`) counts shards by both; sizing once counted partitions by
records/s only, so a design of 10 KB events got a tenth of the shards its price assumed.
"""

from __future__ import annotations

import math

from archwright.generate.sizing import Envelope, defaults, size
from archwright.kb.capacity import event_kb, units_needed
from archwright.kb.catalog import load_catalog
from archwright.kb.transfer import load_transfer
from archwright.model import Kind


def _env(kb: float | None) -> Envelope:
    return Envelope(
        dau=1e5, avg_rps=100, peak_rps=300, read_rps=200, write_rps=100, events_rps=2000,
        concurrent=1000, data_gb=10, data_horizon_gb=20, bandwidth_mb_s=1, hot_set_gb=1,
        llm_rps=0, media_rps=0, availability=99.9, event_kb=kb,
    )  # fmt: skip


def test_stream_partitions_count_the_bytes_a_shard_takes() -> None:
    kinesis = load_catalog().get("aws-kinesis")
    assert kinesis.capacity.write_mb_per_s
    load = 2000.0
    small = size(Kind.STREAM, kinesis, load, _env(None), managed=True)
    large = size(Kind.STREAM, kinesis, load, _env(10.0), managed=True)
    util = float(defaults()["defaults"]["target_utilization"])
    bytes_units = math.ceil(load * 10 / 1024 / kinesis.capacity.write_mb_per_s)
    assert large.shards >= bytes_units > small.shards
    assert large.shards == max(small.shards, units_needed(kinesis, load, 10.0, util))


def test_a_media_payload_is_not_an_event() -> None:
    high = load_transfer().usage.payload_kb.high
    assert event_kb(high * 10) is None
    assert event_kb(None) is None
    assert event_kb(4.0) == 4.0
