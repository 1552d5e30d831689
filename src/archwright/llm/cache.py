"""Responses kept in SQLite, keyed by a hash of the request, so a repeated run costs nothing.

Stored: the key, provider, model, answer text and token counts — never a header, and
never a secret: answers are redacted before they are stored. The file is 0600 in a 0700
folder. A cache that cannot be opened (read-only home, locked file) is switched off for
the run rather than failing it.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from archwright.llm.private_files import private_file
from archwright.llm.request import Response, Usage

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    text TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    created REAL NOT NULL
)
"""


class ResponseCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.disabled_reason = ""

    def _open(self) -> sqlite3.Connection | None:
        if self._db is None and not self.disabled_reason:
            try:
                private_file(self.path)  # SQLite gives its -wal and -shm files the same mode
                db = sqlite3.connect(self.path, timeout=2.0)
                # A cache may lose its last entries in a power cut; it must not cost an
                # fsync per answer (20 ms measured with the default synchronous=FULL).
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(_SCHEMA)
                db.commit()
                self._db = db
            except (OSError, sqlite3.Error) as exc:
                self.disabled_reason = f"cache off: {type(exc).__name__}"
        return self._db

    def get(self, key: str) -> Response | None:
        db = self._open()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT provider, model, text, input_tokens, output_tokens "
                "FROM responses WHERE key = ?",
                (key,),
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        provider, model, text, tin, tout = row
        return Response(text, Usage(tin, tout), provider, model, cached=True)

    def put(self, key: str, response: Response) -> None:
        db = self._open()
        if db is None:
            return
        try:
            db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    response.provider,
                    response.model,
                    response.text,
                    response.usage.input_tokens,
                    response.usage.output_tokens,
                    time.time(),
                ),
            )
            db.commit()
        except sqlite3.Error:
            return

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
