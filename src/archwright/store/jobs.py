"""Long jobs: a row per job with its state and a cancel flag.

The replica that streams a job polls the flag; a cancel request sets it, from whichever
replica the load balancer sent it to. A job's state moves once, from running to done,
failed or cancelled; a cancel after that changes nothing.
"""

from __future__ import annotations

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
    )


def job_row(db: Session, job_id: str) -> JobRow:
    return row_by_id(db, JobRow, job_id, "job")


def start(db: Session, kind: str) -> Job:
    row = JobRow(id=new_id(), kind=kind[:32], state=JobState.RUNNING, cancel=False, created=now())
    db.add(row)
    db.flush()
    return job_record(row)


def finish(db: Session, job_id: str, state: JobState) -> Job:
    row = job_row(db, job_id)
    if row.state == JobState.RUNNING:
        row.state = state
        row.finished = now()
    return job_record(row)


def request_cancel(db: Session, job_id: str) -> Job:
    row = job_row(db, job_id)
    if row.state == JobState.RUNNING:
        row.cancel = True
    return job_record(row)
