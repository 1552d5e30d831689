"""Redundancy never widens a service the provider runs (issue 17, "SaaS replicas count as
several units").

Availability reads a SaaS or regional service as one unit at the provider's SLA
(`Profile.provider_run`, simulate/availability.failing_nodes), so replicas added to it
raise no figure. Before, redundancy widened such a component round after round: the
regional DynamoDB of the social-graph design went from its 3 zone copies to 15 replicas,
"to survive the loss of one (N+1)", and availability counted them as 15 independent
chances of being up.
"""

from __future__ import annotations

import pytest

from archwright.generate.engine import design
from archwright.kb.capacity import resolve
from archwright.kb.patterns import load_patterns
from archwright.model import Architecture, Requirements


def _designed(pattern_id: str) -> Architecture:
    (pattern,) = [p for p in load_patterns().patterns if p.id == pattern_id]
    return design(Requirements(features=[pattern.triggers[0]])).architecture


@pytest.mark.parametrize("pattern_id", ["social-graph", "search-index", "rag"])
def test_no_replica_is_added_to_a_provider_run_service(pattern_id: str) -> None:
    arch = _designed(pattern_id)
    profiles = resolve(arch)
    provider_run = [c for c in arch.components if profiles[c.id].provider_run and c.zones]
    assert provider_run, "the design places no provider-run service in zones"
    for comp in provider_run:
        sizing = str(comp.properties.get("sizing", ""))
        assert "replicas to survive" not in sizing, (comp.id, comp.replicas, sizing)


def test_a_regional_store_keeps_the_zone_copies_its_sizing_states() -> None:
    """DynamoDB on demand: "3 zone copies kept by the provider", and 3 replicas."""
    graph = _designed("social-graph").components_by_id()["graph"]
    assert graph.technology == "aws-dynamodb"
    assert "(3 zone copies kept by the provider" in str(graph.properties["sizing"])
    assert graph.replicas == 3
