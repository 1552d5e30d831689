"""The A–F scale every grade in archwright uses (architecture audit, code audit): one
definition, so an A means the same score everywhere."""

from __future__ import annotations

THRESHOLDS: tuple[tuple[int, str], ...] = ((90, "A"), (75, "B"), (60, "C"), (40, "D"))
LETTERS = "ABCDF"


def letter_grade(score: float, cap: str | None = None) -> str:
    """A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else F; `cap` is the best letter allowed."""
    letter = next((g for limit, g in THRESHOLDS if score >= limit), "F")
    return max(letter, cap) if cap else letter
