"""Benchmarks of the simulators (a plain script printing figures; no assertions).

    .venv/bin/python benchmarks/bench_simulate.py [--des-requests N]

Figures: analytic simulation of a generated 1,000-component model (target < 200 ms), a
single-failure sweep over all its components (< 2 s), the discrete-event reference for
1M requests (< 60 s).
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from typing import Any

from archwright.model import Architecture

KINDS = ["service", "service", "service", "worker", "cache", "sql_db", "nosql_db", "queue"]


def generated(n: int = 1000, seed: int = 7) -> Architecture:
    """A layered design: clients → gateways → services → ... → datastores, random fan-out."""
    rng = random.Random(seed)
    comps: list[dict[str, Any]] = [{"id": f"client-{i}", "kind": "client"} for i in range(4)]
    comps += [{"id": f"gw-{i}", "kind": "api_gateway", "replicas": 3} for i in range(8)]
    layers: list[list[str]] = [[c["id"] for c in comps[4:]]]
    per_layer = (n - len(comps)) // 8
    for layer in range(8):
        ids = []
        for j in range(per_layer if layer < 7 else n - len(comps)):
            kind = "service" if layer < 4 else rng.choice(KINDS)
            cid = f"l{layer}-{kind}-{j}"
            comp: dict[str, Any] = {
                "id": cid,
                "kind": kind,
                "replicas": rng.randint(2, 6),
                "zones": ["a", "b", "c"][: rng.randint(1, 3)],
            }
            if kind in ("service", "worker"):
                comp.update(
                    concurrency=rng.choice([16, 32, 64]), service_time_ms=rng.choice([2, 5, 10, 20])
                )
            comps.append(comp)
            ids.append(cid)
        layers.append(ids)
    conns = [{"source": f"client-{i}", "target": f"gw-{i % 8}"} for i in range(4)]
    conns += [{"source": f"client-{i}", "target": f"gw-{(i + 4) % 8}"} for i in range(4)]
    for upper, lower in itertools.pairwise(layers):
        for target in lower:
            conns.append(
                {
                    "source": rng.choice(upper),
                    "target": target,
                    "share": round(rng.uniform(0.05, 0.5), 3),
                    "protocol": rng.choice(["http", "grpc", "http", "amqp"]),
                    "timeout_ms": 500,
                    "retries": rng.choice([0, 1, 2]),
                    "circuit_breaker": rng.random() < 0.3,
                }
            )
    for i in range(4):
        comps[i]["share"] = 0.25
    return Architecture.model_validate(
        {"name": "generated", "components": comps, "connections": conns}
    )


def timed(label: str, fn: Any, repeat: int = 3) -> Any:
    """Best wall and CPU time of `repeat` runs (CPU time is what a loaded machine keeps)."""
    best = cpu = float("inf")
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    print(f"{label}: {best * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU (best of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--des-requests", type=int, default=1_000_000)
    args = parser.parse_args()
    from archwright.simulate.load import simulate

    arch = generated()
    print(f"model: {len(arch.components)} components, {len(arch.connections)} connections")
    simulate(arch, 1000.0)  # warm caches (catalog, defaults)
    result = timed("analytic simulate (1,000 components)", lambda: simulate(arch, 1000.0))
    print(f"  max_rps={result['max_rps']} bottleneck={result['bottleneck']}")
    try:
        from archwright.simulate.sweep import sweep

        ranked = timed("single-failure sweep (all components)", lambda: sweep(arch, 1000.0))
        print(f"  worst: {ranked[0]['component']} impact={ranked[0]['impact']}")
    except ImportError:
        print("sweep: not available")
    from archwright.simulate.des import DesConfig, run
    from archwright.simulate.flow import build

    chain = Architecture.model_validate(
        {
            "name": "chain",
            "components": [
                {"id": "client", "kind": "client"},
                {"id": "lb", "kind": "load_balancer", "replicas": 2},
                {
                    "id": "api",
                    "kind": "service",
                    "replicas": 4,
                    "concurrency": 16,
                    "service_time_ms": 10,
                },
                {
                    "id": "db",
                    "kind": "sql_db",
                    "replicas": 1,
                    "concurrency": 8,
                    "service_time_ms": 2,
                },
            ],
            "connections": [
                {"source": "client", "target": "lb"},
                {"source": "lb", "target": "api"},
                {"source": "api", "target": "db", "protocol": "sql"},
            ],
        }
    )
    net = build(chain)
    start, start_cpu = time.perf_counter(), time.process_time()
    stats = run(net, 3000.0, DesConfig(requests=args.des_requests, seed=1))
    took = time.perf_counter() - start
    took_cpu = time.process_time() - start_cpu
    e2e = stats.summary(stats.end_to_end["client"])
    from archwright.simulate.capacity import evaluate, journey_latency

    model = journey_latency(net, evaluate(net, 3000.0), ["client", "lb", "api", "db"])
    assert model is not None
    print(f"analytic, same chain: mean {model['mean']:.2f} ms, p99 {model['p99']:.2f} ms")
    print(
        f"DES {args.des_requests:,} requests (4-station chain): "
        f"{took:.1f} s wall, {took_cpu:.1f} s CPU "
        f"(mean {e2e['mean']:.2f} ms, p99 {e2e['p99']:.2f} ms)"
    )


if __name__ == "__main__":
    main()
