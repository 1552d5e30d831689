"""A design whose calls loop back (u → a → b → a), shared by the traffic and audit tests
that check how a loop of gain `back` settles or is reported as unsettled."""

from __future__ import annotations

from typing import Any

from archwright.model import Architecture


def loop(back: float, scale: dict[str, float] | None = None) -> Architecture:
    """u → a → b, and b calls a back `back` times per request: a loop of gain `back`.
    `scale` becomes the requirements' scale when given (the audit reads the peak)."""
    data: dict[str, Any] = {
        "name": "loop",
        "components": [
            {"id": "u", "kind": "client"},
            {"id": "a", "kind": "service"},
            {"id": "b", "kind": "service"},
        ],
        "connections": [
            {"source": "u", "target": "a"},
            {"source": "a", "target": "b"},
            {"source": "b", "target": "a", "calls": back},
        ],
    }
    if scale is not None:
        data["requirements"] = {"scale": scale}
    return Architecture.model_validate(data)
