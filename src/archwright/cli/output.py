"""Printing results: JSON documents on stdout alone, tables through Rich."""

from __future__ import annotations

import json
import sys
from typing import Any

from archwright.archfile.jsonsafe import finite

__all__ = ["console", "finite", "print_json", "print_text", "warn_inferred"]


def print_json(data: Any) -> None:
    """One JSON document on stdout and nothing else (SPEC §4)."""
    text = json.dumps(finite(data), indent=2, ensure_ascii=False, sort_keys=False, allow_nan=False)
    sys.stdout.write(text + "\n")


def print_text(text: str) -> None:
    """Markdown or plain text on stdout, with the rule every text file we write follows
    (`text_bytes`: NUL becomes U+FFFD): a model name holding a NUL must not put one in a
    report a reader pipes into other tools."""
    from archwright.archfile.io import text_bytes

    sys.stdout.write(text_bytes(text).decode("utf-8"))


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
