"""Printing results: JSON documents on stdout alone, tables through Rich."""

from __future__ import annotations

import json
import math
import sys
from typing import Any


def print_json(data: Any) -> None:
    """One JSON document on stdout and nothing else (SPEC §4)."""
    text = json.dumps(finite(data), indent=2, ensure_ascii=False, sort_keys=False, allow_nan=False)
    sys.stdout.write(text + "\n")


def finite(data: Any) -> Any:
    """`data` with every non-finite float replaced, so the document is JSON (RFC 8259).

    Python writes `Infinity` and `NaN`, which no JSON parser accepts. An unbounded value
    (the ceiling of a component with no capacity limit, a saturated queue's latency) is
    written as the string "inf" (or "-inf"); an undefined one (NaN) as null. The mapping
    is documented in docs/model.md (Bounds).
    """
    if isinstance(data, float):
        if math.isnan(data):
            return None
        if math.isinf(data):
            return "inf" if data > 0 else "-inf"
        return data
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(value) for value in data]
    return data


def console() -> Any:
    """A Rich console (imported on first use: Rich is not free to import)."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def warn_inferred(arch: Any) -> None:
    """One stderr line when a result rests on calls guessed from start-up order."""
    from archwright.model.confidence import inferred_note

    note = inferred_note(arch)
    if note:
        print(f"archwright: {note}", file=sys.stderr)
