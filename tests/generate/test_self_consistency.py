"""Every reference spec and every example, designed by the engine, survives the engine's
own simulator, cost engine, audit, exporters and conform (issue 12, Build 4).

One design per spec and per example (from the example's requirements), each checked
once for every point; one test per point lists every design that breaks it. Importing
Terraform costs seconds per design (python-hcl2), so by default the Terraform round trip
runs on the examples and every seventh spec; ARCHWRIGHT_CONSISTENCY_FULL=1 runs it on all.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from design_checks import EXPORTS, PENDING, POINTS, Checked, check_design

from archwright.archfile import load_architecture
from archwright.generate import design
from archwright.kb.specs import load_specs

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


FULL = os.environ.get("ARCHWRIGHT_CONSISTENCY_FULL") == "1"
TERRAFORM_EVERY = 7


def _formats(position: int) -> tuple[str, ...]:
    if FULL or position % TERRAFORM_EVERY == 0:
        return EXPORTS
    return tuple(f for f in EXPORTS if f != "terraform")


@cache
def checked() -> tuple[Checked, ...]:
    out = []
    for i, spec in enumerate(load_specs().specs):
        result = design(spec.requirements, name=spec.title)
        out.append(check_design(f"spec:{spec.name}", result, exports=_formats(i)))
    for path in EXAMPLES:
        example = load_architecture(path)
        result = design(example.requirements, name=example.name)
        out.append(check_design(f"example:{path.stem}", result))
    return tuple(out)


@pytest.mark.parametrize(
    "point",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=PENDING[p]))
        if p in PENDING
        else p
        for p in POINTS
    ],
)
def test_every_design_holds(point: str) -> None:
    problems = [p for c in checked() for p in c.problems.get(point, [])]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


def test_every_spec_and_example_was_checked() -> None:
    names = {c.name for c in checked()}
    assert {f"spec:{s.name}" for s in load_specs().specs} <= names
    assert {f"example:{p.stem}" for p in EXAMPLES} <= names
    assert len(EXAMPLES) >= 3
