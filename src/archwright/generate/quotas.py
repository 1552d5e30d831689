"""The provider quota a design needs: hosted models are sized by quota, not replicas.

A hosted model never runs out of servers; it runs out of requests and tokens per minute.
Sizing a design therefore includes the quota each hosted model must be granted at the
design's peak (with the same headroom as replicas), written on the component's `tokens`
so that `simulate`, `chaos` and the audit check the design against what it asks for,
and stated as an assumption: a quota above the provider's default tier is a request to
the provider, not a given.
"""

from __future__ import annotations

import math

from archwright.cost.traffic import arrivals, design_load
from archwright.kb.capacity import quota_rps, resolve
from archwright.kb.catalog import Catalog
from archwright.model import Architecture, TokenUsage

# Quotas are set so the peak uses at most this share of them (the replicas' target).
HEADROOM = 0.7
_FIELDS = ("rpm_quota", "tpm_quota", "input_tpm_quota", "output_tpm_quota")


def size_quotas(arch: Architecture, catalog: Catalog) -> list[str]:
    """Raise each hosted model's quotas to carry its peak; return the assumptions made.

    A cycle of calls that did not settle makes its rates a lower bound: its line
    (`cost.traffic.Unsettled`) comes first, so no quota reads as sized for the peak."""
    peak = design_load(arch).peak_rps
    if not peak:
        return []
    found = arrivals(arch, peak)
    rates = found.rates
    notes: list[str] = list(found.warnings)
    for cid, prof in resolve(arch, catalog).items():
        tokens = prof.tokens
        load = rates.get(cid, 0.0)
        if tokens is None or load <= 0:
            continue
        limit = quota_rps(tokens)
        if not math.isfinite(limit.rps) or load <= limit.rps * HEADROOM:
            continue
        factor = load / HEADROOM / limit.rps
        comp = arch.components_by_id()[cid]
        usage = comp.tokens or TokenUsage()
        raised = []
        for name in _FIELDS:
            current = getattr(tokens, name)
            if current is not None:
                wanted = float(math.ceil(current * factor / 1000.0) * 1000)
                setattr(usage, name, wanted)
                raised.append(
                    f"{name.removesuffix('_quota').replace('_', ' ').upper()} {wanted:,.0f}"
                )
        comp.tokens = usage
        notes.append(
            f"{cid} needs a provider quota of {', '.join(raised)} per minute for "
            f"{load:,.1f} requests/s at peak (the catalog's tier allows {limit.rps:,.1f}/s): "
            "request the raise before launch"
        )
    return notes
