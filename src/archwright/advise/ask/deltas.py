"""Before and after an edit: the diff of the model and the engines' figures on each side.

Both sides are measured by the same engines the commands run (cost, simulate,
availability, audit), so `archwright cost` on the written file prints the "after".
"""

from __future__ import annotations

import difflib

from archwright.advise.ask.result import Delta
from archwright.archfile import dumps_architecture
from archwright.audit import audit
from archwright.cost import monthly_cost
from archwright.kb.catalog import Catalog
from archwright.model import Architecture
from archwright.simulate.availability import availability
from archwright.simulate.load import default_rps, simulate

Metric = tuple[str, float | str | None, str]


def measure(arch: Architecture, catalog: Catalog) -> list[Metric]:
    """(metric, value, unit) of one model: cost, max_rps, P99 per journey, availability,
    findings."""
    cost = monthly_cost(arch, catalog, None)
    sim = simulate(arch, None, 1.0)
    out: list[Metric] = [
        ("monthly cost", cost.monthly_total, cost.currency),
        ("max_rps", sim["max_rps"], "req/s"),
    ]
    for name, journey in sorted(sim["journeys"].items()):
        out.append((f"P99 {name}", journey["latency_ms"]["p99"], "ms"))
    overall = availability(arch, default_rps(arch))["overall"]
    out.append(("availability", overall["percent"], "%"))
    out.append(("findings", len(audit(arch).active), ""))
    return out


ABSENT = "absent"
"""A figure one side does not have (a journey dropped by the edit), told apart from None,
which is an engine's "unbounded"."""


def deltas(before: Architecture, after: Architecture, catalog: Catalog) -> tuple[Delta, ...]:
    old = {m: (v, u) for m, v, u in measure(before, catalog)}
    new = {m: (v, u) for m, v, u in measure(after, catalog)}
    names = list(dict.fromkeys([*old, *new]))
    return tuple(
        Delta(
            m,
            old.get(m, (ABSENT, ""))[0],
            new.get(m, (ABSENT, ""))[0],
            (old.get(m) or new[m])[1],
        )
        for m in names
    )


def model_diff(before: Architecture, after: Architecture, name: str, json_format: bool) -> str:
    """A unified diff of the model as it will be written."""
    a = dumps_architecture(before, json_format=json_format).splitlines(keepends=True)
    b = dumps_architecture(after, json_format=json_format).splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"))


def render_delta(d: Delta) -> str:
    def show(v: float | str | None) -> str:
        if v is None:
            return "unbounded"
        return f"{v:,.6g}" if isinstance(v, float | int) else str(v)

    unit = f" {d.unit}" if d.unit and ABSENT not in (d.before, d.after) else ""
    same = "" if d.before != d.after else " (unchanged)"
    return f"{d.metric}: {show(d.before)} -> {show(d.after)}{unit}{same}"
