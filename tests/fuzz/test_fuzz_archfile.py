"""Fuzzing the model loader: whatever the text, a model or the project's one-line errors.

Mutated example models are written as YAML and as JSON and read back; a model that loads
is then run through the analyses every command runs (simulate, availability, cost,
audit), since numbers that pass the loader must be safe to compute with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_strategies import FUZZ, mutated
from hypothesis import given
from hypothesis import strategies as st

from archwright.archfile import FileProblem, parse_architecture
from archwright.model import Architecture

ROOT = Path(__file__).resolve().parents[2]
SEEDS: list[Any] = [
    yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "examples").glob("*.yaml"))
]


def load(text: str, *, as_json: bool) -> Architecture | None:
    """The model, or None after a refusal whose every line is one line."""
    try:
        return parse_architecture(text, "fuzz", json_format=as_json)
    except FileProblem as exc:
        lines = exc.lines()
        assert lines and all("\n" not in line and line.startswith("fuzz") for line in lines)
        return None


def analyse(arch: Architecture) -> None:
    from archwright.audit import audit
    from archwright.cost import estimate
    from archwright.kb.catalog import load_catalog
    from archwright.simulate import availability, default_rps, simulate

    rps = default_rps(arch)
    simulate(arch, None, 1.0)
    availability(arch, rps)
    estimate(arch, load_catalog(), "aws")
    audit(arch)


def dump(doc: Any, as_json: bool) -> str:
    if as_json:
        return json.dumps(doc, default=str)
    return yaml.safe_dump(doc, allow_unicode=True)


@FUZZ
@given(
    doc=st.sampled_from(SEEDS).flatmap(lambda seed: mutated(seed)),
    as_json=st.booleans(),
)
def test_mutated_models_load_or_refuse(doc: Any, as_json: bool) -> None:
    try:
        text = dump(doc, as_json)
    except (ValueError, TypeError, yaml.YAMLError):  # not representable: nothing to read
        return
    arch = load(text, as_json=as_json)
    if arch is not None:
        analyse(arch)


@FUZZ
@given(text=st.text(max_size=400), as_json=st.booleans())
def test_arbitrary_text_loads_or_refuses(text: str, as_json: bool) -> None:
    load(text, as_json=as_json)


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_seeds_load(seed: int) -> None:
    """The seeds themselves are valid, so mutations start from a model that loads."""
    assert load(dump(SEEDS[seed], False), as_json=False) is not None
