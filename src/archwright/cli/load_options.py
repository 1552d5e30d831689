"""Checks shared by the simulation commands (simulate, chaos, availability, sweep)."""

from __future__ import annotations

from archwright.cli.errors import BadInput


def check_options(fmt: str) -> None:
    """Refuse an unknown output format as one line.

    `--rps` is checked (finite, above 0, bounded) where it is declared, by
    `archwright.cli.numbers.number_option`.
    """
    if fmt not in ("table", "json"):
        raise BadInput(f"unknown format {fmt!r} (table or json)")
