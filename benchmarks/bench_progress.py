"""What the engines' progress callback costs: the DES and the Monte Carlo sweep with no
callback, and with one (a no-op, and the web's kind: a few list appends), interleaved
round by round so the machine's load falls on all alike; CPU time, medians.

    .venv/bin/python benchmarks/bench_progress.py [--requests 200000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--samples", type=int, default=2_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from archwright.archfile import load_architecture
    from archwright.simulate import DesConfig, build, run
    from archwright.simulate.availability import availability

    arch = load_architecture(ROOT / "examples" / "three_tier.yaml")
    net = build(arch)
    config = DesConfig(requests=args.requests, seed=1)
    heard: list[float] = []

    def noop(fraction: float, /) -> None:
        pass

    cases: dict[str, Callable[[], object]] = {
        "DES, no callback": lambda: run(net, 500.0, config),
        "DES, no-op callback": lambda: run(net, 500.0, config, noop),
        "DES, recording callback": lambda: run(net, 500.0, config, heard.append),
        "Monte Carlo, no callback": lambda: availability(
            arch, 100.0, method="monte_carlo", samples=args.samples
        ),
        "Monte Carlo, recording callback": lambda: availability(
            arch, 100.0, method="monte_carlo", samples=args.samples, progress=heard.append
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.rounds):
        for name, work in cases.items():
            times[name].append(_cpu(work))
    base = {"DES": statistics.median(times["DES, no callback"])}
    base["Monte Carlo"] = statistics.median(times["Monte Carlo, no callback"])
    print(
        f"{args.requests:,} DES requests, {args.samples:,} Monte Carlo samples, "
        f"{args.rounds} rounds"
    )
    for name, values in times.items():
        engine = name.split(",")[0]
        median = statistics.median(values)
        print(
            f"  {name:34} median {median:7.3f} s CPU  ({median / base[engine]:.3f} of none)"
            f"  min {min(values):.3f}"
        )


if __name__ == "__main__":
    main()
