"""The typed result of `answer`: what the CLI prints and the web chat panel shows.

Frozen dataclasses, so a renamed field breaks the build (mypy) instead of a caller that
reads a dictionary key; `to_json` is the one JSON shape both callers emit.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Quantity:
    """A number the question stated, with what it measures (`factor`, `rps`, `count`, `dau`)."""

    measure: str
    value: float


@dataclass(frozen=True)
class Slots:
    """What the question names: model components, catalog technologies, numbers, places."""

    components: tuple[str, ...] = ()
    technologies: tuple[str, ...] = ()
    factor: float | None = None
    rps: float | None = None
    count: int | None = None
    dau: float | None = None
    kind: str | None = None
    path: str | None = None
    cloud: str | None = None
    region: str | None = None
    zone: str | None = None
    timeout_ms: float | None = None
    retries: int | None = None
    backoff: str | None = None  # a model Backoff value: none, fixed, exponential
    ambiguous: tuple[str, ...] = ()  # kind words that matched several components


@dataclass(frozen=True)
class Route:
    """The router's verdict: an intent (None: not routed) and the closest alternatives."""

    intent: str | None
    slots: Slots
    score: float
    closest: tuple[str, ...] = ()
    source: str = "rules"  # rules | llm:<provider:model>


@dataclass(frozen=True)
class Figure:
    """One number an engine computed, with the engine that computed it."""

    name: str
    value: float | str
    unit: str
    engine: str


@dataclass(frozen=True)
class Delta:
    """One engine figure before and after an edit (both computed by the engine)."""

    metric: str
    before: float | str | None
    after: float | str | None
    unit: str


@dataclass(frozen=True)
class Edit:
    """A proposed change to the model: the diff to accept and its measured effect."""

    kind: str
    summary: str
    diff: str
    new_text: str
    deltas: tuple[Delta, ...] = ()


@dataclass(frozen=True)
class Answer:
    """One turn of the conversation, grounded in the engines."""

    question: str
    intent: str | None
    slots: Slots
    text: str
    figures: tuple[Figure, ...] = ()
    command: str = ""
    edit: Edit | None = None
    pushback: tuple[str, ...] = ()
    closest: tuple[str, ...] = ()
    source: str = "rules"
    notes: tuple[str, ...] = field(default=())
    records: tuple[tuple[str, str], ...] = ()  # ADRs drafted by this turn (file, markdown)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of `ask --format json` and the web chat panel."""
        data = asdict(self)
        data["records"] = [{"file": f, "markdown": m} for f, m in self.records]
        return data
