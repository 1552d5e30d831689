"""Import speed: the largest corpus fixture, a generated 2,000-service compose file, and
growth curves with fitted exponents.

Plain script (no assertions): prints wall time and peak traced memory per case.
Run: .venv/bin/python benchmarks/bench_import.py

`--growth` instead times the imports (kubernetes Deployment+Service pairs, repo Dockerfile
folders, compose services) and `export --to scaffold` at sizes from 10 to 10,000 and fits
the exponent b of time = a * n^b by least squares over the sizes from 100 up: 1 is linear,
2 quadratic. CPU time is reported beside wall time, because on a shared machine the wall
clock mostly measures the neighbours.

    .venv/bin/python benchmarks/bench_import.py --growth [--max 10000] [--only kubernetes]
    .venv/bin/python benchmarks/bench_import.py --growth --only scaffold --sizes 1000,5000
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archwright.importers import registry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_exports import generated_model
from bench_growth import kubernetes_folder, repo_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "importers" / "fixtures"


def largest_fixture() -> tuple[str, Path]:
    """(format, folder) of the fixture with the most bytes of input."""
    import yaml

    best: tuple[int, str, Path] | None = None
    for folder in sorted(FIXTURES.iterdir()):
        expected = folder / "expected.yaml"
        if not expected.is_file():
            continue
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        fmt = yaml.safe_load(expected.read_text())["format"]
        if best is None or size > best[0]:
            best = (size, fmt, folder)
    assert best is not None
    return best[1], best[2]


def generated_compose(folder: Path, services: int = 2000, seed: int = 7) -> Path:
    """`services` app services, each calling 3 others by URL env, plus 100 datastores."""
    rng = random.Random(seed)
    lines = ["services:"]
    stores = [f"db-{i}" for i in range(100)]
    for store in stores:
        image = rng.choice(["postgres:16", "redis:7", "mongo:7", "rabbitmq:3"])
        lines += [f"  {store}:", f"    image: {image}"]
    for i in range(services):
        lines += [f"  svc-{i}:", f"    image: example/svc-{i}:1.0", "    environment:"]
        for j in rng.sample(range(services), 3):
            if j != i:
                lines.append(f"      SVC_{j}_URL: http://svc-{j}:8080/api")
        lines.append(f"      DB_HOST: {rng.choice(stores)}")
        lines += ["    depends_on:", f"      - {rng.choice(stores)}"]
    path = folder / "compose.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def measure(label: str, run: Callable[[], object], repeat: int = 3) -> None:
    """Best wall time of `repeat` untraced runs, then one run under tracemalloc for memory."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    elapsed = min(times)
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    arch = getattr(result, "architecture", None)
    comps = len(arch.components) if arch else 0
    conns = len(arch.connections) if arch else 0
    print(
        f"{label:<58} {elapsed * 1000:9.1f} ms  peak {peak / 1e6:7.1f} MB  "
        f"{comps} components, {conns} connections"
    )


def hostile_sources() -> None:
    """ORM readers and the code scanner on ~500 KB inputs built to make regexes backtrack."""
    from archwright.importers._code import addresses_in_code
    from archwright.importers._orm_schema import read_jpa, read_prisma, read_typeorm

    cases: list[tuple[str, Callable[[], object]]] = [
        ("jpa: 60,000 @Entity with no class", lambda: read_jpa("@Entity " * 60000, FILE, "x")),
        (
            "jpa: 850 unterminated 600-char fields",
            lambda: read_jpa(
                "@Entity\nclass X {\n" + ("private " + "a " * 290 + ";\n") * 850, FILE, "x"
            ),
        ),
        (
            "typeorm: 20,000 open @Entity({",
            lambda: read_typeorm("@Entity({ name: 'x' " * 20000, FILE, "x"),
        ),
        ("prisma: 40,000 unclosed models", lambda: read_prisma("model X {\n" * 40000, FILE, "x")),
        (
            "code: 512 KiB (the per-file cap) of one-letter literals",
            lambda: addresses_in_code(("'a'," * 247 + "\n") * 530),
        ),
    ]
    for label, run in cases:
        measure(label, run, 1)


FILE = Path("src/x/Y.java")


def main() -> None:
    fmt, folder = largest_fixture()
    module = registry.load(fmt)
    module.parse(folder)  # warm imports and data tables
    measure(f"{fmt} {folder.name} (largest corpus entry)", lambda: module.parse(folder), 5)
    with tempfile.TemporaryDirectory() as tmp:
        path = generated_compose(Path(tmp))
        size = path.stat().st_size / 1e6
        compose = registry.load("compose")
        measure(
            f"compose generated 2,000 services ({size:.1f} MB)", lambda: compose.parse(Path(tmp)), 2
        )
    repo = registry.load("repo")
    measure("repo django-shop (ORM models, brokers)", lambda: repo.parse(FIXTURES / "django-shop"))
    terraform = registry.load("terraform")
    tf = FIXTURES / "terraform-aws-webapp"
    measure("terraform aws-webapp (HCL in a limited child process)", lambda: terraform.parse(tf))
    hostile_sources()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"python {sys.version.split()[0]}, load average {load} (best of runs shown)")


@dataclass(frozen=True)
class Point:
    size: int
    wall: float
    cpu: float


def fitted_exponent(points: list[Point], smallest: int = 100) -> float | None:
    """Least-squares slope of log(cpu) against log(size) over sizes >= `smallest` (below
    that the fixed cost of a run hides the growth)."""
    used = [(math.log(p.size), math.log(p.cpu)) for p in points if p.size >= smallest and p.cpu > 0]
    if len(used) < 2:
        return None
    mx = sum(x for x, _ in used) / len(used)
    my = sum(y for _, y in used) / len(used)
    sxx = sum((x - mx) ** 2 for x, _ in used)
    return sum((x - mx) * (y - my) for x, y in used) / sxx if sxx else None


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the HCL parser is one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    work()
    return time.perf_counter() - wall, _cpu() - cpu


def _compose_folder(root: Path, n: int) -> Path:
    folder = root / f"compose-{n}"
    folder.mkdir()
    generated_compose(folder, services=n)
    return folder


def _import_case(fmt: str, make: Callable[[Path, int], Path]) -> Callable[[Path, int], Point]:
    module = registry.load(fmt)

    def run(root: Path, n: int) -> Point:
        folder = make(root, n)
        wall, cpu = _timed(lambda: module.parse(folder))
        return Point(n, wall, cpu)

    return run


def _scaffold_case(root: Path, n: int) -> Point:
    from archwright.exporters import registry as exporters

    arch = generated_model(n)
    wall, cpu = _timed(lambda: exporters.load("scaffold").render(arch))
    return Point(n, wall, cpu)


GROWTH: dict[str, tuple[str, Callable[[Path, int], Point]]] = {
    "kubernetes": (
        "import kubernetes (Deployment+Service pairs)",
        _import_case("kubernetes", kubernetes_folder),
    ),
    "repo": ("import repo (Dockerfile folders)", _import_case("repo", repo_folder)),
    "compose": (
        "import compose (services, + 100 datastores)",
        _import_case("compose", _compose_folder),
    ),
    "scaffold": ("export --to scaffold (components)", _scaffold_case),
}
SIZES = [10, 100, 1000, 2000, 5000, 10000]


def growth(only: list[str], sizes: list[int]) -> None:
    _scaffold_case(Path("."), 10)  # warm imports, templates and data tables
    for key, (label, run) in GROWTH.items():
        if only and key not in only:
            continue
        print(f"\n{label}\n{'size':>8} {'wall s':>8} {'cpu s':>8} {'cpu ms/item':>12}")
        points: list[Point] = []
        for n in sizes:
            with tempfile.TemporaryDirectory() as tmp:
                point = run(Path(tmp), n)
            points.append(point)
            print(
                f"{n:>8,} {point.wall:>8.2f} {point.cpu:>8.2f} {1000 * point.cpu / n:>12.3f}",
                flush=True,
            )
        exponent = fitted_exponent(points)
        print(f"fitted exponent (cpu, sizes >= 100): {exponent:.2f}" if exponent else "")
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"python {sys.version.split()[0]}, load average {load}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--growth", action="store_true", help="growth curves, 10 to --max")
    parser.add_argument("--max", type=int, default=10_000, help="largest size of a curve")
    parser.add_argument("--sizes", help="comma-separated sizes instead of 10 ... --max")
    parser.add_argument("--only", action="append", default=[], choices=sorted(GROWTH))
    args = parser.parse_args()
    if args.growth:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else SIZES
        growth(args.only, [n for n in sizes if n <= args.max])
    else:
        main()
