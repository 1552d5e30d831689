"""Integrity of the technology catalog data (`archwright/kb/technologies/*.yaml`).

The loader indexes aliases with `setdefault`, so a duplicate would silently resolve to
whichever file sorts first: these tests read the raw files as well as the loaded
catalog, and fail loudly on anything a later lookup would get wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
import yaml

from archwright.kb import load_catalog
from archwright.kb.catalog import CatalogFile, Technology
from archwright.model import Kind

ROOT = Path(__file__).resolve().parents[2]
FOLDER = resources.files("archwright.kb") / "technologies"

# Technologies that legitimately carry no price: user devices, code embedded in the
# caller, and the generic third-party API placeholder.
UNPRICED = {"web-browser", "mobile-app", "iot-device", "sqlite", "external-http-api"}

# The technology whose defaults a component of each kind gets when it names none.
REFERENCES = {
    Kind.CLIENT: "web-browser",
    Kind.DNS: "aws-route53",
    Kind.CDN: "aws-cloudfront",
    Kind.WAF: "aws-waf",
    Kind.LOAD_BALANCER: "nginx",
    Kind.API_GATEWAY: "kong",
    Kind.WEB_FRONTEND: "nextjs",
    Kind.SERVICE: "container-service",
    Kind.WORKER: "container-worker",
    Kind.FUNCTION: "aws-lambda",
    Kind.SCHEDULER: "cron",
    Kind.REALTIME_GATEWAY: "socket.io",
    Kind.CACHE: "redis",
    Kind.SQL_DB: "postgresql",
    Kind.NOSQL_DB: "mongodb",
    Kind.GRAPH_DB: "neo4j",
    Kind.TIMESERIES_DB: "timescaledb",
    Kind.OBJECT_STORE: "aws-s3",
    Kind.QUEUE: "rabbitmq",
    Kind.STREAM: "kafka",
    Kind.SEARCH_INDEX: "elasticsearch",
    Kind.VECTOR_DB: "qdrant",
    Kind.WAREHOUSE: "clickhouse",
    Kind.DATA_LAKE: "apache-iceberg",
    Kind.STREAM_PROCESSOR: "apache-flink",
    Kind.BATCH_PROCESSOR: "apache-spark",
    Kind.ML_MODEL: "triton-inference-server",
    Kind.LLM: "openai-gpt-4o-mini",
    Kind.FEATURE_STORE: "feast",
    Kind.IDENTITY: "keycloak",
    Kind.SECRETS: "hashicorp-vault",
    Kind.NOTIFICATION: "aws-sns",
    Kind.PAYMENT: "stripe",
    Kind.EXTERNAL_API: "external-http-api",
    Kind.MONITORING: "prometheus",
    Kind.LOGGING: "grafana-loki",
    Kind.TRACING: "jaeger",
}

MESSAGING = {Kind.QUEUE, Kind.STREAM}


def _raw_files() -> list[tuple[str, CatalogFile]]:
    out = []
    for entry in sorted(FOLDER.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            raw = yaml.safe_load(entry.read_text(encoding="utf-8"))
            out.append((entry.name, CatalogFile.model_validate(raw)))
    return out


RAW = _raw_files()
RAW_TECHS: list[tuple[str, Technology]] = [(f, t) for f, parsed in RAW for t in parsed.technologies]
CATALOG = load_catalog()
TECH_IDS = [t.name for _, t in RAW_TECHS]


def _is_url(text: str) -> bool:
    return re.match(r"^https?://\S+", text) is not None


# ------------------------------------------------------------------ files and size


def test_catalog_is_large_enough() -> None:
    assert len(CATALOG) >= 120


def test_every_file_in_the_folder_is_a_parsed_catalog_file() -> None:
    names = sorted(p.name for p in FOLDER.iterdir() if p.is_file())
    data = [n for n in names if not n.startswith(("__init__", "README"))]
    stray = [n for n in data if not n.endswith(".yaml")]
    assert not stray, f"files the loader would skip silently (only *.yaml is read): {stray}"
    contributing = {f for f, _ in RAW_TECHS}
    assert contributing == set(data), f"files without technologies: {set(data) - contributing}"
    assert len(RAW_TECHS) == len(CATALOG), "loader and raw files disagree on the count"
    assert [t.name for t in CATALOG.technologies] == TECH_IDS, "load order is files sorted by name"


def test_snapshot_dates_present() -> None:
    for fname, parsed in RAW:
        assert re.match(r"^\d{4}-\d{2}(-\d{2})?$", parsed.snapshot_date), fname
        assert parsed.snapshot_date >= "2024-01", f"{fname}: stale snapshot {parsed.snapshot_date}"
    for tech in CATALOG.technologies:
        assert CATALOG.snapshot_dates.get(tech.name), tech.name


# ------------------------------------------------------------------ names and aliases


def test_names_titles_and_aliases_are_unique_across_files() -> None:
    names = Counter(t.name for _, t in RAW_TECHS)
    assert not [n for n, c in names.items() if c > 1], "duplicate names"
    titles = Counter(t.title.lower() for _, t in RAW_TECHS)
    assert not [n for n, c in titles.items() if c > 1], "duplicate titles"

    owner: dict[str, str] = {}
    clashes = []
    for fname, tech in RAW_TECHS:
        for key in {tech.name, tech.title.lower(), *tech.aliases}:
            if key in owner and owner[key] != tech.name:
                clashes.append(f"{fname}: {key!r} of {tech.name} already means {owner[key]}")
            owner.setdefault(key, tech.name)
    assert not clashes, "\n".join(clashes)


def test_aliases_are_clean() -> None:
    for _, tech in RAW_TECHS:
        assert len(set(tech.aliases)) == len(tech.aliases), f"{tech.name}: repeated alias"
        assert tech.name not in tech.aliases, f"{tech.name}: alias equals its own name"
        for alias in tech.aliases:
            assert alias == alias.strip() and alias, f"{tech.name}: blank or padded alias {alias!r}"


@pytest.mark.parametrize(
    ("lookup", "expected"),
    [
        ("postgres", "postgresql"),
        ("PostgreSQL", "postgresql"),
        ("mongo", "mongodb"),
        ("cp-kafka", "kafka"),
        ("confluentinc/cp-kafka", "kafka"),
        ("bitnami/redis", "redis"),
        ("envoyproxy/envoy", "envoy"),
        ("rabbitmq", "rabbitmq"),
        ("s3", "aws-s3"),
        ("gcs", "gcp-cloud-storage"),
        ("otel-collector", "opentelemetry-collector"),
        ("vault", "hashicorp-vault"),
    ],
)
def test_common_names_resolve(lookup: str, expected: str) -> None:
    found = CATALOG.find(lookup)
    assert found is not None and found.name == expected


def test_example_architectures_only_name_catalog_technologies() -> None:
    missing = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for comp in doc.get("components") or []:
            tech = comp.get("technology")
            if tech and CATALOG.find(tech) is None:
                missing.append(f"{path.name}: {tech}")
    assert not missing, missing


# ------------------------------------------------------------------ kinds and references


def test_every_kind_has_at_least_two_technologies() -> None:
    primary = Counter(t.kind for t in CATALOG.technologies)
    thin = {k.value: primary[k] for k in Kind if primary[k] < 2}
    assert not thin, f"kinds with fewer than two technologies: {thin}"


def test_reference_technologies_are_pinned() -> None:
    assert set(REFERENCES) == set(Kind), "pin a reference for every kind"
    got = {kind: (ref.name if (ref := CATALOG.reference(kind)) else None) for kind in Kind}
    wrong = {k.value: (got[k], want) for k, want in REFERENCES.items() if got[k] != want}
    assert not wrong, f"reference (got, expected): {wrong}"


def test_no_reference_comes_from_an_also_entry() -> None:
    for kind in Kind:
        ref = CATALOG.reference(kind)
        assert ref is not None and ref.kind is kind, (
            f"{kind.value}: reference {ref and ref.name} serves it only via `also`; "
            "an earlier file's `also` is stealing the default"
        )


def test_also_does_not_repeat_the_kind() -> None:
    for tech in CATALOG.technologies:
        assert tech.kind not in tech.also, tech.name
        assert len(set(tech.also)) == len(tech.also), tech.name


# ------------------------------------------------------------------ equivalents and hosting


def test_equivalents_resolve() -> None:
    by_name = {t.name: t for t in CATALOG.technologies}
    for tech in CATALOG.technologies:
        for where, other in tech.equivalents.items():
            assert other in by_name, (
                f"{tech.name}: equivalent {where} -> {other} is not a catalog name"
            )
            assert other != tech.name, f"{tech.name}: equivalent to itself"
            target = by_name[other]
            if where == "self_hosted":
                assert target.hosting == "self_hosted", f"{tech.name}: {other} is not self-hosted"
            else:
                assert target.cloud in (where, None), (
                    f"{tech.name}: {where} -> {other} runs on {target.cloud}"
                )
                assert target.hosting != "managed" or target.cloud == where, (
                    f"{tech.name} -> {other}"
                )


def test_managed_offerings_name_their_cloud_and_price_it() -> None:
    for tech in CATALOG.technologies:
        if tech.hosting == "managed":
            assert tech.cloud is not None, f"{tech.name}: managed without cloud"
            assert tech.cloud in tech.prices, f"{tech.name}: no price on its own cloud"
        else:
            assert tech.cloud is None, f"{tech.name}: only managed offerings belong to a cloud"


def test_prices_cover_every_cloud_where_the_software_can_run() -> None:
    for tech in CATALOG.technologies:
        if tech.name in UNPRICED:
            assert not tech.prices, f"{tech.name} is listed as unpriced but has prices"
            continue
        assert tech.prices, f"{tech.name}: no price (add one, or add it to UNPRICED with a reason)"
        if tech.hosting != "managed":
            assert set(tech.prices) == {"aws", "gcp", "azure"}, (
                f"{tech.name}: priced on {set(tech.prices)}"
            )


# ------------------------------------------------------------------ numbers and sources


@pytest.mark.parametrize("name", TECH_IDS)
def test_numbers_have_sources(name: str) -> None:
    tech = CATALOG.get(name)
    assert _is_url(tech.capacity.source), f"capacity source is not a URL: {tech.capacity.source!r}"
    regional = tech.capacity.regional
    assert regional is None or _is_url(regional), f"regional is not a URL: {regional!r}"
    memory = tech.capacity.in_memory
    if memory is not None:
        assert _is_url(memory.source), f"in_memory source is not a URL: {memory.source!r}"
        assert _is_url(memory.node_source), f"in_memory node_source: {memory.node_source!r}"
    for cloud, price in tech.prices.items():
        assert _is_url(price.source), f"{cloud} price source is not a URL: {price.source!r}"
        assert price.unit.strip(), cloud


@pytest.mark.parametrize("name", TECH_IDS)
def test_capacity_is_consistent(name: str) -> None:
    cap = CATALOG.get(name).capacity
    assert 0 < cap.availability <= 1
    assert cap.latency_p50_ms <= cap.latency_p99_ms
    assert cap.service_time_ms <= cap.latency_p99_ms, "mean service time above the P99 latency"
    ceiling = cap.concurrency * 1000 / cap.service_time_ms
    assert cap.throughput_rps <= ceiling * 1.05, (
        f"throughput {cap.throughput_rps}/s exceeds what {cap.concurrency} slots of "
        f"{cap.service_time_ms} ms allow ({ceiling:.0f}/s)"
    )


def test_messaging_semantics_are_real() -> None:
    for tech in CATALOG.technologies:
        if tech.kind in MESSAGING:
            assert tech.ordering != "n/a", f"{tech.name}: a broker must state its ordering"
            assert tech.delivery != "n/a", (
                f"{tech.name}: a broker must state its delivery guarantee"
            )
    expected = {
        "kafka": ("per-key", "at-least-once"),
        "aws-sqs": ("none", "at-least-once"),
        "aws-sqs-fifo": ("per-key", "exactly-once"),
        "rabbitmq": ("per-key", "at-least-once"),
        "aws-kinesis": ("per-key", "at-least-once"),
    }
    for name, (ordering, delivery) in expected.items():
        tech = CATALOG.get(name)
        assert (tech.ordering, tech.delivery) == (ordering, delivery), name
