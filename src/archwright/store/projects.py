"""Projects and their versions; a save is a compare-and-set on the project's head.

Two replicas may take the same save at the same moment. The save names the ETag of the
head it was based on; the head counter moves with one conditional UPDATE (`WHERE head =
expected`), and (project, number) is unique, so exactly one of two racing saves wins and
the other gets `Conflict` with nothing written. No save is ever lost silently.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from archwright.store.errors import Conflict, Invalid, NotFound
from archwright.store.records import Project, Version
from archwright.store.tables import ProjectRow, VersionRow, row_by_id

MAX_NAME = 200
MAX_TEXT = 2_000_000
"""Characters of one version's YAML: the architecture loader's own cap is 2 MB."""


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> datetime:
    return datetime.now(UTC)


def checked_name(name: str, what: str = "name") -> str:
    clean = name.strip()
    if not clean:
        raise Invalid(f"the {what} is empty")
    if len(clean) > MAX_NAME:
        raise Invalid(f"the {what} is longer than {MAX_NAME} characters")
    return clean


def etag_of(project_id: str, number: int, text: str) -> str:
    digest = hashlib.sha256(f"{project_id}\0{number}\0{text}".encode()).hexdigest()
    return digest[:32]


def project_record(row: ProjectRow) -> Project:
    return Project(id=row.id, name=row.name, created=row.created, head=row.head)


def version_record(row: VersionRow) -> Version:
    return Version(
        id=row.id,
        project_id=row.project_id,
        number=row.number,
        parent=row.parent,
        text=row.text,
        author=row.author,
        created=row.created,
        etag=row.etag,
    )


def project_row(db: Session, project_id: str) -> ProjectRow:
    return row_by_id(db, ProjectRow, project_id, "project")


def create(db: Session, name: str) -> Project:
    row = ProjectRow(id=new_id(), name=checked_name(name), created=now(), head=0)
    db.add(row)
    db.flush()
    return project_record(row)


def head_version(db: Session, project_id: str) -> Version | None:
    project = project_row(db, project_id)
    if project.head == 0:
        return None
    return version_at(db, project_id, project.head)


def version_at(db: Session, project_id: str, number: int) -> Version:
    project_row(db, project_id)
    row = db.scalars(
        select(VersionRow).where(VersionRow.project_id == project_id, VersionRow.number == number)
    ).first()
    if row is None:
        raise NotFound(f"project {project_id[:40]!r} has no version {number}")
    return version_record(row)


def save(db: Session, project_id: str, text: str, author: str, expected: str | None) -> Version:
    """A new head version, if `expected` is the current head's ETag (None: no head yet)."""
    if len(text) > MAX_TEXT:
        raise Invalid(f"the architecture is longer than {MAX_TEXT:,} characters")
    current = head_version(db, project_id)
    check_base(current, expected)
    base = current.number if current else 0
    moved = db.execute(
        update(ProjectRow)
        .where(ProjectRow.id == project_id, ProjectRow.head == base)
        .values(head=base + 1)
    )
    if getattr(moved, "rowcount", 0) != 1:
        raise Conflict("another save landed first; reload and retry", None)
    number = base + 1
    row = VersionRow(
        id=new_id(),
        project_id=project_id,
        number=number,
        parent=base or None,
        text=text,
        author=checked_name(author or "anonymous", "author"),
        created=now(),
        etag=etag_of(project_id, number, text),
    )
    db.add(row)
    try:
        db.flush()
    except IntegrityError:
        raise Conflict("another save landed first; reload and retry", None) from None
    return version_record(row)


def check_base(current: Version | None, expected: str | None) -> None:
    """Refuse (`Conflict`) a save based on `expected` when the head is `current`."""
    current_etag = current.etag if current else None
    if expected != current_etag:
        raise Conflict(_conflict_message(expected, current), current_etag)


def _conflict_message(expected: str | None, current: Version | None) -> str:
    if current is None:
        return "the project has no version yet; save without If-Match"
    if expected is None:
        return f"the project is at version {current.number}; send its ETag as If-Match"
    return f"the project moved on to version {current.number}; reload, merge and retry"
