"""The one capacity function: hand-computed figures, the data file's integrity, and the
engines agreeing on it (simulate's ceiling, the audit's capacity, sizing's per node)."""

from __future__ import annotations

import math

import pytest

from archwright.cost.traffic import design_load
from archwright.generate.sizing import Envelope, size
from archwright.kb.capacity import (
    TokenProfile,
    _kind_file,
    context_overflow_share,
    gpus_needed,
    kind_capacity,
    per_replica_rps,
    profile,
    resolve,
    slots_rps,
)
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture, Kind, ModelRole, TokenCount
from archwright.simulate.load import simulate

CATALOG = load_catalog()


def arch(components: list[dict[str, object]], **extra: object) -> Architecture:
    comps = [{"id": "users", "kind": "client"}, *components]
    conns = [{"source": "users", "target": components[0]["id"]}]
    return Architecture.model_validate(
        {"name": "t", "components": comps, "connections": conns, **extra}
    )


def test_every_kind_has_sourced_defaults_in_range() -> None:
    data = _kind_file()
    assert set(data.kinds) == set(Kind)
    for kind, dflt in data.kinds.items():
        assert dflt.source.startswith("https://"), kind
        assert 0.9 <= dflt.availability <= 1.0, kind
    assert kind_capacity(Kind.CLIENT).service_time_ms == 0  # traffic starts there
    assert 0 < data.default_hit_ratio < 1


def test_per_replica_is_the_lower_of_catalog_and_littles_law() -> None:
    fargate = CATALOG.get("aws-ecs-fargate")  # 250 rps measured; 100 slots x 1000/20 ms = 5,000
    assert per_replica_rps(fargate, Kind.SERVICE) == 250.0
    spark = CATALOG.get("apache-spark")  # 20,000 rps; 4 x 1000 / 0.2 = 20,000
    assert per_replica_rps(spark, Kind.BATCH_PROCESSOR) == pytest.approx(20_000.0)
    # No technology: the kind default by Little's law, 50 slots x 1000 / 15 ms.
    assert per_replica_rps(None, Kind.SERVICE) == pytest.approx(50 * 1000 / 15)
    assert slots_rps(8, 0) == math.inf


def test_profile_derives_effective_concurrency_from_the_catalog_cap() -> None:
    a = arch([{"id": "api", "kind": "service", "technology": "aws-ecs-fargate", "replicas": 3}])
    api = resolve(a, CATALOG)["api"]
    # 250 rps x 20 ms / 1000 = 5 requests worked on at once; 100 slots held.
    assert api.concurrency == 100
    assert api.effective_concurrency == pytest.approx(5.0)
    assert api.per_replica_rps == 250.0
    assert api.max_rps == pytest.approx(750.0)  # 3 replicas x 250


def test_stated_slots_and_service_time_describe_the_component() -> None:
    a = arch(
        [
            {
                "id": "api",
                "kind": "service",
                "technology": "aws-ecs-fargate",
                "concurrency": 32,
                "service_time_ms": 40,
                "replicas": 2,
                "shards": 1,
            }
        ]
    )
    api = resolve(a, CATALOG)["api"]
    assert api.per_replica_rps == pytest.approx(800.0)  # 32 x 1000 / 40, not the catalog's 250
    assert api.max_rps == pytest.approx(1600.0)
    assert api.source == "model+catalog:aws-ecs-fargate"


def test_read_replicas_count_for_the_read_share() -> None:
    a = arch(
        [{"id": "db", "kind": "sql_db", "technology": "postgresql", "read_replicas": 2}],
        requirements={"scale": {"read_write_ratio": 3}},
    )
    db = resolve(a, CATALOG)["db"]
    # (1 + 2 x 3/4) replicas x 8,000 rps (catalog below 100 x 1000 / 2 ms)
    assert db.max_rps == pytest.approx(2.5 * 8000)


def test_simulate_saturates_exactly_at_the_per_replica_figure() -> None:
    a = arch([{"id": "api", "kind": "service", "technology": "aws-ecs-fargate", "replicas": 4}])
    result = simulate(a, rps=100)
    assert result["components"]["api"]["saturates_at_rps"] == pytest.approx(1000.0)
    assert result["max_rps"] == pytest.approx(999.0)  # bisection tolerance 1e-3


def test_sizing_uses_the_same_per_replica_figure() -> None:
    fargate = CATALOG.get("aws-ecs-fargate")
    env = Envelope(
        dau=1,
        avg_rps=1,
        peak_rps=1,
        read_rps=1,
        write_rps=1,
        events_rps=1,
        concurrent=1,
        data_gb=1,
        data_horizon_gb=1,
        bandwidth_mb_s=1,
        hot_set_gb=1,
        llm_rps=1,
        media_rps=1,
        availability=99.0,
    )
    # ceil(1,000 / (250 x 0.65)) = 7 replicas
    assert size(Kind.SERVICE, fargate, 1000.0, env, managed=True).replicas == 7


def test_design_load_reads_the_recorded_scale() -> None:
    a = arch(
        [{"id": "api", "kind": "service"}],
        requirements={"scale": {"peak_rps": 300, "read_write_ratio": 4, "data_gb": 50}},
    )
    load = design_load(a)
    assert load.peak_rps == 300 and load.avg_rps == 150  # half the peak without avg_rps
    assert "x the recorded peak" in load.avg_basis
    assert load.read_write_ratio == 4 and load.data_gb == 50
    none = design_load(arch([{"id": "api", "kind": "service"}]))
    assert none.peak_rps is None and none.avg_rps is None


@pytest.mark.parametrize(("mean", "p99"), [(1000.0, 3000.0), (200.0, 250.0), (50.0, 400.0)])
def test_token_lognormal_keeps_the_stated_mean_and_p99(mean: float, p99: float) -> None:
    """A lognormal(mu, sigma) has mean exp(mu + sigma^2/2) and 99th percentile
    exp(mu + 2.326348 sigma) (the standard normal's 0.99 quantile, NIST/SEMATECH
    e-Handbook table 1.3.6.7.1); the fit must give back both figures."""
    from archwright.kb.capacity import _lognormal
    from archwright.model import TokenCount

    sigma, mu = _lognormal(TokenCount(mean=mean, p99=p99))
    assert math.exp(mu + sigma**2 / 2) == pytest.approx(mean, rel=1e-9)
    assert math.exp(mu + 2.3263478740408408 * sigma) == pytest.approx(p99, rel=1e-9)


def test_read_share_is_reads_over_all_requests_and_none_when_unstated() -> None:
    """4 reads per write is 4 / (4 + 1) = 0.8 of requests; with no ratio stated no read
    share is assumed, so read replicas add no capacity."""
    from archwright.kb.capacity import _read_fraction

    def with_ratio(**scale: object) -> Architecture:
        return Architecture.model_validate(
            {"name": "t", "requirements": {"scale": scale}, "components": []}
        )

    assert _read_fraction(with_ratio(read_write_ratio=4)) == pytest.approx(0.8)
    assert _read_fraction(with_ratio()) == 0.0


def _prompt_profile(prompt: TokenCount, output: TokenCount, window: float) -> TokenProfile:
    return TokenProfile(
        role=ModelRole.GENERATION,
        input=prompt,
        output=output,
        context_window=window,
        rpm_quota=None,
        tpm_quota=None,
        input_tpm_quota=None,
        output_tpm_quota=None,
        ttft_ms=0.0,
        per_token_ms=0.0,
        prefill_ms_per_1k=0.0,
        gpu=None,
        source="test",
    )


def test_context_overflow_is_the_prompt_share_past_the_window_less_the_answer() -> None:
    """A prompt overflows when it leaves less room than the answer's p99 (its mean when
    no tail is stated): with an 8,192-token window and a 2,000-token p99 answer the
    limit is 6,192. A prompt whose own p99 is exactly that limit overflows on 1 % of
    requests, whatever the lognormal fitted to it; a mean-only prompt is all or none."""
    answer = TokenCount(mean=500, p99=2000)
    at_p99 = _prompt_profile(TokenCount(mean=3000, p99=6192), answer, 8192)
    assert context_overflow_share(at_p99) == pytest.approx(0.01, rel=1e-9)
    assert context_overflow_share(_prompt_profile(TokenCount(mean=6000), answer, 8192)) == 0.0
    assert context_overflow_share(_prompt_profile(TokenCount(mean=6500), answer, 8192)) == 1.0
    # no p99 for the answer: its mean, 500, so the limit is 7,692
    mean_only = TokenCount(mean=500)
    assert context_overflow_share(_prompt_profile(TokenCount(mean=7600), mean_only, 8192)) == 0.0
    assert context_overflow_share(_prompt_profile(TokenCount(mean=7800), mean_only, 8192)) == 1.0
    # an answer as long as the window leaves no room at all
    assert context_overflow_share(_prompt_profile(TokenCount(mean=1), answer, 2000)) == 1.0


def test_a_prompt_stated_to_its_p95_overflows_on_5_percent_at_that_p95() -> None:
    """With no p99 the lognormal is fitted to the mean and p95 (z = 1.645): a prompt of
    mean 3,000 whose p95 is exactly the 6,192-token limit overflows on 5 % of requests,
    and one whose p95 is half the limit overflows on some requests, fewer than 5 %."""
    answer = TokenCount(mean=500, p99=2000)
    at_p95 = _prompt_profile(TokenCount(mean=3000, p95=6192), answer, 8192)
    assert context_overflow_share(at_p95) == pytest.approx(0.05, rel=1e-9)
    below = _prompt_profile(TokenCount(mean=3000, p95=3096), answer, 8192)
    assert 0 < context_overflow_share(below) < 0.05


def test_a_model_without_gpus_needs_none_at_any_load() -> None:
    """A hosted model (no GPU serving profile) is the provider's hardware: zero GPUs."""
    hosted = _prompt_profile(TokenCount(mean=1000), TokenCount(mean=500), 8192)
    assert hosted.gpu is None
    assert gpus_needed(0.0, hosted) == 0
    assert gpus_needed(50.0, hosted) == 0


def test_two_shards_carry_twice_the_load_at_the_same_busyness() -> None:
    """Shards split the load: 200 requests/s over two shards keep each replica as busy
    as 100 requests/s on one, whether the slots (long holds) or the per-replica
    throughput (short holds) bind."""
    a = Architecture.model_validate(
        {
            "name": "t",
            "components": [
                {"id": "two", "kind": "sql_db", "shards": 2},
                {"id": "one", "kind": "sql_db"},
            ],
        }
    )
    prof = resolve(a)
    for holding_ms in (0.001, 50.0):  # throughput-bound, then slot-bound
        busy_one = prof["one"].replicas_busy(100.0, holding_ms)
        assert busy_one > 0
        assert prof["two"].replicas_busy(200.0, holding_ms) == pytest.approx(busy_one, rel=1e-12)
    # the throughput-bound figure is the share of one replica's rate
    assert prof["one"].replicas_busy(100.0, 0.001) == pytest.approx(
        100.0 / prof["one"].per_replica_rps
    )


def test_slots_allow_concurrency_over_the_service_time_down_to_a_millisecond() -> None:
    """Little's law: 10 slots held 1 ms each serve 10,000 requests/s, held 0.5 ms 20,000;
    only a station that takes no time at all is unbounded."""
    assert slots_rps(10, 1.0) == pytest.approx(10_000.0)
    assert slots_rps(10, 0.5) == pytest.approx(20_000.0)
    assert math.isinf(slots_rps(10, 0.0))


def test_a_requests_per_minute_quota_binds_at_a_sixtieth_of_it() -> None:
    """60 requests a minute is 1 request a second, whatever the token counts."""
    from dataclasses import replace

    from archwright.kb.capacity import quota_rps

    base = _prompt_profile(TokenCount(mean=1000), TokenCount(mean=500), 8192)
    limit = quota_rps(replace(base, rpm_quota=60.0))
    assert (limit.rps, limit.binding) == (pytest.approx(1.0), "rpm")


@pytest.mark.parametrize("gpus", [1, 2, 4])
def test_a_gpu_replica_holds_its_batch_on_each_of_its_gpus(gpus: int) -> None:
    """vLLM serving Llama 3 8B on A10Gs: each GPU decodes a batch of 16 (its KV cache of
    5.4 GB holds 5.4e6 / 131 = 41,221 tokens, 31 sequences of the mean 1,000 + 300, so
    the measured 16 binds), and a replica holding `gpus` GPUs holds 16 × gpus requests."""
    gpu = {
        "gpu_type": "NVIDIA A10G 24GB",
        "gpus_per_replica": gpus,
        "tokens_per_second": 2000,
        "batch_size": 16,
        "kv_cache_gb": 5.4,
        "kv_kb_per_token": 131,
    }

    def slots(tokens: dict[str, object]) -> int:
        arch = Architecture.model_validate(
            {
                "name": "t",
                "components": [
                    {"id": "u", "kind": "client"},
                    {"id": "m", "kind": "llm", "technology": "vllm", "tokens": tokens},
                ],
                "connections": [{"source": "u", "target": "m"}],
            }
        )
        return profile(arch.components[1], load_catalog()).concurrency

    assert slots({"gpu": gpu}) == 16 * gpus
    # Long requests: 3,000 + 1,000 tokens each, so the cache holds floor(41,221 / 4,000)
    # = 10 sequences, fewer than the measured batch of 16: the cache binds.
    long = {"input": {"mean": 3000}, "output": {"mean": 1000}, "gpu": gpu}
    assert slots(long) == 10 * gpus


@pytest.mark.parametrize(
    ("input_mean", "output_mean", "sequences"),
    [(0, 0, 3), (0.25, 0.25, 3), (0, 1, 3), (0.5, 1, 2), (1, 2, 1), (1, 3, 1), (10, 90, 1)],
)
def test_a_sequence_takes_at_least_one_token_of_the_kv_cache_and_one_always_runs(
    input_mean: float, output_mean: float, sequences: int
) -> None:
    """A cache of 0.003 GB at 1,000 KB a token holds 0.003e6 / 1,000 = 3 tokens. Each
    sequence takes max(1, input + output) of them, so requests of 0, 0.5 or 1 token in
    all fit floor(3 / 1) = 3 at once (one token each, never more than 3), 1.5 tokens fit
    floor(3 / 1.5) = 2 and 3 tokens fit 1; the measured batch of 16 does not bind. A
    request of 4 or 100 tokens does not fit (floor 0) but one sequence still runs on each
    GPU, so a replica of 2 GPUs holds 2 × the sequences per GPU."""
    gpu = {
        "gpu_type": "test GPU",
        "gpus_per_replica": 2,
        "tokens_per_second": 100,
        "batch_size": 16,
        "kv_cache_gb": 0.003,
        "kv_kb_per_token": 1000,
    }
    tokens = {"input": {"mean": input_mean}, "output": {"mean": output_mean}, "gpu": gpu}
    arch = Architecture.model_validate(
        {
            "name": "t",
            "components": [
                {"id": "u", "kind": "client"},
                {"id": "m", "kind": "llm", "technology": "vllm", "tokens": tokens},
            ],
            "connections": [{"source": "u", "target": "m"}],
        }
    )
    assert profile(arch.components[1], load_catalog()).concurrency == 2 * sequences


def test_a_kinesis_shard_caps_the_bytes_of_the_stated_record_size() -> None:
    """`units_needed`: a Kinesis shard takes 1,000 records/s or 1 MB/s. 1,000 records/s
    of 5 KB are 5,000 / 1,024 = 4.88 MB/s: 5 shards (10 at half of each); unstated, the
    record count alone needs 1; 100 records/s of 20 KB are 1.95 MB/s: 2 shards."""
    from archwright.kb.capacity import units_needed
    from archwright.kb.catalog import load_catalog

    kinesis = load_catalog().get("aws-kinesis")
    assert units_needed(kinesis, 1000, 5) == 5
    assert units_needed(kinesis, 1000, 5, 0.5) == 10
    assert units_needed(kinesis, 1000, None) == 1
    assert units_needed(kinesis, 100, 20) == 2
