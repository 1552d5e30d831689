"""The public surface of `archwright.generate` is pinned: changing it is a decision."""

from __future__ import annotations

import archwright.generate as generate


def test_public_names() -> None:
    assert sorted(generate.__all__) == [
        "DesignResult",
        "Extraction",
        "PatternUse",
        "Risk",
        "Span",
        "design",
        "extract",
    ]
    for name in generate.__all__:
        assert getattr(generate, name) is not None
