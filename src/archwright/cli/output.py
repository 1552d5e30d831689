"""Printing results: JSON documents on stdout alone, tables through Rich."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    """One JSON document on stdout and nothing else (SPEC §4)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n")


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
