"""Long jobs: a row per job with its state, a cancel flag, a heartbeat and its progress.

The replica that streams a job beats every tick: it refreshes the heartbeat, records the
fraction done and reads the cancel flag in one statement. A cancel request sets the flag,
from whichever replica the load balancer sent it to. A job whose heartbeat is older than
the lease has lost its replica (killed, or cut off from the database): the first reader,
on any replica, records it `lost`, once. A job's state moves once, from running to done,
failed, cancelled or lost; a cancel or a beat after that changes nothing.

Heartbeats are the replicas' wall clocks (UTC), so replica clocks must agree to well
within the lease (NTP does).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from archwright.store.projects import new_id, now
from archwright.store.records import Job, JobState
from archwright.store.tables import JobRow, row_by_id


def job_record(row: JobRow) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        state=JobState(row.state),
        cancel_requested=row.cancel,
        created=row.created,
        finished=row.finished,
        heartbeat=row.heartbeat,
        progress=row.progress,
    )


def job_row(db: Session, job_id: str) -> JobRow:
    return row_by_id(db, JobRow, job_id, "job")


def start(db: Session, kind: str) -> Job:
    stamp = now()
    row = JobRow(
        id=new_id(),
        kind=kind[:32],
        state=JobState.RUNNING,
        cancel=False,
        created=stamp,
        heartbeat=stamp,
    )
    db.add(row)
    db.flush()
    return job_record(row)


def beat(db: Session, job_id: str, progress: float | None) -> Job:
    """The streaming replica is alive: refresh the heartbeat (and the fraction done)."""
    values: dict[str, object] = {"heartbeat": now()}
    if progress is not None:
        values["progress"] = min(1.0, max(0.0, progress))
    db.execute(
        update(JobRow)
        .where(JobRow.id == job_id, JobRow.state == JobState.RUNNING.value)
        .values(**values)
    )
    return job_record(job_row(db, job_id))


def lapse(db: Session, job_id: str, lease_s: float) -> Job:
    """The job, first marked `lost` if it is running with a heartbeat older than the lease.

    One conditional UPDATE, so two replicas reading at once record the loss once, and a
    replica that finishes at that moment either lands first or finds the job lost."""
    stamp = now()
    db.execute(
        update(JobRow)
        .where(
            JobRow.id == job_id,
            JobRow.state == JobState.RUNNING.value,
            JobRow.heartbeat < stamp - timedelta(seconds=lease_s),
        )
        .values(state=JobState.LOST.value, finished=stamp)
    )
    return job_record(job_row(db, job_id))


def finish(db: Session, job_id: str, state: JobState) -> Job:
    row = job_row(db, job_id)
    if row.state == JobState.RUNNING:
        row.state = state
        row.finished = now()
        if state is JobState.DONE:
            row.progress = 1.0
    return job_record(row)


def request_cancel(db: Session, job_id: str) -> Job:
    row = job_row(db, job_id)
    if row.state == JobState.RUNNING:
        row.cancel = True
    return job_record(row)
