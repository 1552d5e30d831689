"""Benchmark (issue 2): load, validate and export to Mermaid a large generated model,
and time CLI start-up.

Run: .venv/bin/python benchmarks/bench_model.py [--repeat N]

The model has 1,000 components and 3,000 distinct connections, generated from a fixed
seed, with 20 boundaries (10 nested), so every run measures the same input. Figures are
medians over the repeats. Targets: load + validate + Mermaid export under 1 s together;
`archwright --help` under 0.3 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archwright.archfile import dump_yaml, loads_yaml, parse_architecture
from archwright.exporters import mermaid
from archwright.model import Architecture, Kind
from archwright.model.problems import check

SEED = 20261123
COMPONENTS = 1_000
CONNECTIONS = 3_000
PROTOCOLS = ["https", "http", "grpc", "sql", "redis", "kafka", "amqp", "s3"]


def generate(seed: int = SEED) -> str:
    """YAML text of a deterministic 1,000-component / 3,000-connection architecture."""
    rng = random.Random(seed)
    kinds = [k.value for k in Kind]
    components = [
        {
            "id": f"c{i:04d}",
            "name": f"Component {i}",
            "kind": kinds[i % len(kinds)],
            "replicas": rng.randint(1, 4),
        }
        for i in range(COMPONENTS)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < CONNECTIONS:
        a, b = rng.randrange(COMPONENTS), rng.randrange(COMPONENTS)
        if a != b:
            pairs.add((a, b))
    connections = [
        {"source": f"c{a:04d}", "target": f"c{b:04d}", "protocol": rng.choice(PROTOCOLS)}
        for a, b in sorted(pairs)
    ]
    boundaries: list[dict[str, Any]] = []
    for z in range(20):
        members = [f"c{i:04d}" for i in range(z * 50, z * 50 + 50)]
        boundary: dict[str, Any] = {"id": f"zone{z}", "name": f"Zone {z}", "members": members}
        if z % 2:
            boundary["parent"] = f"zone{z - 1}"
            boundary["members"] = members[:25]
        boundaries.append(boundary)
    data = {
        "schema_version": "1",
        "name": "Generated benchmark model",
        "components": components,
        "connections": connections,
        "boundaries": boundaries,
    }
    return dump_yaml(data)


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup_seconds(repeat: int) -> float:
    exe = Path(sys.executable).with_name("archwright")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "archwright"]
    return median_seconds(
        lambda: subprocess.run([*cmd, "--help"], capture_output=True, check=True), repeat
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Runs per figure (median).")
    parser.add_argument("--startup-repeat", type=int, default=10)
    args = parser.parse_args()

    text = generate()
    arch = Architecture.model_validate(loads_yaml(text))
    assert len(arch.components) == COMPONENTS and len(arch.connections) == CONNECTIONS
    assert check(arch) == [], "the generated model must be valid"

    load = median_seconds(lambda: Architecture.model_validate(loads_yaml(text)), args.repeat)
    validate = median_seconds(lambda: check(arch), args.repeat)
    export = median_seconds(lambda: mermaid.render(arch), args.repeat)
    full = median_seconds(lambda: parse_architecture(text), args.repeat)
    startup = startup_seconds(args.startup_repeat)

    size_kb = len(text.encode("utf-8")) / 1024
    print(f"model: {COMPONENTS} components, {CONNECTIONS} connections, {size_kb:.0f} KiB YAML")
    print(f"load (YAML text -> Architecture)    {load * 1000:8.1f} ms  (median of {args.repeat})")
    print(f"validate (check)                    {validate * 1000:8.1f} ms")
    print(f"export Mermaid                      {export * 1000:8.1f} ms")
    total = load + validate + export
    verdict = "OK" if total < 1.0 else "OVER"
    print(f"total load+validate+export          {total * 1000:8.1f} ms  target < 1 s: {verdict}")
    print(f"parse_architecture (load+check)     {full * 1000:8.1f} ms")
    verdict = "OK" if startup < 0.3 else "OVER"
    print(
        f"archwright --help start-up          {startup * 1000:8.1f} ms  "
        f"(median of {args.startup_repeat}) target < 300 ms: {verdict}"
    )


if __name__ == "__main__":
    main()
