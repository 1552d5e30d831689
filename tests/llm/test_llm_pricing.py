"""Integrity of the price list: known providers, sources, tiers that really get cheaper."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.llm import KINDS, Usage, load_settings
from archwright.llm.pricing import cheaper_model, cost_of, price_of, price_table


def test_every_entry_is_sourced_and_for_a_known_hosted_provider() -> None:
    for provider, prices in price_table().items():
        assert provider in KINDS and not KINDS[provider].local
        for price in prices:
            assert price.source.startswith("https://")
            assert price.input > 0 and price.output >= price.input


def test_cheaper_tiers_are_priced_cheaper_and_end() -> None:
    for provider, prices in price_table().items():
        for price in prices:
            seen = {price.prefix}
            current = price
            while current.cheaper is not None:
                nxt = price_of(provider, current.cheaper)
                assert nxt is not None, f"{provider}:{current.cheaper} is not priced"
                assert nxt.input < current.input and nxt.output < current.output
                assert nxt.prefix not in seen, "tiers loop"
                seen.add(nxt.prefix)
                current = nxt


def test_dated_model_names_match_their_family() -> None:
    price = price_of("anthropic", "claude-sonnet-4-20250514")
    assert price is not None and price.prefix == "claude-sonnet-4"
    assert price_of("openai", "gpt-4o-mini-2024-07-18") == price_of("openai", "gpt-4o-mini")
    assert price_of("ollama", "llama3") is None
    assert cost_of("openai", "gpt-4o", Usage(1_000_000, 1_000_000)) == pytest.approx(12.5)


def test_tiers_default_to_the_cheaper_model_of_the_price_list(tmp_path: Path) -> None:
    env = {"OPENAI_API_KEY": "k" * 20, "HOME": str(tmp_path)}
    settings = load_settings("openai:gpt-4o", env=env, cwd=tmp_path)
    assert settings is not None
    assert [str(t) for t in settings.tiers] == ["openai:gpt-4o", "openai:gpt-4o-mini"]
    assert cheaper_model("openai", "gpt-4o-mini") is None
