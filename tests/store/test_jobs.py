"""Job heartbeats: a job whose replica stops beating is recorded `lost` by whichever
replica asks first, once; migration 0003 adds the columns to an existing database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine, inspect, text, update

from archwright.store import JobState, Store, normalize_url
from archwright.store.database import connect, migrate
from archwright.store.tables import Base, JobRow

LEASE = 15.0


def _age(store: Store, job_id: str, seconds: float) -> None:
    """Pretend the job's last heartbeat was `seconds` ago (its replica stopped then)."""
    with store.engine.begin() as connection:
        stamp = datetime.now(UTC) - timedelta(seconds=seconds)
        connection.execute(update(JobRow).where(JobRow.id == job_id).values(heartbeat=stamp))


def test_a_job_that_stops_beating_is_lost_once(db_url: str) -> None:
    store = Store(db_url)
    other = Store(db_url, upgrade=False)  # another replica
    job = store.start_job("des")
    beaten = store.beat_job(job.id, 0.25)
    assert beaten.state is JobState.RUNNING and beaten.progress == 0.25
    assert other.job(job.id, LEASE).state is JobState.RUNNING, "a fresh heartbeat"
    _age(store, job.id, LEASE - 5)
    assert other.job(job.id, LEASE).state is JobState.RUNNING, "within the lease"
    _age(store, job.id, LEASE + 1)
    assert other.job(job.id).state is JobState.RUNNING, "no lease given: nothing judged"
    lost = other.job(job.id, LEASE)
    assert lost.state is JobState.LOST and lost.finished is not None
    assert lost.problem is not None and "stopped responding" in lost.problem
    assert lost.progress == 0.25, "the fraction it had reached is kept"
    # The replica comes back: its beat and its end change nothing.
    assert store.beat_job(job.id, 0.9).state is JobState.LOST
    assert store.finish_job(job.id, JobState.DONE).state is JobState.LOST
    assert store.job(job.id, LEASE).finished == lost.finished, "recorded once"
    assert store.job(job.id).progress == 0.25
    store.close()
    other.close()


def test_finished_jobs_are_never_lost_and_done_is_all_done(db_url: str) -> None:
    store = Store(db_url)
    job = store.start_job("availability")
    assert store.finish_job(job.id, JobState.DONE).progress == 1.0
    _age(store, job.id, 3600)
    assert store.job(job.id, LEASE).state is JobState.DONE
    assert store.job(job.id, LEASE).problem is None
    store.close()


def test_progress_is_clamped_into_zero_to_one(db_url: str) -> None:
    store = Store(db_url)
    job = store.start_job("des")
    assert store.beat_job(job.id, 7.0).progress == 1.0
    assert store.beat_job(job.id, -1.0).progress == 0.0
    assert store.beat_job(job.id).progress == 0.0, "a beat without a fraction keeps it"
    store.close()


def test_upgrade_from_the_previous_head_keeps_jobs_and_loses_orphans(db_url: str) -> None:
    """A database at 0002 (jobs without heartbeats) upgrades to 0003: a job left running
    by the stopped server is then reported lost; a finished one keeps its state."""
    engine = connect(db_url)
    migrate(engine, "0002")
    hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with engine.begin() as connection:
        names = {c["name"] for c in inspect(connection).get_columns("jobs")}
        assert "heartbeat" not in names and "progress" not in names
        for job_id, state in (("a" * 32, "running"), ("b" * 32, "done")):
            connection.execute(
                text(
                    "INSERT INTO jobs (id, kind, state, cancel, created, finished) "
                    "VALUES (:id, 'des', :state, :cancel, :created, NULL)"
                ),
                {"id": job_id, "state": state, "cancel": False, "created": hour_ago},
            )
    engine.dispose()
    store = Store(db_url)  # upgrades to the head
    found = inspect(create_engine(normalize_url(db_url)))
    jobs = Base.metadata.tables["jobs"]
    assert {c["name"] for c in found.get_columns("jobs")} == {c.name for c in jobs.columns}
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0003"
        )
    assert store.job("a" * 32, LEASE).state is JobState.LOST
    assert store.job("b" * 32, LEASE).state is JobState.DONE
    fresh = store.start_job("des")
    assert store.job(fresh.id, LEASE).state is JobState.RUNNING
    store.close()
