"""The requirements as `design` understands them: keys, plus what the prose says.

`select`, `tradeoff` and `session` take the same requirements file as `design`; its
`description` is read by generate's own reader (one extractor for every command), and
the keys of the file win over what the text says.
"""

from __future__ import annotations

from archwright.generate.read import read
from archwright.kb.patterns import load_patterns
from archwright.model import Requirements


def understood(req: Requirements | None) -> Requirements | None:
    """The requirements with the facts their description states filled in."""
    if req is None or not req.description:
        return req
    return read(req, load_patterns()).requirements
