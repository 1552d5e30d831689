"""Conversation sessions: ordered messages (role, text, JSON payload, optional version).

Positions are dense per session and unique, so two replicas appending at once cannot
interleave one session's order: the second insert fails its unique check and retries
at the next position.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from archwright.store.errors import Invalid, NotFound
from archwright.store.projects import MAX_TEXT, checked_name, new_id, now, project_row
from archwright.store.records import Message, Role
from archwright.store.records import Session as SessionRecord
from archwright.store.tables import MessageRow, SessionRow, VersionRow, row_by_id

MAX_PAYLOAD = 1_000_000


def session_record(row: SessionRow) -> SessionRecord:
    return SessionRecord(id=row.id, project_id=row.project_id, title=row.title, created=row.created)


def message_record(row: MessageRow) -> Message:
    return Message(
        id=row.id,
        session_id=row.session_id,
        position=row.position,
        role=Role(row.role),
        text=row.text,
        payload=json.loads(row.payload),
        version_id=row.version_id,
        created=row.created,
    )


def session_row(db: Session, session_id: str, *, lock: bool = False) -> SessionRow:
    """The conversation's row; `lock` holds it for this transaction (PostgreSQL's
    FOR UPDATE; SQLite serialises writers anyway), so appends to one conversation queue
    behind each other instead of racing for the next position."""
    return row_by_id(db, SessionRow, session_id, "conversation", lock=lock)


def create(db: Session, project_id: str | None, title: str) -> SessionRecord:
    if project_id is not None:
        project_row(db, project_id)
    row = SessionRow(
        id=new_id(), project_id=project_id, title=checked_name(title, "title"), created=now()
    )
    db.add(row)
    db.flush()
    return session_record(row)


def payload_text(payload: Mapping[str, Any] | None) -> str:
    """The payload as JSON text: finite numbers only, bounded in size."""
    try:
        text = json.dumps(dict(payload or {}), allow_nan=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"the payload is not plain JSON data ({exc})") from None
    if len(text) > MAX_PAYLOAD:
        raise Invalid(f"the payload is larger than {MAX_PAYLOAD:,} characters")
    return text


def append(
    db: Session,
    session_id: str,
    role: Role,
    text: str,
    payload: Mapping[str, Any] | None,
    version_id: str | None,
) -> Message:
    session = session_row(db, session_id, lock=True)
    if len(text) > MAX_TEXT:
        raise Invalid(f"the message is longer than {MAX_TEXT:,} characters")
    if version_id is not None:
        _check_version(db, version_id, session.project_id)
    last = db.scalar(
        select(func.max(MessageRow.position)).where(MessageRow.session_id == session_id)
    )
    row = MessageRow(
        session_id=session_id,
        position=(last or 0) + 1,
        role=Role(role).value,
        text=text,
        payload=payload_text(payload),
        version_id=version_id,
        created=now(),
    )
    db.add(row)
    db.flush()
    return message_record(row)


def _check_version(db: Session, version_id: str, project_id: str | None) -> None:
    row = db.get(VersionRow, version_id)
    if row is None:
        raise NotFound(f"no version {version_id[:40]!r}")
    if project_id is not None and row.project_id != project_id:
        raise Invalid("the version belongs to another project than the conversation")
