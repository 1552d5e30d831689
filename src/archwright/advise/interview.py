"""Interview practice: challenges, and grading an answer against the reference design.

The grade has three parts, each measured: coverage of the reference's component kinds,
the audit of the answer (real audit engine, scored by the audit's own overall score), and
the capacity of the answer against the challenge's stated peak (real simulation engine).
A part whose engine is not installed is left out of the score and named, so the score
never rests on an invented figure.
"""

from __future__ import annotations

import importlib
from collections import Counter
from typing import Any

from archwright.advise import engines
from archwright.kb.interview import Challenge, InterviewKB
from archwright.model import Architecture, Kind, Severity


def challenges(kb: InterviewKB) -> dict[str, Challenge]:
    """Our challenges plus the reference spec library when installed (specs win)."""
    out = {c.name: c for c in kb.challenges}
    try:
        specs = importlib.import_module("archwright.kb.specs").load_specs()
    except (ImportError, AttributeError):
        return dict(sorted(out.items()))
    for spec in specs.specs:
        out[spec.name] = Challenge(
            name=spec.name,
            title=spec.title,
            prompt=spec.requirements.description or spec.summary,
            requirements=spec.requirements,
            reference=spec.architecture,
            notes=list(spec.notes),
        )
    return dict(sorted(out.items()))


def _whole(value: Any) -> Any:
    """Whole floats as ints, so 10000000.0 reads as 10000000."""
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def brief(ch: Challenge) -> dict[str, Any]:
    """What the candidate sees: the prompt and the numbers, never the reference."""
    return {
        "name": ch.name,
        "title": ch.title,
        "prompt": ch.prompt,
        "requirements": _whole(ch.requirements.model_dump(mode="json", exclude_defaults=True)),
    }


def grade(ch: Challenge, answer: Architecture, kb: InterviewKB) -> dict[str, Any]:
    """The answer's score against the challenge: its parts, what it misses and what to
    study, with the parts whose engine is not installed named as unavailable."""
    ref_kinds = Counter(c.kind for c in ch.reference.components if c.kind is not Kind.CLIENT)
    have = Counter(c.kind for c in answer.components)
    missing: list[Kind] = sorted(k for k in ref_kinds if have[k] == 0)
    substituted = {k: s for k in missing for s in kb.stand_ins(k) if have[s]}
    lost = len(missing) - 0.5 * len(substituted)
    coverage = 1 - lost / len(ref_kinds) if ref_kinds else 1.0
    parts: dict[str, float] = {"components": coverage}
    study = _missing_study(ch, kb, missing)
    graded = answer.model_copy(update={"requirements": ch.requirements})
    audit_part = _audit_part(engines.audit_summary(graded), kb, parts, study)
    cap_part = _capacity_part(ch, engines.capacity_summary(graded), kb, parts, study)
    used = {k: kb.grading.weights[k] for k in parts}
    score = round(100 * sum(parts[k] * w for k, w in used.items()) / sum(used.values()), 1)
    return {
        "challenge": ch.name,
        "score": score,
        "parts": {k: round(v, 3) for k, v in sorted(parts.items())},
        "missing_components": [
            {
                "kind": k.value,
                "reference": sorted(c.id for c in ch.reference.components if c.kind is k),
                "stand_in": substituted[k].value if k in substituted else None,
            }
            for k in missing
        ],
        "audit": audit_part,
        "capacity": cap_part,
        "study": study,
        "notes": list(ch.notes),
        "unavailable": sorted(set(kb.grading.weights) - set(parts)),
    }


def _missing_study(ch: Challenge, kb: InterviewKB, missing: list[Kind]) -> list[dict[str, str]]:
    """A topic to study for each kind the reference has and the answer lacks, naming the
    reference's components of that kind so the candidate can compare."""
    study: list[dict[str, str]] = []
    for kind in missing:
        topic = kb.kinds.get(kind)
        ids = sorted(c.id for c in ch.reference.components if c.kind is kind)
        study.append(
            {
                "topic": topic.study if topic else f"{kind.value} components",
                "why": (topic.why if topic else f"the reference has {kind.value}")
                + f" (reference: {', '.join(ids)})",
            }
        )
    return study


def _audit_part(
    audit: dict[str, Any] | None,
    kb: InterviewKB,
    parts: dict[str, float],
    study: list[dict[str, str]],
) -> dict[str, Any] | None:
    """The audit's score as a part, a study topic per category with high or critical
    findings, and the audit summary for the report; None when the audit is not installed."""
    if audit is None:
        return None
    counts = Counter(f["severity"] for f in audit["findings"])
    # The audit's own overall score (0-100), not a second penalty scale: one
    # definition of how good a design is by its findings (audit/grading.py).
    parts["audit"] = audit["score"] / 100
    worst_cats = Counter(
        f["category"]
        for f in audit["findings"]
        if f["severity"] in (Severity.HIGH.value, Severity.CRITICAL.value)
    )
    for cat, _n in sorted(worst_cats.items(), key=lambda x: (-x[1], x[0])):
        topic = kb.categories.get(cat)
        if topic:
            study.append({"topic": topic.study, "why": topic.why})
    return {
        "by_severity": dict(sorted(counts.items())),
        "grades": audit["grades"],
        "overall": audit["overall"],
        "top": [
            f"{f['rule_id']} {f['title']} ({', '.join(f['targets'])})"
            for f in sorted(audit["findings"], key=lambda f: -Severity(f["severity"]).rank)[:5]
        ],
    }


def _capacity_part(
    ch: Challenge,
    cap: dict[str, Any] | None,
    kb: InterviewKB,
    parts: dict[str, float],
    study: list[dict[str, str]],
) -> dict[str, Any] | None:
    """The capacity headroom at the challenge's stated peak as a part (capped at 1), with
    a study topic when the answer cannot carry the peak; None without an engine or a peak."""
    peak = ch.requirements.scale.peak_rps
    if cap is None or not peak or cap["max_rps"] is None:
        return None
    ratio = float(cap["max_rps"]) / float(peak)
    parts["capacity"] = min(1.0, ratio)
    if ratio < 1:
        study.append(
            {
                "topic": kb.capacity.study,
                "why": f"{kb.capacity.why}: {cap['max_rps']} of {peak} rps "
                f"(bottleneck {cap['bottleneck']})",
            }
        )
    return {
        "stated_peak_rps": peak,
        "max_rps": cap["max_rps"],
        "bottleneck": cap["bottleneck"],
        "headroom": round(ratio, 2),
    }
