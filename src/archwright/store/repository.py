"""`Store`: the one object callers use. Each call is one short transaction.

Nothing is cached between calls, so any number of server replicas can share one
database; the only state is in the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from archwright.store import conversations, jobs, projects
from archwright.store.database import connect, default_url, migrate
from archwright.store.errors import StoreError
from archwright.store.records import Job, JobState, Message, Project, Role, Version
from archwright.store.records import Session as SessionRecord
from archwright.store.tables import MessageRow, ProjectRow, SessionRow, VersionRow

T = TypeVar("T")

_APPEND_ATTEMPTS = 8


class Unavailable(StoreError):
    """The database cannot be reached or refused the operation."""


class Store:
    """Projects, versions and conversations in one SQL database."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = url or default_url()
        self.engine: Engine = connect(self.url)
        if upgrade:
            migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._sessions() as db:
            try:
                with db.begin():
                    yield db
            except OperationalError as exc:
                raise Unavailable(f"the database refused: {type(exc.orig).__name__}") from None

    def _run(self, work: Callable[[Session], T]) -> T:
        with self._transaction() as db:
            return work(db)

    def close(self) -> None:
        self.engine.dispose()

    # Projects and versions

    def create_project(self, name: str, text: str | None = None, author: str = "") -> Project:
        """A new project, with its first version when `text` is given."""

        def work(db: Session) -> Project:
            project = projects.create(db, name)
            if text is None:
                return project
            version = projects.save(db, project.id, text, author, None)
            return Project(project.id, project.name, project.created, version.number)

        return self._run(work)

    def projects(self) -> list[Project]:
        def work(db: Session) -> list[Project]:
            rows = db.scalars(select(ProjectRow).order_by(ProjectRow.created, ProjectRow.id))
            return [projects.project_record(r) for r in rows]

        return self._run(work)

    def project(self, project_id: str) -> Project:
        return self._run(lambda db: projects.project_record(projects.project_row(db, project_id)))

    def rename_project(self, project_id: str, name: str) -> Project:
        def work(db: Session) -> Project:
            row = projects.project_row(db, project_id)
            row.name = projects.checked_name(name)
            return projects.project_record(row)

        return self._run(work)

    def delete_project(self, project_id: str) -> None:
        def work(db: Session) -> None:
            projects.project_row(db, project_id)
            sessions = select(SessionRow.id).where(SessionRow.project_id == project_id)
            db.execute(delete(MessageRow).where(MessageRow.session_id.in_(sessions)))
            db.execute(delete(SessionRow).where(SessionRow.project_id == project_id))
            db.execute(delete(VersionRow).where(VersionRow.project_id == project_id))
            db.execute(delete(ProjectRow).where(ProjectRow.id == project_id))

        self._run(work)

    def head(self, project_id: str) -> Version | None:
        return self._run(lambda db: projects.head_version(db, project_id))

    def version(self, project_id: str, number: int) -> Version:
        return self._run(lambda db: projects.version_at(db, project_id, number))

    def versions(self, project_id: str) -> list[Version]:
        """Every version, oldest first."""

        def work(db: Session) -> list[Version]:
            projects.project_row(db, project_id)
            rows = db.scalars(
                select(VersionRow)
                .where(VersionRow.project_id == project_id)
                .order_by(VersionRow.number)
            )
            return [projects.version_record(r) for r in rows]

        return self._run(work)

    def save(self, project_id: str, text: str, author: str, expected: str | None) -> Version:
        """A new head if `expected` is the head's ETag (None when there is no head).

        Raises `Conflict` (nothing written) when another save landed first.
        """
        try:
            return self._run(lambda db: projects.save(db, project_id, text, author, expected))
        except IntegrityError:
            from archwright.store.errors import Conflict

            raise Conflict("another save landed first; reload and retry", None) from None

    # Conversations

    def create_session(self, project_id: str | None, title: str) -> SessionRecord:
        return self._run(lambda db: conversations.create(db, project_id, title))

    def session(self, session_id: str) -> SessionRecord:
        return self._run(
            lambda db: conversations.session_record(conversations.session_row(db, session_id))
        )

    def sessions(self, project_id: str | None) -> list[SessionRecord]:
        """Conversations about a project (None: those about no project), oldest first."""

        def work(db: Session) -> list[SessionRecord]:
            query = select(SessionRow).order_by(SessionRow.created, SessionRow.id)
            if project_id is None:
                query = query.where(SessionRow.project_id.is_(None))
            else:
                projects.project_row(db, project_id)
                query = query.where(SessionRow.project_id == project_id)
            return [conversations.session_record(r) for r in db.scalars(query)]

        return self._run(work)

    def append(
        self,
        session_id: str,
        role: Role,
        text: str,
        payload: Mapping[str, Any] | None = None,
        version_id: str | None = None,
    ) -> Message:
        """Add a message at the end; a racing append retries at the next position."""
        for _ in range(_APPEND_ATTEMPTS):
            try:
                return self._run(
                    lambda db: conversations.append(db, session_id, role, text, payload, version_id)
                )
            except IntegrityError:
                continue
        raise Unavailable("the conversation is too busy to append to; retry")

    def messages(self, session_id: str) -> list[Message]:
        """The conversation in order."""

        def work(db: Session) -> list[Message]:
            conversations.session_row(db, session_id)
            rows = db.scalars(
                select(MessageRow)
                .where(MessageRow.session_id == session_id)
                .order_by(MessageRow.position)
            )
            return [conversations.message_record(r) for r in rows]

        return self._run(work)

    # Long jobs

    def start_job(self, kind: str) -> Job:
        """A new running job of `kind` (`des`, `availability`)."""
        return self._run(lambda db: jobs.start(db, kind))

    def job(self, job_id: str, lease_s: float | None = None) -> Job:
        """The job; with `lease_s`, a running job whose heartbeat is older than that is
        recorded and returned as `lost`."""
        if lease_s is None:
            return self._run(lambda db: jobs.job_record(jobs.job_row(db, job_id)))
        return self._run(lambda db: jobs.lapse(db, job_id, lease_s))

    def beat_job(self, job_id: str, progress: float | None = None) -> Job:
        """The running replica's heartbeat, with the fraction done; returns the job (its
        cancel flag, and its state: `lost` if another replica gave up on it)."""
        return self._run(lambda db: jobs.beat(db, job_id, progress))

    def finish_job(self, job_id: str, state: JobState) -> Job:
        """Record how a running job ended; a job that already ended keeps its state."""
        return self._run(lambda db: jobs.finish(db, job_id, state))

    def cancel_job(self, job_id: str) -> Job:
        """Ask the replica running the job to stop it (a job that ended is left as it is)."""
        return self._run(lambda db: jobs.request_cancel(db, job_id))
