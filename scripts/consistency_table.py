"""Print the self-consistency table of issue 12 for every reference spec and example.

usage: python scripts/consistency_table.py [--only NAME]  (tab-separated on stdout)

For each reference spec (designed with the built-in engine) and each shipped example (as
shipped, and designed from its requirements), one row: the peak the design records, the
sustainable maximum `simulate` finds, the worst journey P99 at that peak against the SLO,
the total the design reports against `cost`, and the critical/high audit findings that
are not suppressed (suppressed high ones in brackets).

Runs in process on whatever revision it sits in; nothing else depends on it.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

from archwright.archfile import load_architecture
from archwright.audit import audit
from archwright.cost import estimate
from archwright.generate import design
from archwright.kb.catalog import load_catalog
from archwright.kb.specs import load_specs
from archwright.model import Architecture, Severity
from archwright.simulate import simulate

COLUMNS = (
    "name",
    "peak",
    "max_rps",
    "worst_p99",
    "p99_target",
    "design_says",
    "cost",
    "critical",
    "high",
    "high_accepted",
)


def _design_total(result: Any) -> float | None:
    """What the design reports as its monthly total, whichever cost object it carries."""
    cost = result.cost
    for attr in ("monthly_total", "total"):
        value = getattr(cost, attr, None)
        if isinstance(value, int | float):
            return float(value)
    return None


def measure(name: str, arch: Architecture, said: float | None) -> dict[str, Any]:
    """One row of the table for one architecture."""
    peak = arch.requirements.scale.peak_rps
    sim = simulate(arch, float(peak) if peak else None)
    p99s = [
        math.inf if j["latency_ms"].get("p99") is None else float(j["latency_ms"]["p99"])
        for j in sim["journeys"].values()
    ]
    cloud = arch.requirements.constraints.cloud
    chosen = cloud.value if cloud is not None and cloud.value in ("aws", "gcp", "azure") else "aws"
    total = estimate(arch, load_catalog(), chosen).monthly_total
    findings = audit(arch).findings
    live = [f for f in findings if f.suppressed is None and not f.error]
    return {
        "name": name,
        "peak": peak,
        "max_rps": sim["max_rps"],
        "worst_p99": round(max(p99s), 1) if p99s else None,
        "p99_target": arch.requirements.slo.p99_latency_ms,
        "design_says": None if said is None else round(said),
        "cost": round(total),
        "critical": sum(f.severity is Severity.CRITICAL for f in live),
        "high": sum(f.severity is Severity.HIGH for f in live),
        "high_accepted": sum(
            f.severity is Severity.HIGH and f.suppressed is not None for f in findings
        ),
    }


def rows(only: str | None = None) -> list[dict[str, Any]]:
    """Every spec and example, in a stable order."""
    out: list[dict[str, Any]] = []
    for spec in load_specs().specs:
        if only and only != spec.name:
            continue
        result = design(spec.requirements, name=spec.title)
        out.append(measure("spec:" + spec.name, result.architecture, _design_total(result)))
    root = Path(__file__).resolve().parent.parent / "examples"
    for path in sorted(root.glob("*.yaml")):
        if only and only != path.stem:
            continue
        shipped = load_architecture(path)
        out.append(measure("example:" + path.stem, shipped, None))
        result = design(shipped.requirements, name=shipped.name)
        out.append(
            measure("example-design:" + path.stem, result.architecture, _design_total(result))
        )
    return out


def main(argv: list[str]) -> int:
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    print("\t".join(COLUMNS))
    for row in rows(only):
        print("\t".join("" if row.get(c) is None else str(row.get(c)) for c in COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
