"""What the simulator says about a design at the load it records, for design.md.

The engine sizes so that `simulate` sustains the recorded peak; latency is another
matter (a provider's service time, a long chain of calls). A journey whose simulated P99
misses the SLO is named as a conflict with the simulated figure, never left to be found.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archwright.generate.conflicts import Conflict
from archwright.model import Architecture, Kind, Severity
from archwright.simulate import simulate


@dataclass(frozen=True)
class JourneyCheck:
    name: str
    p99_ms: float  # math.inf when a step is saturated


@dataclass(frozen=True)
class SimulatedCheck:
    """`simulate` at the recorded peak: the ceiling and every journey's P99."""

    peak_rps: float
    max_rps: float
    journeys: list[JourneyCheck]
    target_p99_ms: float | None
    conflicts: list[Conflict] = field(default_factory=list)
    entry_split: list[tuple[str, float]] = field(default_factory=list)  # (callee, share)

    @property
    def worst_p99_ms(self) -> float | None:
        return max((j.p99_ms for j in self.journeys), default=None)


def simulated_check(arch: Architecture) -> SimulatedCheck:
    """Simulate at the recorded peak; name each journey whose P99 misses the target."""
    peak = float(arch.requirements.scale.peak_rps or 0.0)
    result = simulate(arch, peak)
    ceiling = result["max_rps"]
    journeys = [
        JourneyCheck(
            name,
            math.inf if j["latency_ms"].get("p99") is None else float(j["latency_ms"]["p99"]),
        )
        for name, j in sorted(result["journeys"].items())
    ]
    target = arch.requirements.slo.p99_latency_ms
    over = [j for j in journeys if target is not None and j.p99_ms > target]
    conflicts = [
        Conflict(
            f"p99-{j.name.replace(' ', '-')}",
            f"Journey '{j.name}' misses the P99 target",
            ("slo.p99_latency_ms",),
            f"simulated at the recorded peak of {peak:,.0f} req/s its P99 is "
            f"{j.p99_ms:,.0f} ms against a target of {target:,.0f} ms.",
            "Cut synchronous hops from the journey, move slow calls off the request "
            "path, or relax the target for this journey.",
            Severity.HIGH,
        )
        for j in over
        if target is not None
    ]
    clients = {c.id for c in arch.components if c.kind is Kind.CLIENT}
    split = sorted(
        ((c.target, c.share * c.calls) for c in arch.connections if c.source in clients),
        key=lambda item: (-item[1], item[0]),
    )
    return SimulatedCheck(
        peak, math.inf if ceiling is None else float(ceiling), journeys, target, conflicts, split
    )
