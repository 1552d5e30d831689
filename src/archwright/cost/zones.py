"""How many zones a design's network spans: one answer for the NAT estimate
(`cost.transfer.nat_use`) and the exported network (`exporters.terraform`).

Apart from `cost.transfer` so that the Terraform and Pulumi exports, which need only
this count, do not import the transfer price models and pricing tables with it
(issue 16).
"""

from __future__ import annotations

from archwright.model import Architecture


def network_zones(arch: Architecture) -> int:
    """Zones the design's network spans: the most any component spreads over, at least
    two (a standby zone) and at most three. The exported network has a public and a
    private subnet per zone, and on AWS a NAT gateway per zone."""
    return zones_spanned([len(c.zones) for c in arch.components])


def zones_spanned(counts: list[int]) -> int:
    """`network_zones` from each component's count of zones, for a caller that has them."""
    return min(max(max(counts, default=0), 2), 3)
