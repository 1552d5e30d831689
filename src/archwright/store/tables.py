"""The database tables, declared once for SQLAlchemy and mirrored by the migrations.

The migrations under `migrations/versions/` create these tables; `tests/store` checks
that an upgrade from an empty database yields exactly this metadata, so the two cannot
drift apart silently.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from archwright.store.errors import NotFound

ID_LENGTH = 32
"""Ids are uuid4 hex strings: never derived from user text, so never a path or markup."""


class Base(DeclarativeBase):
    pass


RowT = TypeVar("RowT", bound=Base)


def row_by_id(db: Session, table: type[RowT], key: str, what: str, *, lock: bool = False) -> RowT:
    """The row with primary key `key`, or NotFound naming `what` (the id cut to 40 characters,
    since it comes from a URL). `lock` holds the row for the transaction (FOR UPDATE)."""
    row = db.get(table, key, with_for_update=lock)
    if row is None:
        raise NotFound(f"no {what} {key[:40]!r}")
    return row


class ProjectRow(Base):
    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    head: Mapped[int] = mapped_column(Integer, default=0)
    """Number of the newest version (0: none yet). Saves compare-and-set it."""


class VersionRow(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("project_id", "number", name="uq_versions_number"),)

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    project_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    parent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    etag: Mapped[str] = mapped_column(String(64))


class SessionRow(Base):
    __tablename__ = "conversation_sessions"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    project_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("projects.id", ondelete="CASCADE"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MessageRow(Base):
    __tablename__ = "conversation_messages"
    __table_args__ = (UniqueConstraint("session_id", "position", name="uq_messages_position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        String(ID_LENGTH),
        ForeignKey("conversation_sessions.id", ondelete="CASCADE"),
        index=True,
    )
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text, default="{}")
    """JSON text: the typed answer's fields, kept as data (never evaluated)."""
    version_id: Mapped[str | None] = mapped_column(
        String(ID_LENGTH), ForeignKey("versions.id", ondelete="SET NULL"), nullable=True
    )
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class JobRow(Base):
    """A long job streamed by one replica; kept here so any replica can cancel or report it."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    cancel: Mapped[bool] = mapped_column(Boolean, default=False)
    """Set by a cancel request (any replica); the streaming replica stops the work."""
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    """Refreshed by the streaming replica every tick; older than the lease means lost."""
    progress: Mapped[float | None] = mapped_column(Float, nullable=True)
    """Fraction of the work done, as the engine last reported it (None: not yet)."""
