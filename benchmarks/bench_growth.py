"""Growth curves of the input-driven costs issue 17 found super-linear.

- `import kubernetes`: N Deployment+Service pairs calling each other in a ring, one file
  (was 6 s / 19 s / 68 s at 1,000 / 2,000 / 4,000 pairs);
- `import repo`: N service folders with a Dockerfile and a requirements.txt (19.5 s at
  1,000);
- `availability` (exact and Monte Carlo) of a journey through a component with N replicas
  in three zones (allocated per replica before).

Plain script (no assertions): prints wall time and time per item for each size, so a
quadratic step shows as a growing per-item figure.
Run: .venv/bin/python benchmarks/bench_growth.py [--quick]
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archwright.archfile import parse_architecture
from archwright.importers import registry

DEPLOYMENT = """---
apiVersion: apps/v1
kind: Deployment
metadata: {{name: svc{i}}}
spec:
  replicas: 2
  selector: {{matchLabels: {{app: svc{i}}}}}
  template:
    metadata: {{labels: {{app: svc{i}}}}}
    spec:
      containers:
      - name: c
        image: example/svc{i}:1
        env:
        - {{name: NEXT_ADDR, value: "svc{j}:8080"}}
---
apiVersion: v1
kind: Service
metadata: {{name: svc{i}}}
spec:
  selector: {{app: svc{i}}}
  ports: [{{port: 8080}}]
"""

MODEL = """name: big
requirements: {{scale: {{peak_rps: 1000}}, slo: {{availability: 99.9}}}}
components:
  - {{id: web, kind: client}}
  - {{id: api, kind: service, replicas: {n}, zones: [a, b, c]}}
  - {{id: db, kind: sql_db, replicas: 3, zones: [a, b, c]}}
connections:
  - {{source: web, target: api}}
  - {{source: api, target: db}}
journeys:
  - {{name: j, steps: [web, api, db]}}
"""


def kubernetes_folder(root: Path, n: int) -> Path:
    folder = root / f"k8s-{n}"
    folder.mkdir()
    text = "".join(DEPLOYMENT.format(i=i, j=(i + 1) % n) for i in range(n))
    (folder / "all.yaml").write_text(text, encoding="utf-8")
    return folder


def repo_folder(root: Path, n: int) -> Path:
    folder = root / f"repo-{n}"
    for i in range(n):
        svc = folder / f"svc{i}"
        svc.mkdir(parents=True)
        (svc / "Dockerfile").write_text(
            f"FROM python:3.12\nEXPOSE 80\nENV NEXT_URL=http://svc{(i + 1) % n}:80\n",
            encoding="utf-8",
        )
        (svc / "requirements.txt").write_text("redis\nrequests\n", encoding="utf-8")
    return folder


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def curve(name: str, sizes: list[int], run: Callable[[int], float]) -> None:
    print(f"\n{name}")
    print(f"{'size':>10} {'seconds':>9} {'ms/item':>9}")
    for n in sizes:
        seconds = run(n)
        print(f"{n:>10,} {seconds:>9.2f} {1000 * seconds / n:>9.3f}", flush=True)


def main(quick: bool) -> None:
    from archwright.simulate import availability

    k8s_sizes = [10, 100, 1000] if quick else [10, 100, 1000, 2000, 4000]
    repo_sizes = [10, 100] if quick else [10, 100, 1000]
    replica_sizes = [10, 1000, 1_000_000]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        kubernetes = registry.load("kubernetes")
        repo = registry.load("repo")
        curve(
            "import kubernetes (Deployment+Service pairs)",
            k8s_sizes,
            lambda n: timed(lambda: kubernetes.parse(kubernetes_folder(root, n))),
        )
        curve(
            "import repo (service folders)",
            repo_sizes,
            lambda n: timed(lambda: repo.parse(repo_folder(root, n))),
        )

    def avail(n: int, method: str) -> float:
        arch = parse_architecture(MODEL.format(n=n), "bench")
        return timed(lambda: availability(arch, 1000.0, method=method, samples=200_000))

    curve("availability, exact (replicas)", replica_sizes, lambda n: avail(n, "auto"))
    curve("availability, Monte Carlo (replicas)", replica_sizes, lambda n: avail(n, "monte_carlo"))


if __name__ == "__main__":
    main("--quick" in sys.argv)
