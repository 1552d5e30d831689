"""Per-token prices of hosted models, read from `data/prices.yaml` (dated, with sources)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from archwright.llm.request import Usage
from archwright.package_data import parsed_yaml


@dataclass(frozen=True)
class ModelPrice:
    """USD per million input and output tokens; `cheaper` is the next tier down."""

    prefix: str
    input: float
    output: float
    cheaper: str | None
    source: str

    def cost(self, usage: Usage) -> float:
        return (usage.input_tokens * self.input + usage.output_tokens * self.output) / 1e6


@cache
def price_table() -> dict[str, tuple[ModelPrice, ...]]:
    """provider → its priced models, longest prefix first (so the most specific matches)."""
    data = parsed_yaml("archwright.llm", "data", "prices.yaml")
    table: dict[str, tuple[ModelPrice, ...]] = {}
    for provider, entry in data["providers"].items():
        prices = [
            ModelPrice(
                prefix=name,
                input=float(p["input"]),
                output=float(p["output"]),
                cheaper=p.get("cheaper"),
                source=str(entry["source"]),
            )
            for name, p in entry["models"].items()
        ]
        table[provider] = tuple(sorted(prices, key=lambda p: (-len(p.prefix), p.prefix)))
    return table


def price_of(provider: str, model: str) -> ModelPrice | None:
    """The price of this model, or None when it is local or not listed (counted as free)."""
    for price in price_table().get(provider, ()):
        if model == price.prefix or model.startswith(price.prefix + "-"):
            return price
    return None


def cost_of(provider: str, model: str, usage: Usage) -> float:
    price = price_of(provider, model)
    return 0.0 if price is None else price.cost(usage)


def cheaper_model(provider: str, model: str) -> str | None:
    price = price_of(provider, model)
    return None if price is None else price.cheaper
