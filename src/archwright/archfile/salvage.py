"""The model's semantic problems, found even when some entries failed the schema.

A linter reports every problem in one pass. Pydantic stops at the schema: a file with an
unknown kind, a duplicate id and a dangling target used to report only the kind. So the
entries that failed are reduced to what identifies them (a component's id, a
connection's ends, a journey's steps) and the model is validated again; the semantic
check then runs on that stand-in, whose list positions are the file's own, so every
problem keeps its path and line.

A component that failed keeps its id with the neutral kind `service`: references to it
still resolve (no false "no component") and its duplicate is still seen. When an error
sits where no stand-in can be made (the name, the list itself), only the schema
problems are reported, as before.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from archwright.model import Architecture, Problem, check

# What identifies an entry of each list, and what a stand-in needs besides.
_KEEP: dict[str, tuple[str, ...]] = {
    "components": ("id",),
    "connections": ("id", "source", "target"),
    "journeys": ("name", "steps"),
    "boundaries": ("id", "members", "parent"),
    "suppressions": ("targets",),
    "decisions": ("targets",),
}
_FILL: dict[str, dict[str, Any]] = {"components": {"kind": "service"}}


def semantic_despite(data: dict[str, Any], err: ValidationError) -> list[Problem]:
    """`check()`'s problems on a stand-in of `data` without its failed entries' faults
    (empty when no stand-in validates)."""
    stand_in = _stand_in(data, err)
    if stand_in is None:
        return []
    try:
        arch = Architecture.model_validate(stand_in)
    except ValidationError:
        return []
    return check(arch)


def _stand_in(data: dict[str, Any], err: ValidationError) -> dict[str, Any] | None:
    failed: dict[tuple[str, int], set[Any]] = {}
    drop: set[str] = set()
    for e in err.errors(include_url=False):
        loc = e["loc"]
        if len(loc) == 1 and e["type"] == "extra_forbidden":
            drop.add(str(loc[0]))
        elif len(loc) >= 2 and loc[0] in _KEEP and isinstance(loc[1], int):
            failed.setdefault((str(loc[0]), loc[1]), set()).add(loc[2] if len(loc) > 2 else None)
        else:
            return None
    out = {k: v for k, v in data.items() if k not in drop}
    for section in {section for section, _ in failed}:
        out[section] = list(out[section])
    for (section, index), fields in failed.items():
        items = out[section]
        item = items[index]
        if not isinstance(item, dict) or None in fields:
            return None
        kept = {k: item[k] for k in _KEEP[section] if k in item and k not in fields}
        items[index] = {**kept, **_FILL.get(section, {})}
    return out
