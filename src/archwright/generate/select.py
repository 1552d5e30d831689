"""Which patterns a design uses, and why: the core, what the features ask for (with what
those require), and what the load calls for — each with its reason, including the
load-driven patterns left out and the comparison that left them out."""

from __future__ import annotations

from dataclasses import dataclass

from archwright.generate.sizing import Envelope
from archwright.kb.patterns import Pattern, PatternLibrary
from archwright.model import Requirements


@dataclass(frozen=True)
class PatternUse:
    """A pattern the engine applied (or considered and left out), and why."""

    id: str
    title: str
    why: str


_WHEN_FIGURES = {
    "min_peak_rps": ("peak load", "peak_rps", "req/s"),
    "min_read_rps": ("peak reads", "read_rps", "req/s"),
    "min_write_rps": ("peak writes", "write_rps", "req/s"),
    "min_dau": ("daily active users", "dau", ""),
    "min_concurrent": ("concurrent connections", "concurrent", ""),
    "min_data_gb": ("data in 3 years", "data_horizon_gb", "GB"),
    "min_availability": ("availability target", "availability", "%"),
}


def check_when(pattern: Pattern, env: Envelope, req: Requirements) -> tuple[bool, str]:
    """Whether a scale pattern's thresholds hold, with the comparison as a sentence."""
    assert pattern.when is not None
    parts: list[str] = []
    ok = True
    for key, (label, attr, unit) in _WHEN_FIGURES.items():
        threshold = getattr(pattern.when, key)
        if threshold is None:
            continue
        value = float(getattr(env, attr))
        holds = value >= threshold
        ok = ok and holds
        parts.append(
            f"{label} {value:,{'g' if unit == '%' else '.0f'}}{_sp(unit)} "
            f"{'≥' if holds else '<'} {threshold:,g}{_sp(unit)}"
        )
    if pattern.when.compliance_any:
        have = sorted({c.value for c in req.compliance} & set(pattern.when.compliance_any))
        ok = ok and bool(have)
        parts.append(
            f"compliance {', '.join(have)}"
            if have
            else f"no {'/'.join(pattern.when.compliance_any)} requirement"
        )
    return ok, "; ".join(parts) or "alongside " + ", ".join(pattern.alongside)


def select_patterns(
    features: list[str], env: Envelope, req: Requirements, library: PatternLibrary
) -> tuple[list[Pattern], list[PatternUse], list[PatternUse]]:
    """Core, then the features' patterns (with what they require), then load-driven ones."""
    chosen: dict[str, Pattern] = {}
    uses: list[PatternUse] = []
    skipped: list[PatternUse] = []

    def take(pattern_id: str, why: str) -> None:
        for p in library.closure(pattern_id):
            if p.id not in chosen:
                chosen[p.id] = p
                reason = why if p.id == pattern_id else f"required by {pattern_id}"
                uses.append(PatternUse(p.id, p.title, reason))

    for p in library.patterns:
        if p.always:
            take(p.id, "core of every design")
    for feature in features:
        take(feature, "asked for in the requirements")
    for p in library.patterns:
        if p.when is None or p.id in chosen:
            continue
        if not all(a in chosen for a in p.alongside):
            continue
        ok, why = check_when(p, env, req)
        if ok:
            take(p.id, f"load-driven: {why}")
        else:
            skipped.append(PatternUse(p.id, p.title, f"not needed: {why}"))
    return list(chosen.values()), uses, skipped


def _sp(unit: str) -> str:
    return unit if unit in ("", "%") else f" {unit}"
