"""Checks shared by the simulation commands (simulate, chaos, availability, sweep)."""

from __future__ import annotations

from archwright.cli.errors import BadInput


def check_options(fmt: str, rps: float | None) -> None:
    """Refuse an unknown output format or a non-positive load, as one line each."""
    if fmt not in ("table", "json"):
        raise BadInput(f"unknown format {fmt!r} (table or json)")
    if rps is not None and rps <= 0:
        raise BadInput("--rps must be positive")
