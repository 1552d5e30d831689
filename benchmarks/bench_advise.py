"""Timings of the advise computations (a plain script: run it, read the figures).

.venv/bin/python benchmarks/bench_advise.py
"""

from __future__ import annotations

import time

from archwright.advise.run import run_tradeoff
from archwright.advise.select import select
from archwright.kb import load_catalog
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements


def timed(label: str, fn: object, runs: int) -> None:
    assert callable(fn)
    fn()  # warm caches (catalog and knowledge load once per process)
    start = time.perf_counter()
    for _ in range(runs):
        fn()
    per = (time.perf_counter() - start) / runs * 1000
    print(f"{label:55} {per:8.2f} ms per run ({runs} runs)")


def main() -> None:
    start = time.perf_counter()
    load_tradeoffs()
    catalog = load_catalog()
    print(
        f"{'load trade-off knowledge + catalog (cold)':55} "
        f"{(time.perf_counter() - start) * 1000:8.2f} ms"
    )
    spec = Requirements.model_validate(
        {"tenants": 100, "compliance": ["HIPAA"], "team": {"size": 8}}
    )
    tenancy = ["shared-schema", "schema-per-tenant", "database-per-tenant"]
    timed(
        "tradeoff: 3 tenancy models + 12 sensitivity probes",
        lambda: run_tradeoff(tenancy, spec, None),
        200,
    )
    need = Requirements.model_validate(
        {
            "scale": {"events_per_second": 1000},
            "needs": {"ordering": "per-key", "delivery": "at-least-once"},
            "team": {"size": 5, "experience": ["rabbitmq"]},
            "constraints": {"cloud": "aws", "managed_preferred": True},
        }
    )
    kb = load_tradeoffs()
    timed(
        "select messaging: 19 candidates, at 10x, 16 flips",
        lambda: select("messaging", need, catalog, kb),
        50,
    )


if __name__ == "__main__":
    main()
