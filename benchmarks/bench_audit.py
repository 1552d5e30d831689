"""Audit and cost speed: every rule on a 50-component model and a generated 10,000-component
one, and the cost estimate on the 50-component model.

Run: .venv/bin/python benchmarks/bench_audit.py  (prints medians; targets 20 ms and 2 s)
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from archwright.audit import all_rules, audit
from archwright.cost import estimate
from archwright.kb.catalog import Catalog, load_catalog
from archwright.model import Architecture


def generated(total: int, *, clients: int = 2) -> Architecture:
    """A layered system of exactly `total` components: clients -> gateway -> services in
    tiers of four, each with a database, every fifth with a cache, every tenth publishing
    to a queue a worker consumes; log shippers fill the count up to `total`."""
    services = int((total - clients - 1) / 2.4)
    comps: list[dict[str, Any]] = [{"id": f"client-{i}", "kind": "client"} for i in range(clients)]
    conns: list[dict[str, Any]] = []
    comps.append({"id": "gw", "kind": "api_gateway", "replicas": 2, "public": True})
    conns += [{"source": f"client-{i}", "target": "gw", "auth": "jwt"} for i in range(clients)]
    for i in range(services):
        sid = f"svc-{i}"
        comps.append(
            {
                "id": sid,
                "kind": "service",
                "replicas": 2 + i % 3,
                "concurrency": 32,
                "service_time_ms": 5 + i % 20,
                "zones": ["a", "b"],
                "observability": {"metrics": True, "logs": i % 2 == 0, "traces": i % 3 == 0},
                "data_classes": ["pii"] if i % 7 == 0 else [],
            }
        )
        caller = "gw" if i < 4 else f"svc-{(i - 4) // 4}"
        conns.append(
            {
                "source": caller,
                "target": sid,
                "protocol": "grpc",
                "timeout_ms": 500,
                "retries": i % 2,
                "circuit_breaker": i % 3 == 0,
            }
        )
        comps.append(
            {
                "id": f"db-{i}",
                "kind": "sql_db",
                "technology": "postgresql",
                "replicas": 1 + i % 2,
                "storage_gb": 50,
                "encryption_at_rest": i % 2 == 0,
            }
        )
        conns.append({"source": sid, "target": f"db-{i}", "protocol": "sql", "auth": "password"})
        if i % 5 == 0:
            comps.append({"id": f"cache-{i}", "kind": "cache", "ttl_seconds": 60})
            conns.append({"source": sid, "target": f"cache-{i}", "protocol": "redis"})
        if i % 10 == 0:
            comps += [{"id": f"q-{i}", "kind": "queue"}, {"id": f"worker-{i}", "kind": "worker"}]
            conns += [
                {"source": sid, "target": f"q-{i}", "protocol": "sqs"},
                {"source": f"q-{i}", "target": f"worker-{i}", "protocol": "sqs"},
            ]
    for i in range(total - len(comps)):
        comps.append({"id": f"logs-{i}", "kind": "logging"})
        conns.append({"source": f"svc-{i % services}", "target": f"logs-{i}", "mode": "async"})
    return Architecture.model_validate(
        {
            "name": f"generated-{total}",
            "requirements": {
                "scale": {"peak_rps": 2000, "read_write_ratio": 10},
                "slo": {"availability": 99.9, "p99_latency_ms": 300, "rpo_minutes": 15},
                "compliance": ["GDPR", "SOC2"],
                "budget": {"monthly_usd": 50000},
            },
            "components": comps,
            "connections": conns,
        }
    )


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time shows the cost on a busy machine)."""
    fn()  # warm caches (rule registry, catalog)
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def _audit_runner(arch: Architecture, catalog: Catalog) -> Callable[[], object]:
    return lambda: audit(arch, catalog=catalog)


def main() -> None:
    catalog = load_catalog()
    rules = len(all_rules())
    small = generated(50)
    large = generated(10_000)
    for arch, runs in ((small, 50), (large, 5)):
        wall, cpu = median_ms(_audit_runner(arch, catalog), runs)
        findings = len(audit(arch, catalog=catalog).findings)
        print(
            f"audit  {rules} rules  {len(arch.components):>6} components  "
            f"median {wall:8.1f} ms wall {cpu:8.1f} ms cpu  ({findings} findings)"
        )
    wall, cpu = median_ms(lambda: estimate(small, catalog, "aws"), 50)
    print(
        f"cost   aws             {len(small.components):>6} components  "
        f"median {wall:8.2f} ms wall {cpu:8.2f} ms cpu"
    )


if __name__ == "__main__":
    main()
