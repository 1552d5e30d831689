"""The decision context: the facts of a requirements file that trade-offs depend on.

Facts are flat dotted names (`team.size`, `scale.peak_rps`, `compliance`) so that rules
and sensitivity probes written as data can name them. A fact the file leaves out takes
the default from kb/tradeoffs/context.yaml and becomes a stated assumption: an answer
that rests on a guess says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archwright.kb.tradeoffs import Condition, TradeoffKB
from archwright.model import Requirements


@dataclass(frozen=True)
class Context:
    """Facts by dotted name, and which of them were assumed rather than stated."""

    facts: dict[str, Any]
    assumed: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Any:
        return self.facts.get(name)

    def with_fact(self, name: str, value: Any) -> Context:
        facts = dict(self.facts)
        facts[name] = value
        assumed = {k: v for k, v in self.assumed.items() if k != name}
        return Context(facts, assumed)


def context_from(req: Requirements | None, kb: TradeoffKB) -> Context:
    """Flatten the requirements into facts and fill the gaps with stated defaults."""
    req = req or Requirements()
    facts: dict[str, Any] = {}
    for section in ("scale", "slo", "team", "budget", "needs"):
        part = getattr(req, section)
        for key, value in part.model_dump(mode="json").items():
            if value not in (None, []):
                facts[f"{section}.{key}"] = value
    cons = req.constraints
    if cons.cloud is not None:
        facts["constraints.cloud"] = str(cons.cloud)
    for key in ("managed_preferred", "no_lock_in", "within_cloud"):
        value = getattr(cons, key)
        if value is not None:
            facts[f"constraints.{key}"] = value
    if cons.regions:
        facts["constraints.regions_count"] = len(cons.regions)
    if cons.requested:
        facts["constraints.requested"] = sorted(str(x).lower() for x in cons.requested)
    if req.compliance:
        facts["compliance"] = sorted(str(c) for c in req.compliance)
    extra = req.model_extra or {}
    for key in ("tenants", "stage", "dedicated_tenants", "two_way"):
        if key in extra and extra[key] is not None:
            facts[key] = extra[key]
    avoid = extra.get("avoid")
    if isinstance(avoid, list) and avoid:
        facts["team.avoid"] = sorted(str(x).lower() for x in avoid)
    for key in ("team.experience", "team.existing_stack"):
        if isinstance(facts.get(key), list):
            facts[key] = sorted(str(x).lower() for x in facts[key])
    assumed: dict[str, str] = {}
    for default in kb.defaults:
        if default.fact not in facts:
            facts[default.fact] = default.value
            assumed[default.fact] = default.why
    return Context(facts, assumed)


def holds(cond: Condition, ctx: Context) -> bool:
    """One condition against the context; a missing fact never satisfies a comparison."""
    value = ctx.get(cond.fact)
    if cond.op == "set":
        return value is not None
    if cond.op == "unset":
        return value is None
    if value is None:
        return False
    want = cond.value
    if cond.op == "contains":
        wanted = want if isinstance(want, list) else [want]
        have = value if isinstance(value, list) else [value]
        return any(w in have for w in wanted)
    if cond.op == "in":
        return value in (want if isinstance(want, list) else [want])
    if cond.op == "eq":
        return bool(value == want)
    if cond.op == "ne":
        return bool(value != want)
    try:
        number, limit = float(value), float(want)
    except (TypeError, ValueError):
        return False
    return {
        "lt": number < limit,
        "le": number <= limit,
        "gt": number > limit,
        "ge": number >= limit,
    }[cond.op]


def describe(value: Any) -> str:
    """A fact as a person reads it."""
    if value is None:
        return "unstated"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fill(template: str, ctx: Context) -> str:
    """Replace `{fact.name}` in a rule's reason by the fact's value."""
    out = template
    for name, value in ctx.facts.items():
        out = out.replace("{" + name + "}", describe(value))
    return out


def assumptions(ctx: Context, used: set[str] | None = None) -> list[str]:
    """Sorted sentences: stated facts the answer used, then guessed ones."""
    lines = []
    for name in sorted(ctx.facts):
        if used is not None and name not in used:
            continue
        value = describe(ctx.facts[name])
        if name in ctx.assumed:
            lines.append(f"{name} = {value} (not stated; assumed: {ctx.assumed[name]})")
        else:
            lines.append(f"{name} = {value} (from the requirements)")
    return lines
