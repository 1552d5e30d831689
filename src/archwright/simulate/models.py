"""Token models under load: quotas, GPUs, the token tail and the context cliff.

A model call's cost in time and capacity is tokens (`archwright.kb.capacity` turns them
into quota limits, GPUs and call times); this module applies those functions at the
arrival rate the queueing model computed, so `simulate` can say at which load a quota
throttles, how many GPUs the peak needs and what the giant-prompt tail does to p99.
"""

from __future__ import annotations

import math
from typing import Any

from archwright.kb.capacity import (
    TokenProfile,
    call_ms,
    context_overflow_share,
    gpus_needed,
    quota_rps,
)
from archwright.simulate.capacity import State, Stations
from archwright.simulate.flow import Network


def model_report(net: Network, state: State | Stations) -> dict[str, dict[str, Any]]:
    """Per token model: arrival, quota and what binds, GPUs, call times, overflow."""
    out: dict[str, dict[str, Any]] = {}
    for i, cid in enumerate(net.ids):
        tokens = net.profiles[i].tokens
        if tokens is None:
            continue
        arriving = float(state.arrival_rps[i])
        out[cid] = _one(tokens, arriving, net.profiles[i].replicas)
    return out


def _one(tokens: TokenProfile, arriving: float, replicas: int) -> dict[str, Any]:
    quota = quota_rps(tokens)
    throttled = max(0.0, 1.0 - quota.rps / arriving) if arriving > 0 else 0.0
    gpus: dict[str, Any] | None = None
    if tokens.gpu is not None:
        gpus = {
            "type": tokens.gpu.gpu_type,
            "have": replicas * tokens.gpu.gpus_per_replica,
            "needed": gpus_needed(arriving, tokens),
        }
    return {
        "role": tokens.role.value,
        "arrival_rps": round(arriving, 4),
        "quota_rps": round(quota.rps, 4) if math.isfinite(quota.rps) else None,
        "quota_binding": quota.binding,
        "throttled_share": round(throttled, 4),
        "gpus": gpus,
        "call_ms": {
            "mean": round(call_ms(tokens, tokens.input.mean, tokens.output.mean), 1),
            "p99_tokens": round(call_ms(tokens, _p99(tokens.input), _p99(tokens.output)), 1),
            "ttft_p99_tokens": round(call_ms(tokens, _p99(tokens.input), 0.0), 1),
        },
        "context_window": tokens.context_window if math.isfinite(tokens.context_window) else None,
        "context_overflow_share": round(context_overflow_share(tokens), 6),
        "source": tokens.source,
    }


def _p99(count: Any) -> float:
    return float(count.p99 if count.p99 is not None else count.mean)


def model_warnings(models: dict[str, dict[str, Any]]) -> list[str]:
    """What the token figures say is wrong at this load, in words."""
    notes: list[str] = []
    for cid, m in models.items():
        if m["throttled_share"] > 0:
            notes.append(
                f"{cid}: its {m['quota_binding'].upper()} quota allows {m['quota_rps']:,.1f} "
                f"requests/s, below the {m['arrival_rps']:,.1f} arriving: "
                f"{m['throttled_share']:.0%} would be throttled (HTTP 429)"
            )
        gpus = m["gpus"]
        if gpus is not None and gpus["needed"] > gpus["have"]:
            notes.append(
                f"{cid}: {gpus['needed']} GPUs needed at {m['arrival_rps']:,.1f} requests/s, "
                f"{gpus['have']} provisioned"
            )
        if m["context_overflow_share"] >= 0.001:
            notes.append(
                f"{cid}: {m['context_overflow_share']:.2%} of prompts leave no room for the "
                "answer in the context window (truncated or refused)"
            )
    return notes
