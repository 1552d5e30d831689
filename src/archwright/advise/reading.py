"""The requirements as `design` understands them: keys, plus what the prose says.

`select`, `tradeoff` and `session` take the same requirements file as `design`; its
`description` is read by generate's own reader (one extractor for every command), and
the keys of the file win over what the text says.
"""

from __future__ import annotations

from archwright.generate.read import read
from archwright.kb.context import Context, context_from
from archwright.kb.patterns import load_patterns
from archwright.kb.tradeoffs import TradeoffKB
from archwright.model import Requirements


def understood(req: Requirements | None) -> Requirements | None:
    """The requirements with the facts their description states filled in."""
    if req is None or not req.description:
        return req
    return read(req, load_patterns()).requirements


def read_context(req: Requirements | None, kb: TradeoffKB) -> Context:
    """The decision context of the requirements as `design` reads them, with the patterns
    they ask for as the fact `features` (pattern ids): a pattern's roles carry the
    protocol their clients speak and the job they serve, which are needs
    (kb/scoring.needs_of), whether the keys or the prose ask for the pattern."""
    if req is None:
        return context_from(None, kb)
    reading = read(req, load_patterns())
    ctx = context_from(reading.requirements, kb)
    return ctx.with_fact("features", sorted(reading.features)) if reading.features else ctx
