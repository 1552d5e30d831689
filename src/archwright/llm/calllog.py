"""One JSON line per model call: who, how long, how many tokens, what it cost, what failed.

Every string passes the redactor before it is written, and the prompt and answer are
not logged at all (only the request hash), so the log can be shared when debugging.
The file is 0600 in a 0700 folder.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archwright.llm.private_files import private_file
from archwright.llm.redact import Redactor


class CallLog:
    def __init__(self, path: Path | None, redact: Redactor) -> None:
        self.path = path
        self.redact = redact
        self.records: list[dict[str, Any]] = []

    def write(self, **fields: Any) -> None:
        record: dict[str, Any] = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds")}
        for key, value in fields.items():
            record[key] = self.redact(value) if isinstance(value, str) else value
        self.records.append(record)
        if self.path is None:
            return
        try:
            private_file(self.path)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError:
            self.path = None  # a log we cannot write must not stop the design
