"""Proportion: what the smallest designs do without.

An internal tool for a handful of users needs one container, restarted by its platform,
and a managed database with backups; a load balancer in front of two replicas buys an
availability nobody asked for and costs more than the tool. A single instance is rated
99.5% by the providers (https://aws.amazon.com/compute/sla/, instance-level uptime), so
with no SLO stated and at most `single_instance_dau` daily users the design keeps one
replica of each tier and clients call the service directly (DNS names it; the platform
terminates TLS).
"""

from __future__ import annotations

from typing import Any

from archwright.generate.sizing import Envelope, defaults
from archwright.kb.patterns import PatternComponent
from archwright.model import Requirements

EDGE, SERVICE, CLIENT = "edge", "api", "client"


def single_instance(req: Requirements, env: Envelope) -> bool:
    """Whether the design is small enough for one instance: no SLO stated, few users."""
    limit = float(defaults()["defaults"]["single_instance_dau"])
    return req.slo.availability is None and env.dau <= limit


def without_edge(
    comps: list[PatternComponent], conns: list[Any], journeys: list[Any]
) -> tuple[list[PatternComponent], list[Any], list[Any]] | None:
    """The joined design with clients calling the service directly, or None when
    something besides the clients reaches the load balancer (a WAF in front of it)."""
    if not any(c.id == EDGE for c in comps):
        return None
    into = [c for c in conns if c.target == EDGE]
    if any(c.source != CLIENT for c in into):
        return None
    kept = [c for c in comps if c.id != EDGE]
    kept = [c.model_copy(update={"public": True}) if c.id == SERVICE else c for c in kept]
    wired = []
    for c in conns:
        if c.source == EDGE:
            continue
        wired.append(c.model_copy(update={"target": SERVICE}) if c.target == EDGE else c)
    paths = [
        j.model_copy(update={"steps": [s for s in j.steps if s != EDGE]})
        for j in journeys
        if len([s for s in j.steps if s != EDGE]) >= 2
    ]
    return kept, wired, paths


def note(env: Envelope) -> str:
    return (
        f"{env.dau:,.0f} daily users and no availability target: one instance of each tier "
        "(a single instance is rated 99.5%), clients call the service directly, no load "
        "balancer; state an availability target to get redundancy"
    )
