"""A journey whose simulated P99 misses the SLO is named in design.md with the figure
`simulate` itself gives for the written design (issue 12, Build 4)."""

from __future__ import annotations

import pytest

from archwright.generate import design
from archwright.generate.report import render
from archwright.kb.specs import load_specs
from archwright.simulate import simulate


@pytest.mark.parametrize("name", ["payment-system", "code-assistant"])
def test_a_missed_p99_is_a_conflict_with_the_simulated_figure(name: str) -> None:
    spec = next(s for s in load_specs().specs if s.name == name)
    result = design(spec.requirements, name=spec.title)
    arch = result.architecture
    target = arch.requirements.slo.p99_latency_ms
    assert target is not None
    sim = simulate(arch)  # at the recorded peak, as `archwright simulate` runs it
    missed = {
        jname: j["latency_ms"]["p99"]
        for jname, j in sim["journeys"].items()
        if j["latency_ms"].get("p99") is not None and j["latency_ms"]["p99"] > target
    }
    assert missed, f"{name} was expected to miss its {target} ms P99 (provider latency)"
    markdown = render(result)
    titles = {c.title: c.detail for c in result.conflicts}
    for jname, p99 in missed.items():
        title = f"Journey '{jname}' misses the P99 target"
        assert title in titles and title in markdown
        assert f"its P99 is {p99:,.0f} ms against a target of {target:,.0f} ms" in titles[title]
