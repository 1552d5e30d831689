"""Edits in words: a timeout, retries or backoff on one call.

A timeout and retries matter when the callee fails or slows, not at normal load, so the
figures of this edit come from the chaos engine: the callee is failed on the model
before and after, and the caller's utilization, the load offered to the callee (retries
multiply it: the retry storm) and the journeys that fail are compared. The common table
(cost, max_rps, P99, availability, findings) is shown too; it rarely moves.
"""

from __future__ import annotations

from typing import Any

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.edits import Edited, EditRefused, connection_of, copy, valid
from archwright.advise.ask.result import Delta
from archwright.model import Architecture, Backoff, Connection
from archwright.simulate.chaos import Scenario, chaos
from archwright.simulate.load import default_rps


def call_settings(a: Asked) -> Edited:
    s = a.slots
    new = copy(a.arch)
    conn = connection_of(a, new)
    was = conn.model_copy()
    if s.timeout_ms is None and s.retries is None and s.backoff is None:
        raise EditRefused(
            f"what should {conn.source} -> {conn.target} get? It has {_settings(conn)}; say "
            "e.g. 'set a 2 s timeout on it' or 'add 3 retries with backoff'"
        )
    if s.timeout_ms is not None:
        conn.timeout_ms = s.timeout_ms
    if s.retries is not None:
        conn.retries = s.retries
    if s.backoff is not None:
        conn.backoff = Backoff(s.backoff)
    if _settings(conn) == _settings(was):
        raise EditRefused(f"{conn.source} -> {conn.target} already has {_settings(was)}")
    after = valid(new)
    extra, against = _under_failure(a.arch, after, conn)
    return Edited(
        after,
        f"{conn.source} -> {conn.target}: {_changes(was, conn)}",
        extra,
        (*against, *_beyond_targets(after, conn)),
    )


def _settings(c: Connection) -> str:
    timeout = f"a {c.timeout_ms:,.6g} ms timeout" if c.timeout_ms is not None else "no timeout"
    return f"{timeout}, {c.retries} retries, backoff {c.backoff.value}"


def _changes(was: Connection, now: Connection) -> str:
    def ms(v: float | None) -> str:
        return f"{v:,.6g} ms" if v is not None else "none (the default)"

    out = []
    if was.timeout_ms != now.timeout_ms:
        out.append(f"timeout {ms(was.timeout_ms)} -> {ms(now.timeout_ms)}")
    if was.retries != now.retries:
        out.append(f"retries {was.retries} -> {now.retries}")
    if was.backoff != now.backoff:
        out.append(f"backoff {was.backoff.value} -> {now.backoff.value}")
    return "; ".join(out)


def _under_failure(
    before: Architecture, after: Architecture, conn: Connection
) -> tuple[tuple[Delta, ...], list[str]]:
    """The callee failed on both models (chaos engine), and what the retries do then."""
    scenario = Scenario(fail=[conn.target])
    old = chaos(before, scenario, default_rps(before))
    new = chaos(after, scenario, default_rps(after))
    when = f"when {conn.target} fails"
    extra = (
        Delta(f"{when}: {conn.source}", _state(old, conn.source), _state(new, conn.source), ""),
        _delta(f"{when}: load offered to {conn.target}", old, new, conn.target, "load_factor", "x"),
        Delta(f"{when}: journeys failed", _failed(old), _failed(new), ""),
    )
    against = []
    offered = new["components"][conn.target]["load_factor"]
    if conn.retries and not conn.circuit_breaker:
        against.append(
            f"Retry amplification: {conn.retries} retries without a circuit breaker mean up "
            f"to {conn.retries + 1} attempts per call; {when} the chaos engine offers it "
            f"{offered:g}x its load and {conn.source} holds each slot through every "
            f"timed-out attempt ({conn.source}: {_state(new, conn.source)}). A circuit "
            "breaker stops retrying a callee that is down."
        )
    elif conn.retries and conn.circuit_breaker:
        against.append(
            f"The circuit breaker on {conn.source} -> {conn.target} opens {when}, so its "
            f"{conn.retries} retries do not pile onto it (chaos engine: {offered:g}x its "
            "load); they only help against brief, transient errors."
        )
    elif conn.retries == 0 and conn.is_sync:
        against.append(
            f"With no retries, a brief blip of {conn.target} fails the work {conn.source} "
            "is doing; a retry or two with backoff behind a circuit breaker is the usual "
            "middle ground."
        )
    storm = _storm(new, conn.target)
    if storm:
        against.append(f"Retries upstream multiply too ({when}, chaos engine): {storm}.")
    return extra, against


def _delta(
    metric: str, old: dict[str, Any], new: dict[str, Any], cid: str, key: str, unit: str
) -> Delta:
    return Delta(metric, old["components"][cid][key], new["components"][cid][key], unit)


def _failed(result: dict[str, Any]) -> int:
    return sum(1 for j in result["journeys"].values() if j["status"] == "failed")


def _state(result: dict[str, Any], cid: str) -> str:
    """The chaos engine's verdict on one component, with its cause."""
    comp = result["components"][cid]
    return f"{comp['status']} ({comp['cause']})" if comp.get("cause") else str(comp["status"])


def _storm(result: dict[str, Any], callee: str) -> str:
    """Components other than the callee offered more than their load by retries."""
    grown = sorted(
        (cid, c["load_factor"])
        for cid, c in result["components"].items()
        if cid != callee and c["load_factor"] > 1.0
    )
    return ", ".join(f"{cid} offered {f:g}x its load" for cid, f in grown)


def _beyond_targets(arch: Architecture, conn: Connection) -> list[str]:
    """A timeout the user has long given up before: the journeys' own P99 targets."""
    if conn.timeout_ms is None:
        return []
    held = conn.timeout_ms * (1 + conn.retries)
    out = []
    for journey in arch.journeys:
        steps = journey.steps
        through = any(
            (steps[i], steps[i + 1]) == (conn.source, conn.target) for i in range(len(steps) - 1)
        )
        target = journey.p99_target_ms
        if through and target is not None and held > target:
            out.append(
                f"Journey {journey.name} targets a P99 of {target:g} ms, but a hung "
                f"{conn.target} holds the call {held:,.6g} ms ({conn.retries + 1} attempt(s) "
                f"of {conn.timeout_ms:,.6g} ms) — long after the user gave up."
            )
    return out
