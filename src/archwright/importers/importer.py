"""What an importer is and what it returns.

An import is a reverse-engineering guess, so the architecture alone is not enough: every
inferred call carries the place in the files that argues for it (`Evidence`), and what
was seen but could not be mapped is reported (`Loss`) rather than silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from archwright.model import Architecture


@dataclass(frozen=True)
class Importer:
    """What an importer reads: its format name, a summary and the files it looks for."""

    name: str
    summary: str
    looks_for: tuple[str, ...] = ()  # file names searched for when PATH is a folder


@dataclass(frozen=True, order=True)
class Evidence:
    """Why an edge exists: the file and the key (or line) that names the callee."""

    source: str
    target: str
    file: str
    key: str
    value: str = ""

    def describe(self) -> str:
        return f"{self.file}: {self.key}" + (f" = {self.value}" if self.value else "")


@dataclass(frozen=True, order=True)
class Loss:
    """Something seen in the input that the model could not represent."""

    category: str  # unknown_image, unresolved_reference, unknown_address, unsupported, skipped
    file: str
    key: str
    detail: str

    def line(self) -> str:
        where = f"{self.file}: {self.key}" if self.key else self.file
        if not where:  # about the whole import (missing_calls), not one place
            return f"{self.category}: {self.detail}"
        return f"{self.category}: {where}: {self.detail}"


@dataclass
class ImportResult:
    """The imported architecture, the evidence for each call and what was lost."""

    architecture: Architecture
    evidence: list[Evidence] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        """The loss report and evidence as plain data (for `--format json`)."""
        return {
            "evidence": [
                {
                    "source": e.source,
                    "target": e.target,
                    "file": e.file,
                    "key": e.key,
                    "value": e.value,
                }
                for e in sorted(self.evidence)
            ],
            "losses": [
                {"category": x.category, "file": x.file, "key": x.key, "detail": x.detail}
                for x in sorted(self.losses)
            ],
        }


class ImportProblem(ValueError):
    """Input refused: printable as one line `file:line: problem`."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.message = message
        self.lineno = line
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.file}:{self.lineno}" if self.lineno else self.file
        return f"{where}: {self.message}"


@contextmanager
def shape_errors(where: str) -> Iterator[None]:
    """Turn a value of the wrong type deep in the input (a string where a mapping belongs)
    into a refusal naming the place, instead of a traceback."""
    try:
        yield
    except (AttributeError, TypeError) as exc:
        raise ImportProblem(
            where, f"unexpected structure ({type(exc).__name__}: {str(exc)[:120]})"
        ) from None
