"""The estimate prices each shape of component once (`cost/estimate._Pass.price`): the
components of one kind and named technology, with the same priced fields and the same
use, share one line, basis and alternative. These tests hold it to pricing each
component on its own: the memo's key must name every component field the shape's
pricing reads, and switching the memo off must change no figure."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from archwright.archfile import load_architecture
from archwright.cost import estimate as estimate_function
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture
from recording import Recording

ROOT = Path(__file__).resolve().parents[2]
MODELS = [
    *sorted((ROOT / "examples").glob("*.yaml")),
    ROOT / "tests" / "audit" / "fixtures" / "classic_review.yaml",
]
# `price`'s key: the pair `_priced_of` shares per (kind, technology), the fields of
# `_line`'s key, and `tokens`, which is None for every memoised component.
SHAPED = {
    "kind",
    "technology",
    "tokens",
    "replicas",
    "read_replicas",
    "shards",
    "instance_size",
    "storage_gb",
}
module = importlib.import_module("archwright.cost.estimate")


class _Forgetful(dict[Any, Any]):
    """A memo that keeps nothing: every component is priced on its own."""

    def __setitem__(self, key: Any, value: Any) -> None:
        return None


def _repeated() -> Architecture:
    """Many components of a few shapes, and a few that differ in one priced field, a
    token model with figures of its own and a public sender (a volume in the key)."""
    comps: list[dict[str, Any]] = [
        {"id": "users", "kind": "client"},
        {"id": "gw", "kind": "api_gateway", "replicas": 2, "public": True, "zones": ["a", "b"]},
        {
            "id": "llm",
            "kind": "llm",
            "technology": "gpt-4o",
            "tokens": {"input": {"mean": 900}, "output": {"mean": 200}},
        },
    ]
    conns: list[dict[str, Any]] = [
        {"source": "users", "target": "gw"},
        {"source": "gw", "target": "llm", "calls": 0.1},
    ]
    for i in range(24):
        comps += [
            {"id": f"svc-{i}", "kind": "service", "replicas": 2 + i % 3, "zones": ["a", "b"]},
            {
                "id": f"db-{i}",
                "kind": "sql_db",
                "technology": "postgresql" if i % 2 else "PostgreSQL",
                "storage_gb": 100 if i % 4 else 500,
                "zones": ["a", "b"],
            },
        ]
        conns += [
            {"source": "gw", "target": f"svc-{i}"},
            {"source": f"svc-{i}", "target": f"db-{i}", "calls": 2},
        ]
    return Architecture.model_validate(
        {
            "name": "repeated-shapes",
            "requirements": {"scale": {"peak_rps": 800, "concurrent": 5000}},
            "components": comps,
            "connections": conns,
        }
    )


def _models() -> list[tuple[str, Architecture]]:
    return [(p.name, load_architecture(p)) for p in MODELS] + [("repeated", _repeated())]


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_a_shape_is_priced_from_the_fields_its_key_names(
    cloud: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = module._Pass._priced
    seen: set[str] = set()
    shaped = 0

    def recorded(self: Any, comp: Any, tech: Any, priced: Any, use: Any) -> Any:
        nonlocal shaped
        if comp.tokens is not None or use.tokens is not None:
            return original(self, comp, tech, priced, use)  # never memoised
        if priced.prices[self.cloud].per_million_input_tokens is not None:
            return original(self, comp, tech, priced, use)
        shaped += 1
        return original(self, Recording(comp, seen), tech, priced, use)

    monkeypatch.setattr(module._Pass, "_priced", recorded)
    for _, arch in _models():
        estimate_function(arch, load_catalog(), cloud)
    assert shaped > 0, "no component was priced through the memo"
    assert seen, "the recording proxy saw no read: the test no longer observes pricing"
    assert seen <= SHAPED, f"a shape's pricing reads {sorted(seen - SHAPED)}, not in its key"


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
def test_pricing_each_shape_once_changes_no_figure(
    cloud: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = load_catalog()
    remembered = {name: repr(estimate_function(arch, catalog, cloud)) for name, arch in _models()}
    shapes: list[int] = []
    original_init = module._Pass.__init__

    def forgetful(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self.shapes = _Forgetful()
        shapes.append(1)

    monkeypatch.setattr(module._Pass, "__init__", forgetful)
    for name, arch in _models():
        assert repr(estimate_function(arch, catalog, cloud)) == remembered[name], name
    assert len(shapes) == len(remembered)


def test_the_repeated_model_prices_few_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo is used: the 50 priced components of the repeated model are a handful of
    shapes (without this, the test above could pass with the memo never hit)."""
    priced: list[int] = []
    original = module._Pass._priced

    def counted(self: Any, comp: Any, tech: Any, priced_tech: Any, use: Any) -> Any:
        priced.append(1)
        return original(self, comp, tech, priced_tech, use)

    monkeypatch.setattr(module._Pass, "_priced", counted)
    result = estimate_function(_repeated(), load_catalog(), "aws")
    lines = sum(c.priced for c in result.components.values())
    assert lines == 50
    assert 0 < len(priced) <= 20
