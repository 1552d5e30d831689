"""A store's `storage_gb` is its held share of the data, not the whole stated data.

A senior engineer signs a file-sync design whose metadata database holds the file
records and whose object store holds the file bytes; one that writes the whole horizon
onto the database (tens of petabytes on Aurora) prices the blobs twice and the wrong
store. The share is `generate.provision.held_by`, the figure sizing already reads.
"""

from __future__ import annotations

import pytest

from archwright.generate import design
from archwright.generate.provision import STORED_KINDS
from archwright.generate.sizing import defaults, envelope
from archwright.kb.held import Payload, embedding, per_record, sample_bytes
from archwright.kb.patterns import load_patterns
from archwright.kb.specs import load_specs
from archwright.model import Architecture, Kind

SPECS = load_specs()


def _designed(name: str) -> Architecture:
    spec = SPECS.find(name)
    assert spec is not None
    return design(spec.requirements, name=spec.title).architecture


def test_file_sync_database_holds_records_and_the_chunk_store_the_bytes() -> None:
    arch = _designed("file-sync")
    by_id = arch.components_by_id()
    data_gb = arch.requirements.scale.data_gb or 0.0
    db, chunks, assets = by_id["db"], by_id["chunks"], by_id["assets"]
    assert chunks.storage_gb is not None and chunks.storage_gb >= data_gb
    assert db.storage_gb is not None and db.storage_gb < chunks.storage_gb / 100
    assert assets.storage_gb is not None and assets.storage_gb < 100  # built assets only
    cache = by_id["cache"]
    assert cache.storage_gb is not None and 0 < cache.storage_gb < db.storage_gb  # hot set


@pytest.mark.parametrize("name", ["file-sync", "photo-sharing", "chat", "url-shortener"])
def test_every_store_states_what_it_holds_and_nothing_else_does(name: str) -> None:
    arch = _designed(name)
    for comp in arch.components:
        if comp.kind in STORED_KINDS:
            assert comp.storage_gb, f"{comp.id} ({comp.kind.value}) states no held data"
        else:
            assert comp.storage_gb is None, f"{comp.id} ({comp.kind.value}) is no store"
    assert not any(c.storage_gb for c in arch.components if c.kind is Kind.STREAM)


def _records_gb(arch: Architecture, share: float, kind: Kind) -> float:
    """What `kb/held.yaml` says a store of `kind` keeps for `share` of the records."""
    rule = per_record(kind, frozenset({Payload.MEDIA}))
    assert rule is not None
    env = envelope(arch.requirements)
    record_kb = float(defaults()["defaults"]["record_kb"])
    return env.records_horizon_gb * share * rule.gb_per_record_gb(record_kb)


def test_a_video_catalogue_indexes_its_items_not_the_video_bytes() -> None:
    """The search index, the ANN candidate index and the feature store of a video
    service hold per record (kb/held.yaml), beside the petabytes the media store holds."""
    arch = _designed("video-streaming")
    by_id = arch.components_by_id()
    media = by_id["media"].storage_gb
    assert media is not None and media >= (arch.requirements.scale.data_gb or 0.0)
    for cid in ("search", "candidates", "feature-store"):
        comp = by_id[cid]
        assert comp.storage_gb is not None and comp.storage_gb < media / 1000, cid
        assert comp.storage_gb == pytest.approx(
            _records_gb(arch, _share(cid), comp.kind), rel=1e-3
        ), cid


def test_rag_vectors_index_the_documents_text_beside_the_document_store() -> None:
    """A RAG system's chunk vectors grow with its documents' text (the document store's
    `payload: text`), though the documents live in an object store: they hold the whole
    horizon's share as chunk embeddings, not a vector per write. An embedding (6,152
    bytes) is larger than the 1,600 bytes of new text each overlapping chunk covers, so
    the vectors hold ~3.8x the text (kb/held.yaml `embedding`), not 1.0x."""
    arch = _designed("rag-assistant")
    by_id = arch.components_by_id()
    assert any(c.kind is Kind.OBJECT_STORE for c in arch.components)
    env = envelope(arch.requirements)
    ratio = embedding().per_text_byte
    assert ratio == pytest.approx(6152 / 1600)
    text_gb = env.data_horizon_gb * _share("vectors")
    assert by_id["vectors"].storage_gb == pytest.approx(text_gb * ratio, rel=1e-3)
    assert env.records_horizon_gb < env.data_horizon_gb
    assert per_record(Kind.VECTOR_DB, frozenset({Payload.TEXT})) is None


def test_a_video_services_lakes_hold_its_events_not_a_copy_of_the_videos() -> None:
    """The training-data lake beside the media store keeps what the ML pipeline reads
    (a row per record, kb/held.yaml), not the 13.72 PB media horizon again; the feature
    lake the clickstream lands in holds every event the stream carries (39,920 events/s
    at the peak: 1,151 TB at the horizon; before: 4.6 TB, a row per API write)."""
    arch = _designed("video-streaming")
    by_id = arch.components_by_id()
    media = by_id["media"].storage_gb
    assert media is not None and media >= (arch.requirements.scale.data_gb or 0.0)
    training = by_id["training-data"]
    assert training.kind is Kind.DATA_LAKE
    assert training.storage_gb == pytest.approx(
        _records_gb(arch, _share("training-data"), Kind.DATA_LAKE), rel=1e-3
    )
    lake = by_id["feature-lake"]
    assert any(c.source == "clickstream" and c.target == "feature-lake" for c in arch.connections)
    events = by_id["clickstream"].properties["peak_load_rps"]
    assert events == pytest.approx(39_920, rel=1e-3)
    assert lake.storage_gb == pytest.approx(_events_gb(arch, events), rel=1e-3)
    assert 500_000 < (lake.storage_gb or 0.0) < media / 10  # ~1.15 PB, not the videos
    assert "holds the events its streams land" in lake.properties["sizing"]


def _events_gb(arch: Architecture, peak_events: float) -> float:
    """Events at `peak_events`/s at the peak, a year at the daily average, 1 KB each
    (`record_kb`; the stated payload is a media segment), grown to the horizon."""
    env = envelope(arch.requirements)
    d = defaults()["defaults"]
    yearly = peak_events / d["peak_factor"] * 86_400 * 365 * d["record_kb"] / 1e6
    growth = arch.requirements.scale.growth_per_year
    years = growth ** d["horizon_years"] if growth else 1 + d["horizon_years"]
    assert env.events_held_gb(peak_events) == pytest.approx(yearly * years)
    return yearly * years


def test_music_streaming_keeps_its_audio_in_a_media_store() -> None:
    """A Spotify-like service streams audio files: the audio-streaming pattern puts them
    in a media store behind a CDN, so the stated data (the catalogue's audio) is that
    store's. The training lake beside it holds a row per record; the lakes the analytics
    stream and the clickstream land in, and the warehouse loaded from the lake, hold the
    events (100,000 events/s at the peak: 4.2 PB in four years, more than the 362 TB of
    audio; before: 83 TB each, a row per API write)."""
    arch = _designed("music-streaming")
    by_id = arch.components_by_id()
    media = by_id["media"]
    assert media.kind is Kind.OBJECT_STORE and media.name == "Audio files"
    assert media.storage_gb is not None
    assert media.storage_gb >= (arch.requirements.scale.data_gb or 0.0)
    assert any(c.source == "media-cdn" and c.target == "media" for c in arch.connections)
    training = by_id["training-data"]
    assert training.storage_gb is not None and training.storage_gb < media.storage_gb / 4
    assert training.storage_gb == pytest.approx(
        _records_gb(arch, _share("training-data"), Kind.DATA_LAKE), rel=1e-3
    )
    fed = {
        "lake": "analytics-stream",
        "feature-lake": "clickstream",
        "warehouse": "analytics-stream",
    }
    for cid, stream in fed.items():
        events = by_id[stream].properties["peak_load_rps"]
        assert by_id[cid].storage_gb == pytest.approx(_events_gb(arch, events), rel=1e-3), cid
        assert (by_id[cid].storage_gb or 0.0) > media.storage_gb, cid


def test_an_audit_log_beside_a_media_store_keeps_entries_not_the_genomes() -> None:
    """genomics-pipeline's audit log declares no payload: it keeps an entry per write
    (kb/held.yaml object_store), not the 2 PB of genomes the media store holds (before:
    2,000,057 GB, the whole stated horizon, as an object store had no rule)."""
    arch = _designed("genomics-pipeline")
    by_id = arch.components_by_id()
    media, audit = by_id["media"], by_id["audit-log"]
    assert media.storage_gb is not None and media.storage_gb >= 2_000_000
    assert audit.storage_gb == pytest.approx(
        _records_gb(arch, _share("audit-log"), Kind.OBJECT_STORE), rel=1e-3
    )
    assert (audit.storage_gb or 0.0) < 1_000
    assert per_record(Kind.OBJECT_STORE, frozenset({Payload.OTHER})) is None


def test_a_crawlers_search_index_holds_the_page_text() -> None:
    """The page store holds text (`payload: text`): the index reads it, so it holds its
    share of the data, while the crawl database beside it keeps records."""
    arch = _designed("web-crawler")
    by_id = arch.components_by_id()
    env = envelope(arch.requirements)
    search = by_id["search"].storage_gb
    assert search is not None and search > env.records_horizon_gb


def _share(role_id: str) -> float:
    for pattern in load_patterns().patterns:
        for pc in pattern.components:
            if pc.id == role_id:
                return min(pc.load.share, 1.0)
    raise AssertionError(role_id)


IOT = (
    "IoT telemetry ingestion for 2M devices sending 50k messages/s, dashboards and "
    "alerts, p99 < 500 ms, 99.9%, team of 4, GCP, $20k/month"
)


def test_a_time_series_store_holds_every_reading_its_writer_takes() -> None:
    """The writer reads the telemetry stream in batches of 100 (500 writes/s), but the
    store keeps each of the 50,000 readings/s at the peak as a compressed sample
    (kb/held.yaml `samples`: victoriametrics's 0.4 bytes), over the lake's horizon:
    841 GB; before, 3.98 GB, the stated data's share."""
    arch = design(IOT).architecture
    by_id = arch.components_by_id()
    tsdb = by_id["tsdb"]
    assert tsdb.technology == "victoriametrics"
    events = by_id["telemetry"].properties["peak_load_rps"]
    assert events == pytest.approx(50_000, rel=1e-3)
    figure = sample_bytes(Kind.TIMESERIES_DB, "victoriametrics")
    assert figure is not None and figure.bytes == 0.4
    env = envelope(arch.requirements)
    d = defaults()["defaults"]
    yearly = events / d["peak_factor"] * 86_400 * 365 * figure.bytes / 1e9
    assert env.events_held_gb(events, figure.bytes / 1000) == pytest.approx(
        yearly * env.horizon_factor
    )
    assert tsdb.storage_gb == pytest.approx(yearly * env.horizon_factor, abs=0.05)
    assert 800 < (tsdb.storage_gb or 0.0) < 900
    assert "0.4 bytes a sample" in tsdb.properties["sizing"]
    assert "841 GB ÷" in tsdb.properties["sizing"]


def test_a_time_series_engine_without_its_own_figure_takes_the_kinds() -> None:
    kind = sample_bytes(Kind.TIMESERIES_DB, None)
    assert kind is not None and kind.bytes == 2.0
    assert sample_bytes(Kind.TIMESERIES_DB, "influxdb") == kind
    assert sample_bytes(Kind.DATA_LAKE, "victoriametrics") is None
