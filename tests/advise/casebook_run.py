"""Every casebook case through `select`, `tradeoff` and `design`, as the CLI runs them.

A technology case is asked three ways: `select ROLE` must rank a right answer first,
`tradeoff` over every answer the case names must recommend a right one, and `design`
must pick a right one for each component of the role's kinds (not applicable when the
design has no such component). A pattern case is asked through `tradeoff` over its
family's options named by the case (`select` and `design` do not choose patterns).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from archwright.advise.run import run_tradeoff
from archwright.advise.select import select
from archwright.generate import design, model_roles
from archwright.kb import load_catalog
from archwright.kb.casebook import Case
from archwright.kb.scoring import role_of
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Component


@dataclass(frozen=True)
class Check:
    case: str
    family: str
    command: str
    got: str
    passed: bool


def select_check(case: Case) -> Check:
    assert case.role is not None
    result = select(case.role, case.requirements, load_catalog(), load_tradeoffs(), case.speaks)
    got = result["recommendation"]
    return Check(case.id, case.family, "select", got, got in case.right)


def tradeoff_check(case: Case) -> Check:
    result = run_tradeoff(case.options, case.requirements, None)
    got = result["recommendation"]
    return Check(case.id, case.family, "tradeoff", got, got in case.right)


def _designed(case: Case) -> tuple[str, ...]:
    """The technologies `design` picks for components of the case's role.

    A role qualified by a job (`ml_model:model-registry`, as `select` takes it) is the
    components the design gives that job (their tags); an unqualified role leaves those
    out, as the engine does (a registry beside a model endpoint is not a second serving
    choice: generate/model_roles.py)."""
    assert case.role is not None
    base, job = model_roles.parse(case.role)
    kinds = set(role_of(base).kinds)
    jobs = {j for tech in load_catalog().technologies for j in tech.serves}
    arch = design(case.requirements).architecture

    def fills(c: Component) -> bool:
        if c.kind not in kinds:
            return False
        return job.serves in c.tags if job.serves else not jobs & set(c.tags)

    return tuple(sorted({c.technology or "" for c in arch.components if fills(c)}))


def design_check(case: Case) -> Check | None:
    """None when the design has no component the case's role fills."""
    picked = _designed(case)
    if not picked:
        return None
    wrong = [p for p in picked if p not in case.right]
    return Check(case.id, case.family, "design", ",".join(picked), not wrong)


def checks(case: Case) -> list[Check]:
    if case.role is None:
        return [tradeoff_check(case)]
    out = [select_check(case), tradeoff_check(case)]
    designed = design_check(case)
    return out + ([designed] if designed else [])


def per_family(results: list[Check]) -> dict[str, tuple[int, int]]:
    """Family -> (passed, checks)."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        out[r.family][0] += int(r.passed)
        out[r.family][1] += 1
    return {f: (p, n) for f, (p, n) in sorted(out.items())}
