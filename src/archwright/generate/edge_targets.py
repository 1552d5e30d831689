"""Journeys a CDN serves are held to what the CDN's provider commits to.

A journey whose requests one provider's CDN answers is up only while that CDN is: its
availability cannot exceed the CDN's SLA (CloudFront commits to 99.9% a month), and no
replica count on our side changes that ("a service cannot be more available than the
intersection of all its critical dependencies", Treynor et al., ACM Queue 2017). So a
design whose SLO is above the CDN's SLA holds those journeys to the SLA and says so,
instead of promising a figure the provider does not; the other way to keep the SLO
there is a second CDN behind DNS failover, named in the note. The CDN serves stale
copies when the origin errs (`stale_if_error` on the pattern's CDN), so the origin is
not serial for the journey (`simulate.availability.behind_edge_cache`).
"""

from __future__ import annotations

from archwright.kb.capacity import profile
from archwright.kb.catalog import Catalog
from archwright.model import Architecture, Kind

SOURCES = (
    "https://aws.amazon.com/cloudfront/sla/",
    "https://queue.acm.org/detail.cfm?id=3096459",
)


def hold_edge_journeys(arch: Architecture, catalog: Catalog) -> list[str]:
    """Set `availability_target` on each journey entering through a CDN whose SLA is
    below the SLO; return one note per journey held (for the design's assumptions)."""
    slo = arch.requirements.slo.availability
    if slo is None:
        return []
    by_id = arch.components_by_id()
    notes = []
    for journey in arch.journeys:
        served = [by_id[s] for s in journey.steps if by_id[s].kind is not Kind.CLIENT]
        if not served or served[0].kind is not Kind.CDN or journey.availability_target:
            continue
        cdn = served[0]
        sla = round(profile(cdn, catalog).availability * 100, 4)
        if sla >= slo:
            continue
        journey.availability_target = sla
        notes.append(
            f"journey {journey.name!r} is held to {sla:g}%, the SLA of its CDN "
            f"({cdn.technology or cdn.id}), not the {slo:g}% SLO: one provider's CDN "
            "serves it, and nothing on our side raises that; a second CDN behind DNS "
            "failover would be needed to promise more"
        )
    return notes
