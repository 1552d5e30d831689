"""A generated design's own audit: fix what the engine can, accept the rest out loud.

The engine runs the audit on what it drew. High findings of the rules listed in
accepted_risks.yaml become suppressions carrying the listed reason (the model's
`Suppression`), which design.md shows as accepted risks; critical findings and any other
high finding stay visible, and the self-consistency tests treat them as defects.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from archwright.audit import audit
from archwright.generate.sizing import PROVIDER_SCALED
from archwright.kb.capacity import profile
from archwright.kb.catalog import Catalog
from archwright.model import Architecture, Component, Kind, Severity, Suppression
from archwright.package_data import parsed_yaml


@cache
def _accepted() -> dict[str, Any]:
    data: dict[str, Any] = parsed_yaml("archwright.generate", "accepted_risks.yaml")["accepted"]
    return data


def accept_risks(
    arch: Architecture, catalog: Catalog, conflicts: frozenset[str] = frozenset()
) -> list[Suppression]:
    """Suppress the accepted high findings of the design's own audit; return them.

    `conflicts` are the ids of the conflicts design.md names: an entry with `conflict`
    is accepted only when that conflict is named.
    """
    added: list[Suppression] = []
    for finding in audit(arch, catalog=catalog).findings:
        entry = _accepted().get(finding.rule_id)
        if finding.severity is not Severity.HIGH or entry is None or finding.suppressed:
            continue
        if entry.get("conflict") and entry["conflict"] not in conflicts:
            continue
        named = [_component_of(t, arch) for t in finding.targets]
        if entry.get("provider_run_only") and not all(
            c is not None and _provider_run(c, catalog) for c in named
        ):
            continue
        if entry.get("single_instance") and not arch.properties.get("single_instance"):
            continue
        kinds = {Kind(k) for k in entry.get("kinds", [])}
        if kinds and not any(c is not None and c.kind in kinds for c in named):
            continue
        reason = " ".join(str(entry["reason"]).split())
        added.append(
            Suppression(
                rule=finding.rule_id,
                targets=list(finding.targets),
                reason=f"{finding.message}. {reason}",
            )
        )
    arch.suppressions.extend(added)
    return added


def _provider_run(comp: Component, catalog: Catalog) -> bool:
    """A kind the provider scales (sizing's PROVIDER_SCALED), or a component availability
    reads as the provider's whole service (`Profile.provider_run`: a regional service such
    as DynamoDB or SQS, at its SLA whatever replicas the design gives it)."""
    return comp.kind in PROVIDER_SCALED or profile(comp, catalog).provider_run


def _component_of(target: str, arch: Architecture) -> Component | None:
    """The component a finding names: itself, or the callee of a named connection."""
    by_id = arch.components_by_id()
    if target in by_id:
        return by_id[target]
    for conn in arch.connections:
        if conn.id == target:
            return by_id.get(conn.target)
    return None
