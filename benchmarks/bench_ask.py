"""Timings of `archwright ask` (a plain script: run it, read the figures).

.venv/bin/python benchmarks/bench_ask.py

Routing alone (rules, slots, the generator's number reading), then whole answers: a
read-only question, and an edit (which measures both models with five engines).
"""

from __future__ import annotations

import time
from pathlib import Path

from archwright.advise.ask import answer, route
from archwright.archfile import load_architecture
from archwright.kb import load_catalog

ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, fn: object, runs: int) -> None:
    assert callable(fn)
    fn()  # warm caches (rules, catalog, vocabulary)
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    per = (time.perf_counter() - start) / runs * 1000
    print(f"{label:55} {per:8.2f} ms per run ({runs} runs)")


def main() -> None:
    arch = load_architecture(ROOT / "examples" / "event_driven_orders.yaml")
    catalog = load_catalog()
    timed(
        "route: 'what if the payment provider is down?'",
        lambda: route("what if the payment provider is down?", arch, catalog),
        200,
    )
    timed(
        "route: an unroutable question (offer closest)",
        lambda: route("what's the capital of france", arch, catalog),
        200,
    )
    timed(
        "answer: 'can this take 10x?' (simulate + pushback)",
        lambda: answer("can this take 10x?", arch, catalog=catalog),
        20,
    )
    timed(
        "answer: 'kafka or rabbitmq?' (tradeoff + sensitivity)",
        lambda: answer("kafka or rabbitmq?", arch, catalog=catalog),
        20,
    )
    timed(
        "answer: 'add a read replica to orders-db' (edit + deltas)",
        lambda: answer("add a read replica to orders-db", arch, catalog=catalog),
        10,
    )


if __name__ == "__main__":
    main()
