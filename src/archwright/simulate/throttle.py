"""Provider throttling in chaos: a quota that binds, the retries it sets off, the overflow.

A hosted model answers the requests above its quota (`kb.capacity.quota_rps`: the lowest
of its RPM and TPM limits at the mean request shape) with HTTP 429. In `chaos` that
becomes a cascade, by these rules (docs/ai-systems.md, "Throttling in chaos"):

* Every attempt is throttled with the same probability p = 1 − quota / attempts: the
  provider admits a quota's worth per second, whichever attempts those are.
* A caller without a circuit breaker retries a 429 `retries` times, so the attempts are
  offered × (1 − p^(r+1)) / (1 − p) and p^(r+1) of its calls fail after all of them. More
  retries mean more throttling: p is the fixed point of the two, found by bisection.
* A breaker on the call fails a 429 at once (no retries), so p of its calls fail. The
  breaker does not stay open: once open, the model's load falls below its quota, so in
  the steady state it passes about the quota (open and half-open averaged out).
* The calls that still fail go to the call's `fallback` component when it names one (the
  fallback tier absorbs the overflow), which meets its own quota by the same rules:
  fallbacks are solved after the models they stand in for. Otherwise the failure travels
  back to the callers (`propagation.failure_fractions`) unless something contains it.
* A cache in front of the model (a semantic cache) answers its hits without the model:
  its share is reported beside the model's figures.

A 429 comes back at once: the latency of throttled attempts and retries' back-off are
not added to the callers' holding times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archwright.kb.capacity import quota_rps
from archwright.simulate.capacity import Stations
from archwright.simulate.flow import Network

BISECTIONS = 80


@dataclass(frozen=True)
class Throttle:
    """One model whose quota binds in a chaos run."""

    node: int
    quota_rps: float
    binding: str  # which quota binds ("input tpm", ...), or "scenario" when injected
    offered_rps: float  # first attempts, fallback overflow included
    attempts_rps: float  # with the retries of callers that retry a 429
    rejected: float  # p: the share of attempts answered 429
    failing: dict[int, float] = field(default_factory=dict)  # call → share failing after retries
    overflow: dict[int, float] = field(default_factory=dict)  # fallback node → requests/s


def quotas(net: Network, injected: dict[str, float]) -> tuple[list[float], dict[int, str]]:
    """Quota rps of every component (∞ without one) and which quota binds; a scenario's
    `throttle` replaces a model's quota (a provider cutting it during a burst)."""
    rps = [float(p.quota_rps) for p in net.profiles]
    binding: dict[int, str] = {}
    for i, prof in enumerate(net.profiles):
        if prof.tokens is not None and math.isfinite(rps[i]):
            binding[i] = quota_rps(prof.tokens).binding
    for cid, value in injected.items():
        i = net.index[cid]
        rps[i] = value
        binding[i] = "scenario"
    return rps, binding


def apply(
    net: Network,
    state: Stations,
    failed: dict[int, str],
    factor: list[float],
    quota: list[float],
    binding: dict[int, str],
    override: dict[int, tuple[float, float]],
) -> dict[int, Throttle]:
    """Throttle every model asked for more than its quota. The levers of this round get
    the retries (`factor`), the fallbacks switched on for the overflow, and what a call
    holds its caller (`override`): only admitted attempts wait for the model."""
    standby_targets = {e.target for e in net.edges if e.standby_for}
    candidates = [i for i in range(len(net.ids)) if math.isfinite(quota[i]) and i not in failed]
    out: dict[int, Throttle] = {}
    # Models first, the fallbacks that take their overflow after them.
    for node in sorted(candidates, key=lambda i: (i in standby_targets, i)):
        found = _one(net, state, failed, factor, node, float(quota[node]))
        if found is None:
            continue
        offered, attempts, p, calls = found
        throttle = Throttle(
            node, float(quota[node]), binding.get(node, "quota"), offered, attempts, p
        )
        for k, retries, _ in calls:
            edge = net.edges[k]
            if edge.standby_for:
                continue
            share = p ** (retries + 1)
            held = override.get(k, (edge.rate * factor[k] * float(state.response_ms[node]), 0.0))
            override[k] = (held[0] * (1.0 - share), held[1])
            factor[k] *= _attempts(p, retries)
            throttle.failing[k] = share
            for j, other in enumerate(net.edges):
                if other.standby_for == edge.id and other.target not in failed:
                    factor[j] = max(float(factor[j]), share)
                    # Calls, not attempts: what the standby path carries.
                    calls_rps = float(state.arrival_rps[edge.source]) * other.rate * share
                    moved = throttle.overflow.get(other.target, 0.0) + calls_rps
                    throttle.overflow[other.target] = moved
        out[node] = throttle
    return out


def _one(
    net: Network,
    state: Stations,
    failed: dict[int, str],
    factor: list[float],
    node: int,
    quota: float,
) -> tuple[float, float, float, list[tuple[int, int, float]]] | None:
    """(offered, attempts, p, [(call, retries, first attempts)]) for one model, None when
    within its quota.

    A call cut off (its breaker open, its caller down) sends nothing.
    """
    calls: list[tuple[int, int, float]] = []
    for k, edge in enumerate(net.edges):
        if edge.target != node or edge.source in failed:
            continue
        # Calls timing out are already multiplied by their retries: those attempts are
        # what reaches the quota, and a 429 multiplies them again.
        sent = float(state.arrival_rps[edge.source]) * edge.rate * float(factor[k])
        if sent <= 0:
            continue
        calls.append((k, 0 if edge.breaker or edge.standby_for else edge.retries, sent))
    offered = sum(a for _, _, a in calls)
    if offered <= quota or quota < 0:
        return None
    low, high = offered, offered * (1 + max(r for _, r, _ in calls))
    for _ in range(BISECTIONS):
        mid = (low + high) / 2
        p = max(0.0, 1.0 - quota / mid)
        if sum(a * _attempts(p, r) for _, r, a in calls) > mid:
            low = mid
        else:
            high = mid
    attempts = (low + high) / 2
    p = max(0.0, 1.0 - quota / attempts) if attempts > 0 else 0.0
    return offered, attempts, p, calls


def _attempts(p: float, retries: int) -> float:
    """Expected attempts per call when each is refused with probability p."""
    if p >= 1.0:
        return float(retries + 1)
    return (1.0 - p ** (retries + 1)) / (1.0 - p)
