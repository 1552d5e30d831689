"""The estimate prices a line once per set of inputs (`cost/estimate._line`): its memo key
names the component fields that pricing reads. A field read by `price_component` but
missing from the key would give one component another's price, so this test records
every component attribute the pricing reads, on every example and cloud, and fails when
one is not in the key."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from archwright.archfile import load_architecture
from archwright.cost import estimate as estimate_function
from archwright.kb.catalog import load_catalog
from recording import Recording

ROOT = Path(__file__).resolve().parents[2]
MODELS = [
    *sorted((ROOT / "examples").glob("*.yaml")),
    ROOT / "tests" / "audit" / "fixtures" / "classic_review.yaml",
]
# The component fields in `_line`'s key (besides the priced technology and the use).
KEYED = {"kind", "replicas", "read_replicas", "shards", "instance_size", "storage_gb"}


@pytest.mark.parametrize("cloud", ["aws", "gcp", "azure"])
@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_pricing_reads_only_the_fields_the_memo_key_names(
    path: Path, cloud: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `archwright.cost.estimate` as an attribute is the function; this is the module
    module = importlib.import_module("archwright.cost.estimate")
    original = module._priced_line
    seen: set[str] = set()
    memoised = 0

    def recorded(comp: Any, price: Any, use: Any, transfer: Any) -> Any:
        nonlocal memoised
        if use.tokens is not None or price.per_million_input_tokens is not None:
            return original(comp, price, use, transfer)  # never memoised
        memoised += 1
        return original(Recording(comp, seen), price, use, transfer)

    monkeypatch.setattr(module, "_priced_line", recorded)
    result = estimate_function(load_architecture(path), load_catalog(), cloud)
    assert memoised > 0 and result.monthly_total >= 0
    assert seen, "the recording proxy saw no read: the test no longer observes pricing"
    assert seen <= KEYED, f"pricing reads {sorted(seen - KEYED)}, not in `_line`'s key"
