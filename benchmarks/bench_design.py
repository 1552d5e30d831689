"""Design every reference spec end to end: requirements → architecture → both output texts.

Prints per-design medians over several rounds, after one warm-up round that loads the
catalog, patterns, specs and templates (paid once per process), split into the engine
(`design`), the design.md rendering, and the archwright.yaml text (archfile's
`dumps_architecture`), so a regression shows where it lives.

    .venv/bin/python benchmarks/bench_design.py
"""

from __future__ import annotations

import statistics
import time

from archwright.archfile import dumps_architecture
from archwright.generate import design
from archwright.generate.report import render
from archwright.kb.specs import load_specs

ROUNDS = 5


def main() -> None:
    start = time.perf_counter()
    specs = load_specs().specs
    for spec in specs:
        dumps_architecture(design(spec.requirements, name=spec.title).architecture)
    warm = (time.perf_counter() - start) * 1000
    parts: dict[str, list[float]] = {"engine": [], "design.md": [], "archwright.yaml": []}
    totals: list[float] = []
    for _ in range(ROUNDS):
        for spec in specs:
            t0 = time.perf_counter()
            result = design(spec.requirements, name=spec.title)
            t1 = time.perf_counter()
            render(result)
            t2 = time.perf_counter()
            dumps_architecture(result.architecture)
            t3 = time.perf_counter()
            parts["engine"].append((t1 - t0) * 1000)
            parts["design.md"].append((t2 - t1) * 1000)
            parts["archwright.yaml"].append((t3 - t2) * 1000)
            totals.append((t3 - t0) * 1000)
    print(f"specs: {len(specs)} x {ROUNDS} rounds (first round incl. loading data: {warm:.0f} ms)")
    for name, values in parts.items():
        print(f"median {name:<16} {statistics.median(values):6.1f} ms")
    print(f"median end to end      {statistics.median(totals):6.1f} ms")
    print(f"p90 end to end         {sorted(totals)[int(len(totals) * 0.9)]:6.1f} ms")
    t0 = time.perf_counter()
    for _ in range(ROUNDS):
        design("A chat app with photos and search, 5M DAU, team of 3, AWS, $20k/month")
    print(f"free-text design       {(time.perf_counter() - t0) * 1000 / ROUNDS:6.1f} ms")


if __name__ == "__main__":
    main()
