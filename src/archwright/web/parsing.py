"""Text from a request → the typed inputs the engines take (or a FileProblem, a 422).

The page sends the same model text many times over: each move of the RPS slider, each
panel opened, the audit after a save. Parsing it (YAML, then validation) was about half
of the CPU of an audit or simulate round trip on a 50-component model, so recently
parsed texts are kept, keyed by their SHA-256, and each caller gets its own deep copy
(engines may not share one mutable model). A text that does not parse is not kept: it
is parsed again and refused again, with the same problems.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

from archwright.archfile import parse_architecture, parse_requirements
from archwright.model import Architecture, Requirements

MODEL_SOURCE = "model"
REQUIREMENTS_SOURCE = "requirements"
CACHE_ENTRIES = 32
CACHE_MAX_TEXT = 512_000
"""Larger texts are parsed every time (they are rare, and would hold much memory)."""

_cache: OrderedDict[tuple[str, str], Architecture] = OrderedDict()
_lock = threading.Lock()


def _is_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def architecture(text: str, source: str = MODEL_SOURCE) -> Architecture:
    if len(text) > CACHE_MAX_TEXT:
        return parse_architecture(text, source, json_format=_is_json(text))
    key = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), source)
    with _lock:
        kept = _cache.get(key)
        if kept is not None:
            _cache.move_to_end(key)
    if kept is None:
        kept = parse_architecture(text, source, json_format=_is_json(text))
        with _lock:
            _cache[key] = kept
            while len(_cache) > CACHE_ENTRIES:
                _cache.popitem(last=False)
    return kept.model_copy(deep=True)


def requirements(text: str | None) -> Requirements | None:
    if text is None or not text.strip():
        return None
    return parse_requirements(text, REQUIREMENTS_SOURCE, json_format=_is_json(text))
