"""The points of issue 12, Build 4, checked on one generated design (shared by the
self-consistency and property tests).

`check_design` runs the design through validate → simulate at its recorded peak → cost →
audit → export (terraform, kubernetes, compose) → conform, in process, and returns
every problem found, keyed by the point it breaks. A point with no problem holds.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from archwright.archfile import dumps_architecture, parse_architecture
from archwright.audit import audit
from archwright.cli.conform import drift_against
from archwright.cost import estimate
from archwright.exporters import registry as exporters
from archwright.exporters.exporter import CloudRefused, design_cloud, write_files
from archwright.generate import DesignResult
from archwright.generate.report import render
from archwright.generate.sizing import PROVIDER_SCALED, defaults
from archwright.importers import registry as importers
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture, Kind, Severity, check
from archwright.model.graph import ArchGraph
from archwright.simulate import simulate
from archwright.simulate.availability import replica_units

POINTS = (
    "valid",
    "no_sync_cycle",
    "sustains_peak",
    "survives_a_replica",
    "p99_or_conflict",
    "cost_matches",
    "audit_clean",
    "claims_drawn",
    "front_door",
    "exports",
    "conform",
)
EXPORTS = ("terraform", "kubernetes", "compose")
# Points that wait on another branch of issue 12 (named in the reason): the tests mark
# them expected to fail, strictly, so they turn red the day they start holding.
PENDING: dict[str, str] = {}


@dataclass
class Checked:
    name: str
    problems: dict[str, list[str]] = field(default_factory=dict)

    def add(self, point: str, problem: str) -> None:
        self.problems.setdefault(point, []).append(f"{self.name}: {problem}")


def check_design(
    name: str,
    result: DesignResult,
    *,
    exports: tuple[str, ...] = EXPORTS,
    conform: bool = True,
) -> Checked:
    """Every Build 4 point on one design, exporting to `exports` (and conforming)."""
    out = Checked(name)
    arch = result.architecture
    markdown = render(result)
    _valid(arch, out)
    _no_sync_cycle(arch, out)
    _simulated(arch, markdown, out)
    _survives_a_replica(arch, out)
    _cost(arch, result, out)
    _audit(arch, markdown, out)
    _claims(arch, out)
    _front_door(arch, out)
    _exports(arch, exports, conform, out)
    return out


def _valid(arch: Architecture, out: Checked) -> None:
    for problem in check(arch):
        out.add("valid", str(problem))
    try:
        again = parse_architecture(dumps_architecture(arch), "round-trip", json_format=False)
    except ValueError as exc:
        out.add("valid", f"archwright.yaml does not load back: {exc}")
        return
    if again != arch:
        out.add("valid", "archwright.yaml does not round-trip")


def _no_sync_cycle(arch: Architecture, out: Checked) -> None:
    import networkx as nx

    for cycle in nx.simple_cycles(ArchGraph(arch).sync_subgraph()):
        out.add("no_sync_cycle", " -> ".join(cycle))


def _simulated(arch: Architecture, markdown: str, out: Checked) -> None:
    peak = arch.requirements.scale.peak_rps
    if not peak:
        out.add("sustains_peak", "requirements.scale.peak_rps is not recorded")
        return
    sim = simulate(arch)  # no rps: the recorded peak is the default
    if sim["rps"] != round(peak, 2) and not math.isclose(sim["rps"], peak, rel_tol=1e-6):
        out.add("sustains_peak", f"simulate ran at {sim['rps']}, not the recorded {peak}")
    if sim["max_rps"] is not None and sim["max_rps"] < peak:
        out.add("sustains_peak", f"max_rps {sim['max_rps']} below the recorded peak {peak}")
    target = arch.requirements.slo.p99_latency_ms
    for jname, journey in sim["journeys"].items():
        p99 = journey["latency_ms"].get("p99")
        if p99 is None:
            out.add("sustains_peak", f"journey {jname!r} saturated at the peak")
        elif target is not None and p99 > target and f"Journey '{jname}'" not in markdown:
            out.add("p99_or_conflict", f"journey {jname!r} P99 {p99} > {target} unnamed")


def _survives_a_replica(arch: Architecture, out: Checked) -> None:
    """Issue 13: every component spread over zones keeps the replicas its peak load needs
    with one of them down (N+1), as the availability engine counts them (a saturated
    one is `sustains_peak`'s to report). A regional service (SQS, DynamoDB) is one unit
    at its SLA whatever replicas the design gives it: it has no replica of ours to lose."""
    peak = arch.requirements.scale.peak_rps
    units = replica_units(arch, peak) if peak else {}
    for comp in arch.components:
        unit = units.get(comp.id)
        if unit is None or min(comp.replicas, unit.n) < 2 or len(comp.zones) < 2 or unit.k > unit.n:
            continue
        if not unit.survives_replica_loss():
            out.add("survives_a_replica", f"{comp.id} needs {unit.k} of its {unit.n} replicas")


def _cost(arch: Architecture, result: DesignResult, out: Checked) -> None:
    cloud = arch.requirements.constraints.cloud
    name = cloud.value if cloud is not None and cloud.value in ("aws", "gcp", "azure") else "aws"
    total = estimate(arch, load_catalog(), name).monthly_total
    said = getattr(result.cost, "monthly_total", getattr(result.cost, "total", None))
    if said is None or not math.isclose(float(said), total, rel_tol=1e-6, abs_tol=0.01):
        out.add("cost_matches", f"design.md says {said}, cost says {total}")


def _audit(arch: Architecture, markdown: str, out: Checked) -> None:
    for f in audit(arch).findings:
        if f.error:
            out.add("audit_clean", f"rule {f.rule_id} crashed: {f.message}")
        elif f.severity is Severity.CRITICAL:
            out.add("audit_clean", f"critical {f.rule_id} {f.targets}: {f.message}")
        elif f.severity is Severity.HIGH and f.suppressed is None:
            out.add("audit_clean", f"high {f.rule_id} {f.targets}: {f.message}")
    for sup in arch.suppressions:
        if f"`{sup.rule}` on" not in markdown:
            out.add("audit_clean", f"suppression {sup.rule} not shown in design.md")


def _claims(arch: Architecture, out: Checked) -> None:
    patterns = set(arch.properties.get("patterns", []))
    regional = [c for c in arch.components if c.region is not None]
    if "multi-region" in patterns:
        regions = {c.region for c in regional}
        if len(regions) < 2:
            out.add("claims_drawn", f"multi-region claimed, components in {sorted(regions)}")
        if not any(c.properties.get("replication") for c in arch.connections):
            out.add("claims_drawn", "multi-region claimed, no replication between regions")
    if "ha-multi-az" in patterns:
        for comp in regional:
            if comp.kind not in PROVIDER_SCALED and comp.replicas >= 2 and len(comp.zones) < 2:
                out.add("claims_drawn", f"multi-AZ claimed, {comp.id} sits in {comp.zones}")


def _front_door(arch: Architecture, out: Checked) -> None:
    behind = {Kind(k) for k in defaults()["wiring"]["behind_waf"]}
    by_id = arch.components_by_id()
    if not any(c.kind is Kind.WAF for c in arch.components):
        return
    for conn in arch.connections:
        if by_id[conn.source].kind is Kind.CLIENT and by_id[conn.target].kind in behind:
            out.add("front_door", f"{conn.id} bypasses the WAF")
    for comp in arch.components:
        if comp.kind in behind and comp.public:
            out.add("front_door", f"{comp.id} is public beside the WAF")


def _exports(arch: Architecture, formats: tuple[str, ...], conform: bool, out: Checked) -> None:
    for fmt in formats:
        try:
            # As `archwright export` does: a cloud the format does not write is refused.
            files = exporters.prepare(fmt, arch).render(arch)
        except CloudRefused:
            if design_cloud(arch) in (None, *exporters.load(fmt).EXPORTER.clouds):
                out.add("exports", f"{fmt} refused a design on a cloud it writes")
            continue
        except Exception as exc:  # a crash is the finding
            out.add("exports", f"{fmt} export raised {type(exc).__name__}: {exc}")
            continue
        if not conform:
            continue
        with tempfile.TemporaryDirectory() as folder:
            write_files(files, folder)
            tops = {Path(name).parts[0] for name in files if len(Path(name).parts) > 1}
            root = Path(folder) / tops.pop() if len(tops) == 1 else Path(folder)
            try:
                actual = importers.load(fmt).parse(root).architecture
            except Exception as exc:
                out.add("conform", f"{fmt} import raised {type(exc).__name__}: {exc}")
                continue
        # As `archwright conform` compares: with the design as the format expresses it,
        # or as the exporter writes it where it declared a loss.
        drift = drift_against(arch, exporters.losses(fmt, arch), actual)
        if drift.drifted:
            out.add("conform", f"{fmt}: {len(drift.changes)} drifts, e.g. {drift.changes[0]}")
