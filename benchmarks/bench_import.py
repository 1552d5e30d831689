"""Import speed: the largest corpus fixture, and a generated 2,000-service compose file.

Plain script (no assertions): prints wall time and peak traced memory per case.
Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from archwright.importers import registry

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


if __name__ == "__main__":
    main()
