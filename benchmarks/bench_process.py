"""Whole-process speed (issue 16): what a user waits for when they run the CLI.

Three tables, measured in one run so their ratios are comparable on a loaded machine:

1. every model command on a 50-component model, median of 5 processes (target < 0.3 s),
   the commands taking turns round by round;
2. growth curves at 10, 100, 1,000 and 10,000 components for validate, audit, cost,
   simulate, chaos, availability, sweep and every export, with the growth exponent
   fitted between the two largest sizes after removing the start-up (the 10-component
   time): 1 is linear, 2 quadratic; n log n fits as about 1.1 over a decade; at the
   largest size each cell is the median of 3 runs (`--largest-repeat`);
3. Online Boutique's real manifests: `import kubernetes` + `audit` (two processes) and
   `audit --from kubernetes` (one process, what a checkov user runs), against checkov
   on the same file (`.tools/checkov` as `.ci/run` installs it, else `--checkov PATH`);
4. a deliberately misconfigured AWS application in Terraform written for this benchmark
   (`benchmarks/fixtures/misconfigured-aws`): the same two ways against `checkov -d` on
   the folder, with what each found.

Child processes run without PYTHONDONTWRITEBYTECODE, so they use compiled bytecode as an
installed package does (a session that sets it would otherwise time the compiler), and
checkov runs with `--skip-download` and BC_SKIP_MAPPING=TRUE: this machine has no network,
and its attempts to fetch guidelines would be timed otherwise.

The scaffold's row (`--formats scaffold`) is followed by the same tree written by a bare
loop (os.mkdir, os.open/os.write/os.close, same folders and file sizes) just before and
just after each export in the same folder, with user, system and wall seconds of each:
the loops are the file system's floor at that moment (on this machine's ext4 without a
journal it swings with what was deleted in the minutes before), the difference is the
export's own cost.
Outputs go to the system's temporary folder (here /tmp, on disk); `--tmp /dev/shm`
measures on tmpfs. Each table says which file system its outputs were on.

Each process also gets its CPU time (user + system of the child), which a loaded
machine inflates far less than wall time. `--callgrind` adds instruction counts of the
50-component commands under valgrind, which do not depend on load at all.

Run: .venv/bin/python benchmarks/bench_process.py [--sizes 10,100,1000,10000]
     [--formats terraform,kubernetes,...] [--skip-growth] [--callgrind] [--checkov PATH]
     [--tmp DIR]
Plain script: prints tables, asserts nothing, never runs in the test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_audit import generated

from archwright.archfile import dumps_architecture
from archwright.exporters.registry import formats

ROOT = Path(__file__).resolve().parent.parent
BOUTIQUE = (
    ROOT / "tests" / "importers" / "fixtures" / "online-boutique" / "kubernetes-manifests.yaml"
)
MISCONFIGURED = ROOT / "benchmarks" / "fixtures" / "misconfigured-aws"
PYTHON = sys.executable
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHECKOV_ENV = {**CHILD_ENV, "BC_SKIP_MAPPING": "TRUE"}
GROWTH_COMMANDS = ["validate", "audit", "cost", "simulate", "chaos", "availability", "sweep"]
OTHER_COMMANDS = ["slo", "critique", "review"]  # adr, migrate need other inputs


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    code: int
    system: float = 0.0  # the kernel's share of `cpu` (creating files, under other agents' IO)


def run(args: list[str], timeout: float = 600.0, env: dict[str, str] | None = None) -> Run:
    """One process: wall seconds, CPU seconds of the child, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        done = subprocess.run(
            args, capture_output=True, timeout=timeout, check=False, env=env or CHILD_ENV
        )
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -9
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    return Run(wall, (after.ru_utime - before.ru_utime) + system, code, system)


def median_of(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.code for r in runs),
        statistics.median(r.system for r in runs),
    )


Call = tuple[Callable[[], list[str]], dict[str, str] | None]


def taking_turns(calls: dict[str, Call], repeat: int) -> dict[str, list[Run]]:
    """Each call's runs, `repeat` rounds of every call once, in order: a slow spell of
    this VM (every process 30-40% slower for some seconds) lands on one run of many
    calls, which each call's median discards, instead of on every run of one call. The
    arguments are asked for before each run (an export sets its last output aside)."""
    runs: dict[str, list[Run]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, (args, env) in calls.items():
            runs[name].append(run(args(), env=env))
    return runs


def cli(*args: str) -> list[str]:
    return [PYTHON, "-m", "archwright", *args]


def model_file(folder: Path, n: int) -> Path:
    path = folder / f"model-{n}.yaml"
    if not path.exists():
        path.write_text(dumps_architecture(generated(n)), encoding="utf-8")
    return path


def _set_aside(target: Path) -> None:
    """Move the last run's output out of the way, kept until the temporary folder goes;
    on tmpfs, delete it.

    Deleting it on disk would charge its deletion to the next export: on ext4 without a
    journal (this machine's disk) each new inode skips every inode freed in the last 30 s,
    so creating 25,000 files just after deleting 25,000 cost 1-8 s of system time instead
    of 0.5 s. A user exporting into a fresh folder does not pay that (issue 16).
    On tmpfs the outputs kept are memory, which this VM gives back slowly: with every
    export's outputs kept, the scaffold at 10,000 components (297 MB a tree) ran with
    3.4-3.6 s of system time and 7.1-7.3 s of wall time; alternating in one process
    after the bare loop, it took 6.14 s (sys 1.98) and 5.20 s (1.75) with the last tree
    set aside, 4.81 s (1.69) and 4.30 s (1.39) with it deleted.
    """
    if target.exists() and file_system(target.parent) == "tmpfs":
        shutil.rmtree(target)
    elif target.exists():
        aside = target.parent / ".set-aside"
        aside.mkdir(exist_ok=True)
        target.rename(aside / f"{target.name}-{len(list(aside.iterdir()))}")


def command_args(name: str, model: Path, out: Path) -> list[str]:
    """The CLI call for a command name or `export:FORMAT` on `model` (JSON where it
    has one, so a table's layout is not what is timed; `audit-table` times the table)."""
    if name == "--version":
        return cli("--version")
    if name.startswith("export:"):
        target = out / name.split(":", 1)[1]
        _set_aside(target)
        return cli("export", str(model), "--to", name.split(":", 1)[1], "-o", str(target))
    if name == "chaos":
        return cli("chaos", str(model), "--fail", "db-0", "--format", "json")
    if name == "audit-table":
        return cli("audit", str(model))
    if name in ("validate", "audit", "cost", "simulate", "availability", "sweep"):
        return cli(name, str(model), "--format", "json")
    return cli(name, str(model))


BASELINE = "(python -c pass)"


def fifty(folder: Path, repeat: int, exports: list[str]) -> None:
    """Table 1: the commands take turns (`taking_turns`); the fastest and slowest of each
    command's runs are shown beside its medians."""
    model = model_file(folder, 50)
    print(f"\n1. whole process, 50 components, median of {repeat} (target < 0.3 s)")
    print(f"{repeat} rounds, each running every command once, in this order")
    print(f"{'command':<28} {'wall s':>8} {'cpu s':>8} {'fastest':>8} {'slowest':>8} {'exit':>5}")
    names = ["--version", *GROWTH_COMMANDS, "audit-table", *OTHER_COMMANDS]
    names += [f"export:{f}" for f in exports]
    calls: dict[str, Call] = {BASELINE: (lambda: [PYTHON, "-c", "pass"], None)}
    for name in names:
        calls[name] = (lambda name=name: command_args(name, model, folder), None)
    for name, done in taking_turns(calls, repeat).items():
        r = median_of(done)
        fastest, slowest = min(d.wall for d in done), max(d.wall for d in done)
        times = f"{r.wall:>8.3f} {r.cpu:>8.3f} {fastest:>8.3f} {slowest:>8.3f}"
        print(f"{name:<28} {times} {r.code:>5}")


def exponent(times: dict[int, float], start: float) -> float | None:
    """Growth exponent between the two largest sizes, start-up removed."""
    sizes = sorted(times)
    if len(sizes) < 2:
        return None
    small, large = sizes[-2], sizes[-1]
    a, b = times[small] - start, times[large] - start
    if a <= 0 or b <= 0:
        return None
    return math.log(b / a) / math.log(large / small)


def growth(
    folder: Path,
    sizes: list[int],
    exports: list[str],
    commands: list[str] = GROWTH_COMMANDS,
    largest_repeat: int = 1,
) -> None:
    """Table 2. At the largest size each command runs `largest_repeat` times, one after
    the other, and the cell is the median of each figure: a single run there carries
    the VM's slow spells (30-40%) whole, and it is the size the targets are read at."""
    print(f"\n2. growth, whole process, CPU seconds (wall in brackets) at {sizes}")
    if largest_repeat > 1:
        print(f"at {sizes[-1]:,}: median of {largest_repeat} runs (wall, CPU and system each)")
    print(f"outputs on {file_system(folder)} ({folder})")
    header = "".join(f"{n:>28,}" for n in sizes)
    print(f"{'command':<24}{header} {'exponent':>9}")
    for name in [*commands, *(f"export:{f}" for f in exports)]:
        cpu: dict[int, float] = {}
        user: dict[int, float] = {}
        cells = []
        floors: list[tuple[int, Run, Floor, Floor]] = []
        for n in sizes:
            if name == "export:scaffold":  # the file system's floor just before and after
                planned = bare_loop(planned_sizes(model_file(folder, n)), folder / f"bare-{n}-a")
            times = largest_repeat if n == sizes[-1] else 1
            r = median_of(
                [run(command_args(name, model_file(folder, n), folder)) for _ in range(times)]
            )
            if name == "export:scaffold":
                after = bare_loop(tree_sizes(folder / "scaffold"), folder / f"bare-{n}-b")
                floors.append((n, r, planned, after))
            cpu[n], user[n] = r.cpu, r.cpu - r.system
            flag = "" if r.code in (0, 1) else f"!{r.code}"
            cells.append(f"{r.cpu:>9.2f} ({r.wall:>5.1f}) sys {r.system:>5.2f}{flag}")
        k, u = exponent(cpu, cpu[sizes[0]]), exponent(user, user[sizes[0]])
        shown = "-" if k is None else f"{k:.2f}"
        shown += "" if u is None else f" (user {u:.2f})"
        print(f"{name:<24}{''.join(f'{c:>28}' for c in cells)} {shown:>9}", flush=True)
        if floors:
            floor_table(folder, floors)


def file_system(path: Path) -> str:
    """The type of the file system `path` is on (`tmpfs`, `ext4`, ...), from the longest
    mount point above it in /proc/mounts: the scaffold's system time depends on it."""
    best, kind = "", "unknown"
    resolved = os.path.realpath(path)
    with contextlib.suppress(OSError), open("/proc/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            fields = line.split()
            point = fields[1].replace("\\040", " ")
            inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
            if inside and len(point) >= len(best):
                best, kind = point, fields[2]
    return kind + ("" if kind in ("tmpfs", "unknown") else ", disk")


@dataclass(frozen=True)
class Floor:
    """A bare loop creating the same tree: CPU and wall seconds of the loop alone."""

    user: float
    system: float
    wall: float
    files: int
    folders: int


def tree_sizes(root: Path) -> dict[str, int]:
    """Each file under `root` (relative path) and its size: the tree an export wrote."""
    sizes: dict[str, int] = {}
    for here, _dirs, names in os.walk(root):
        rel = os.path.relpath(here, root)
        for name in names:
            path = name if rel == "." else f"{rel}/{name}"
            sizes[path] = os.lstat(os.path.join(here, name)).st_size
    return sizes


def planned_sizes(model: Path) -> dict[str, int]:
    """The scaffold's files and sizes rendered in this process, before the export runs
    (its tree less the lock and the manifest)."""
    from archwright.archfile import load_architecture
    from archwright.exporters import registry
    from archwright.exporters._staging import planned
    from archwright.exporters._topology import one_topology

    with one_topology():
        files = planned(registry.load("scaffold").render(load_architecture(model)))
    return {rel: len(data) for rel, data in files.items()}


def tree_steps(sizes: dict[str, int]) -> list[tuple[str, int]]:
    """A tree as steps in the export's own order: files by sorted path, each new
    folder made (parents first) before its first file; (path, -1) makes a folder,
    (path, size) writes a file of that many bytes."""
    steps: list[tuple[str, int]] = []
    made: set[str] = {""}
    for path in sorted(sizes):
        folder = path.rpartition("/")[0]
        missing = []
        while folder not in made:
            missing.append(folder)
            made.add(folder)
            folder = folder.rpartition("/")[0]
        steps.extend((f, -1) for f in reversed(missing))
        steps.append((path, sizes[path]))
    return steps


def bare_loop(sizes: dict[str, int], dest: Path) -> Floor:
    """Create the tree of `sizes` (same folders, same file sizes) under `dest` in a
    child process with os.mkdir and os.open/os.write/os.close, nothing else: what
    creating these files costs on this file system now, whoever creates them. Run just
    before and just after the export, in the same folder, so all three meet about the
    same recently freed inodes (on ext4 without a journal they are skipped one by one)."""
    listing = dest.with_suffix(".json")
    listing.write_text(json.dumps(tree_steps(sizes)), encoding="utf-8")
    script = str(Path(__file__).resolve())
    done = subprocess.run(
        [PYTHON, script, "--bare-loop", str(listing), str(dest)],
        capture_output=True,
        text=True,
        check=True,
        env=CHILD_ENV,
    )
    return Floor(**json.loads(done.stdout))


def bare_loop_child(listing: Path, dest: Path) -> None:
    """The child of `bare_loop`: the timed loop, its own rusage printed as JSON."""
    steps = json.loads(listing.read_text(encoding="utf-8"))
    data = memoryview(b"x" * max([size for _path, size in steps] + [0]))
    base = os.fspath(dest) + "/"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    os.mkdir(dest)
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    for path, size in steps:
        if size < 0:
            os.mkdir(base + path)
            continue
        fd = os.open(base + path, flags, 0o666)
        if size:
            os.write(fd, data[:size])
        os.close(fd)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    folders = sum(1 for _path, size in steps if size < 0)
    print(
        json.dumps(
            {
                "user": after.ru_utime - before.ru_utime,
                "system": after.ru_stime - before.ru_stime,
                "wall": wall,
                "files": len(steps) - folders,
                "folders": folders,
            }
        )
    )


def floor_table(folder: Path, floors: list[tuple[int, Run, Floor, Floor]]) -> None:
    """The scaffold beside the bare loop run just before and just after it: user,
    system and wall seconds of each, and what the export costs above the mean of the
    two loops (its own start-up, loading, rendering, hashing and checks), which is ours
    to cut; the loops are the kernel's floor at that moment."""
    print(f"  scaffold vs a bare loop writing its tree before and after, {file_system(folder)}")
    cols = ("export", "loop before", "loop after", "export over loops")
    head = "".join(f"{c:>20}" for c in cols)
    print(f"  {'size':>8} {'files':>7} {'folders':>7}{head}   (user/sys/wall s)")
    for n, r, a, b in floors:
        user = r.cpu - r.system
        over = (user - (a.user + b.user) / 2, r.system - (a.system + b.system) / 2)
        cells = [
            f"{user:.2f}/{r.system:.2f}/{r.wall:.1f}",
            f"{a.user:.2f}/{a.system:.2f}/{a.wall:.1f}",
            f"{b.user:.2f}/{b.system:.2f}/{b.wall:.1f}",
            f"{over[0]:+.2f}/{over[1]:+.2f}/{r.wall - (a.wall + b.wall) / 2:+.1f}",
        ]
        row = "".join(f"{c:>20}" for c in cells)
        print(f"  {n:>8,} {b.files:>7,} {b.folders:>7,}{row}")


def in_process(folder: Path, sizes: list[int], exports: list[str]) -> None:
    """The same work inside one process (CPU seconds, model already loaded except for
    `load`): what the whole-process figures pay on top is start-up and parsing."""
    from archwright.archfile import load_architecture
    from archwright.audit import audit
    from archwright.cost import monthly_cost
    from archwright.cost.traffic_checks import check_traffic
    from archwright.exporters import registry
    from archwright.kb.catalog import load_catalog
    from archwright.simulate.availability import availability
    from archwright.simulate.chaos import Scenario, chaos
    from archwright.simulate.load import default_rps, simulate
    from archwright.simulate.sweep import sweep

    catalog = load_catalog()
    work: dict[str, Callable[[Any], object]] = {
        "validate (check)": check_traffic,
        "audit": lambda arch: audit(arch, catalog=catalog),
        "cost": lambda arch: monthly_cost(arch, catalog, None),
        "simulate": lambda arch: simulate(arch, None, 1.0),
        "chaos": lambda arch: chaos(arch, Scenario(fail=["db-0"]), default_rps(arch)),
        "availability": lambda arch: availability(arch, default_rps(arch)),
        "sweep": lambda arch: sweep(arch, default_rps(arch)),
    }
    for fmt in exports:
        work[f"export:{fmt}"] = registry.load(fmt).render
    print(f"\n2b. in-process CPU seconds at {sizes}")
    print(f"{'step':<24}" + "".join(f"{n:>12,}" for n in sizes) + f" {'exponent':>9}")
    models = {}
    cells: dict[int, float] = {}
    for n in sizes:
        path = model_file(folder, n)  # written first: generating it is not loading it
        start = time.process_time()
        models[n] = load_architecture(path)
        cells[n] = time.process_time() - start
    _row("load (parse + schema)", cells, sizes)
    for name, step in work.items():
        cells = {}
        for n in sizes:
            start = time.process_time()
            try:
                step(models[n])
            except Exception as exc:  # a step that refuses a size (Graphviz's time limit)
                print(f"{name:<24} at {n:,}: {exc}", flush=True)
                break
            cells[n] = time.process_time() - start
        if len(cells) == len(sizes):
            _row(name, cells, sizes)


def _row(name: str, cells: dict[int, float], sizes: list[int]) -> None:
    k = exponent(cells, 0.0)
    shown = "-" if k is None else f"{k:.2f}"
    print(f"{name:<24}" + "".join(f"{cells[n]:>12.3f}" for n in sizes) + f" {shown:>9}", flush=True)


def boutique(folder: Path, checkov: Path | None, repeat: int) -> None:
    print(f"\n3. Online Boutique ({BOUTIQUE.name}), median of {repeat}")
    versus(folder, "kubernetes", BOUTIQUE, checkov, ["-f", str(BOUTIQUE)], repeat)


def misconfigured(folder: Path, checkov: Path | None, repeat: int) -> None:
    print(f"\n4. {MISCONFIGURED.name} (Terraform, written for this benchmark), median of {repeat}")
    versus(folder, "terraform", MISCONFIGURED, checkov, ["-d", str(MISCONFIGURED)], repeat)


def versus(
    folder: Path, kind: str, source: Path, checkov: Path | None, target: list[str], repeat: int
) -> None:
    """`archwright import KIND` + `audit` (two processes) and `audit --from KIND` (one)
    against checkov on the same input, one run, taking turns (`taking_turns`); then what
    each found (our findings, the same both ways; checkov's failed checks)."""
    model = folder / f"{kind}.yaml"
    one_args = cli("audit", "--from", kind, str(source), "--format", "json")
    args = [str(checkov), *target, "--framework", kind, "--quiet", "--compact"]
    args += ["--skip-download"]
    calls: dict[str, Call] = {
        "import": (lambda: cli("import", kind, str(source), "-o", str(model)), None),
        "audit": (lambda: cli("audit", str(model), "--format", "json"), None),
        "one": (lambda: one_args, None),
    }
    if checkov is not None:
        calls["checkov"] = (lambda: args, CHECKOV_ENV)
    medians = {name: median_of(done) for name, done in taking_turns(calls, repeat).items()}
    ours_import, ours_audit, one = medians["import"], medians["audit"], medians["one"]
    wall = ours_import.wall + ours_audit.wall
    cpu = ours_import.cpu + ours_audit.cpu
    rows = [
        ("archwright import", ours_import.wall, ours_import.cpu),
        ("archwright audit", ours_audit.wall, ours_audit.cpu),
        ("archwright import + audit", wall, cpu),
        (f"archwright audit --from {kind}", one.wall, one.cpu),
    ]
    for label, w, c in rows:
        print(f"{label:<34} wall {w:>6.3f} s  cpu {c:>6.3f} s")
    two_found = _findings(cli("audit", str(model), "--format", "json"))
    one_found = _findings(one_args)
    same = "the same" if one_found == two_found else "DIFFERENT"
    print(
        f"archwright: {len(two_found)} findings from {len({f['rule_id'] for f in two_found})} "
        f"rules; audit --from: {len(one_found)} findings, {same}"
    )
    if checkov is None:
        print("checkov: not found (bash .ci/run installs it; or pass --checkov PATH)")
        return
    theirs = medians["checkov"]
    label = f"checkov {target[0]} ({kind})"
    print(f"{label:<34} wall {theirs.wall:>6.3f} s  cpu {theirs.cpu:>6.3f} s")
    for name, w, c in (("import + audit", wall, cpu), ("audit --from", one.wall, one.cpu)):
        print(
            f"ratio (checkov / archwright {name}): "
            f"wall {theirs.wall / w:.1f}x, cpu {theirs.cpu / c:.1f}x"
        )
    report = subprocess.run([*args, "-o", "json"], capture_output=True, env=CHECKOV_ENV)
    summary = json.loads(report.stdout)
    summary = summary[0] if isinstance(summary, list) else summary
    counts = summary["summary"]
    failed = {c["check_id"] for c in summary["results"]["failed_checks"]}
    print(
        f"checkov: {counts['failed']} failed checks ({len(failed)} distinct), "
        f"{counts['passed']} passed, {counts['resource_count']} resources"
    )


def _findings(args: list[str]) -> list[dict[str, Any]]:
    done = subprocess.run(args, capture_output=True, env=CHILD_ENV)
    found: list[dict[str, Any]] = json.loads(done.stdout)["findings"]
    return found


def callgrind(folder: Path, names: list[str]) -> None:
    """Instruction counts (Ir) of whole processes: independent of machine load, so the
    steady figure behind table 1 on this noisy VM. Each command runs once first (the
    .pyc files and the caches warm, as a user's second run finds them), then under
    valgrind with a fixed hash seed; `audit --from` of Online Boutique comes last."""
    if shutil.which("valgrind") is None:
        print("\ncallgrind: valgrind not installed")
        return
    print("\n4. instructions executed (valgrind --tool=callgrind), 50 components")
    model = model_file(folder, 50)
    env = {**CHILD_ENV, "PYTHONHASHSEED": "0"}
    calls = [(name, lambda name=name: command_args(name, model, folder)) for name in names]
    boutique = ["audit", "--from", "kubernetes", str(BOUTIQUE), "--format", "json"]
    calls.append(("boutique audit --from", lambda: cli(*boutique)))
    for name, args in calls:
        subprocess.run(args(), capture_output=True, check=False, env=env)  # warm
        out = folder / "callgrind.out"
        valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        done = subprocess.run(
            [*valgrind, *args()], capture_output=True, text=True, check=False, env=env
        )
        total = next(
            (line.split()[-1] for line in done.stderr.splitlines() if "Collected" in line), "?"
        )
        count = f"{int(total.replace(',', '')) / 1e9:>8.3f} G" if total != "?" else "       ?"
        print(f"{name:<28} {count} instructions", flush=True)


def find_checkov(given: str | None) -> Path | None:
    for candidate in (given, ROOT / ".tools/checkov/bin/checkov", shutil.which("checkov")):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def main() -> None:
    if sys.argv[1:2] == ["--bare-loop"]:  # the child of `bare_loop`
        bare_loop_child(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000,10000")
    parser.add_argument("--formats", default=",".join(formats()))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--largest-repeat",
        type=int,
        default=3,
        help="runs of each command at the largest size of table 2, their median shown",
    )
    parser.add_argument("--skip-fifty", action="store_true")
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--in-process", action="store_true", help="add table 2b")
    parser.add_argument("--skip-boutique", action="store_true")
    parser.add_argument("--skip-terraform", action="store_true")
    parser.add_argument("--callgrind", action="store_true")
    parser.add_argument("--checkov")
    parser.add_argument(
        "--tmp",
        help="where the temporary folder (models, outputs) goes: /dev/shm for tmpfs; "
        "default the system's (here /tmp, on disk)",
    )
    parser.add_argument(
        "--growth-commands",
        default=",".join(GROWTH_COMMANDS),
        help="commands of table 2 besides the exports ('' for the exports alone)",
    )
    opts = parser.parse_args()
    exports = [f for f in opts.formats.split(",") if f]
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(dir=opts.tmp) as tmp:
        folder = Path(tmp)
        warm = cli("cost", str(model_file(folder, 50)))
        subprocess.run(warm, capture_output=True, check=False, env=CHILD_ENV)  # kb cache, .pyc
        if not opts.skip_fifty:
            fifty(folder, opts.repeat, exports)
        if not opts.skip_growth:
            commands = [c for c in opts.growth_commands.split(",") if c]
            sizes = [int(s) for s in opts.sizes.split(",")]
            growth(folder, sizes, exports, commands, opts.largest_repeat)
        if opts.in_process:
            in_process(folder, [int(s) for s in opts.sizes.split(",")], exports)
        if not opts.skip_boutique:
            boutique(folder, find_checkov(opts.checkov), opts.repeat)
        if not opts.skip_terraform:
            misconfigured(folder, find_checkov(opts.checkov), opts.repeat)
        if opts.callgrind:
            callgrind(folder, ["--version", *GROWTH_COMMANDS, "audit-table", *OTHER_COMMANDS])
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
