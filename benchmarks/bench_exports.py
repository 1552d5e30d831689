"""Time every export format on a generated 50-component model (target: under 1 s in total).

Run: .venv/bin/python benchmarks/bench_exports.py
Prints one line per format (best of 5 runs, milliseconds) and the total.
"""

from __future__ import annotations

import time

from archwright.exporters import registry
from archwright.model import Architecture, Column, Component, Connection, Endpoint, Entity, Kind

_LAYERS = [Kind.SERVICE, Kind.WORKER, Kind.SQL_DB, Kind.CACHE, Kind.QUEUE]


def generated_model(size: int = 50) -> Architecture:
    """A gateway, services in a call chain, each with a datastore, cache or queue."""
    comps = [Component(id="edge", kind=Kind.LOAD_BALANCER, public=True, technology="aws-alb")]
    conns = []
    for i in range(1, size):
        kind = _LAYERS[i % len(_LAYERS)]
        comp = Component(
            id=f"c{i:02d}",
            name=f"Component {i}",
            kind=kind,
            replicas=2,
            endpoints=[Endpoint(method="GET", path=f"/items/{{id}}/{i}")]
            if kind is Kind.SERVICE
            else [],
            entities=[
                Entity(
                    name=f"t{i}",
                    columns=[
                        Column(name="id", type="uuid", primary_key=True, nullable=False),
                        Column(name="body", type="jsonb"),
                    ],
                )
            ]
            if kind is Kind.SQL_DB
            else [],
        )
        comps.append(comp)
        source = "edge" if i == 1 else f"c{((i - 1) // len(_LAYERS)) * len(_LAYERS) + 1:02d}"
        if source != comp.id:
            conns.append(
                Connection(
                    source=source,
                    target=comp.id,
                    protocol="sql" if kind is Kind.SQL_DB else "https",
                )
            )
    return Architecture(name="bench", components=comps, connections=conns)


def main() -> None:
    arch = generated_model()
    total = cold_total = 0.0
    print(f"{'format':16} {'first':>9} {'best of 5':>11}")
    for fmt in registry.formats():
        start = time.perf_counter()
        module = registry.load(fmt)
        module.render(arch)  # first call: imports, catalog, templates (a CLI run pays this)
        cold = time.perf_counter() - start
        best = min(_timed(module.render, arch) for _ in range(5))
        total += best
        cold_total += cold
        print(f"{fmt:16} {cold * 1000:6.1f} ms {best * 1000:8.1f} ms")
    print(
        f"{'total':16} {cold_total * 1000:6.1f} ms {total * 1000:8.1f} ms"
        f"  ({len(arch.components)} components)"
    )


def _timed(fn: object, arch: Architecture) -> float:
    start = time.perf_counter()
    fn(arch)  # type: ignore[operator]
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
