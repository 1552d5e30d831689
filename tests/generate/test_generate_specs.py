"""The reference spec library: enough specs, each valid, each usable as a starting point."""

from __future__ import annotations

import pytest

from archwright.archfile import dumps_architecture, parse_architecture
from archwright.generate import design
from archwright.kb.specs import Spec, SpecProblem, load_specs, parse_spec
from archwright.model import check

SPECS = load_specs().specs
REQUIRED = {
    "url-shortener",
    "chat",
    "social-feed",
    "ride-sharing",
    "video-streaming",
    "file-sync",
    "ticketing",
    "payment-system",
    "notification-system",
    "typeahead",
    "web-crawler",
    "llm-api-pipeline",
    "rag-assistant",
    "recommendation-system",
}


def test_library_has_forty_specs_including_the_classics() -> None:
    assert len(SPECS) >= 40
    assert {s.name for s in SPECS} >= REQUIRED


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_reference_architecture_validates_and_round_trips(spec: Spec) -> None:
    arch = spec.architecture
    assert check(arch) == []
    assert arch.requirements == spec.requirements
    text = dumps_architecture(arch)
    assert parse_architecture(text, spec.name) == arch
    assert any(c.kind.value == "client" for c in arch.components)
    ids = {c.id for c in arch.components}
    connected = {c.source for c in arch.connections} | {c.target for c in arch.connections}
    # A standby model is wired as the fallback of a call, not as a call of its own.
    connected |= {c.fallback for c in arch.connections if c.fallback in ids}
    assert ids == connected, f"components with no connection: {sorted(ids - connected)}"


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_designing_from_the_spec_uses_its_features(spec: Spec) -> None:
    result = design(spec.requirements, name=spec.title)
    assert check(result.architecture) == []
    asked = [p.id for p in result.patterns if p.why == "asked for in the requirements"]
    assert asked, f"{spec.name}: no pattern matched its features"
    assert not any(n.startswith("feature ") for n in result.not_understood)


def test_bad_link_names_the_file() -> None:
    raw = {
        "name": "x",
        "title": "X",
        "category": "c",
        "summary": "s",
        "requirements": {},
        "architecture": {"components": [{"id": "a", "kind": "client"}], "links": ["a -> b"]},
    }
    with pytest.raises(SpecProblem, match=r"x\.yaml: .*no component 'b'"):
        parse_spec(raw, "x.yaml")


def test_every_spec_technology_resolves_in_the_catalog_with_a_matching_kind() -> None:
    from archwright.kb.catalog import load_catalog

    catalog = load_catalog()
    wrong = []
    for spec in SPECS:
        for comp in spec.architecture.components:
            if comp.technology:
                tech = catalog.find(comp.technology)
                if tech is None or comp.kind not in (tech.kind, *tech.also):
                    wrong.append(f"{spec.name}/{comp.id}: {comp.technology}")
    assert wrong == []
