"""Refusals of the store, each phrased for the person who asked."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store refusal."""


class NotFound(StoreError):
    """No such project, version, session or message."""


class Conflict(StoreError):
    """A save named a head that is no longer the head: someone else saved first.

    The save is refused and nothing is written; the caller reloads, merges and retries.
    """

    def __init__(self, message: str, current_etag: str | None) -> None:
        super().__init__(message)
        self.current_etag = current_etag


class Invalid(StoreError):
    """A value the store will not keep (an empty name, an oversized text)."""
