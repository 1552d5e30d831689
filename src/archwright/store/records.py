"""What the store hands out: frozen records, detached from any database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """Who said a message in a conversation."""

    USER = "user"
    ASSISTANT = "assistant"
    SYSTEM = "system"


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    created: datetime
    head: int
    """Number of the newest version; 0 when the project has none yet."""


@dataclass(frozen=True)
class Version:
    id: str
    project_id: str
    number: int
    parent: int | None
    text: str
    author: str
    created: datetime
    etag: str
    """Strong validator for HTTP: a save must name the head's ETag (If-Match)."""


@dataclass(frozen=True)
class Session:
    id: str
    project_id: str | None
    title: str
    created: datetime


@dataclass(frozen=True)
class Message:
    id: int
    session_id: str
    position: int
    role: Role
    text: str
    payload: dict[str, Any]
    version_id: str | None
    created: datetime


class JobState(StrEnum):
    """Where a long job is: running, then exactly one of the other four.

    `lost`: the replica running it stopped beating for longer than the lease (it died, or
    lost the database); any replica that reads the job records this once."""

    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    LOST = "lost"


@dataclass(frozen=True)
class Job:
    id: str
    kind: str
    state: JobState
    cancel_requested: bool
    created: datetime
    finished: datetime | None
    heartbeat: datetime | None
    progress: float | None
    """Fraction done as the engine last reported it (None before its first report)."""

    @property
    def problem(self) -> str | None:
        """Why a lost job ended, phrased for whoever asks about it."""
        if self.state is not JobState.LOST:
            return None
        beat = self.heartbeat.isoformat(timespec="seconds") if self.heartbeat else "never"
        return (
            f"job lost: the server running it stopped responding (last heartbeat {beat}); "
            "run it again"
        )
