"""Mutation testing of the numeric cores: does the suite notice a wrong constant or a flipped test?

For each target module every mutation site is listed (see mutation_plugin.py); a seeded
sample of them (or all, with --all) is run one at a time: pytest starts with the mutant
loaded in place of the module and runs the tests that cover that module, stopping at
the first failure. A mutant is *killed* when the tests fail or time out, *survived*
when they pass. The score is killed / run; survivors are listed with file, line and
change, which is what a reviewer reads.

    .venv/bin/python scripts/mutation.py --sample 12 --out mutation-report.md
    .venv/bin/python scripts/mutation.py --only archwright.simulate.queueing --all

Nothing on disk is modified: mutants are compiled in memory by the pytest plugin.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from mutation_plugin import Mutation, module_path, mutations  # noqa: E402

SIMULATE = ("tests/simulate",)
COST = ("tests/cost", "tests/audit/test_cost_estimate.py", "tests/simulate")
SIZING = (
    "tests/generate/test_sizing_mutants.py",
    "tests/generate/test_generate_engine.py",
    "tests/generate/test_generate_specs.py",
    "tests/kb/test_instance_sizes.py",  # instance_size: the class design picks
)
EDGES = (
    "tests/importers/test_importers_edges_mutants.py",
    "tests/importers/test_importers_compose.py",
    "tests/importers/test_importers_fixtures.py",
    "tests/importers/test_importers_kubernetes.py",
)
RULES = (
    "tests/audit/test_audit_cases.py",
    "tests/audit/test_audit_engine.py",
    "tests/audit/test_audit_suppression_cases.py",
)
# One audit rule: its pass/fail cases and its boundary cases, selected by its code.
RULE_TESTS = ("tests/audit/test_audit_cases.py", "tests/audit/test_audit_boundaries.py")

TARGETS: dict[str, tuple[str, ...]] = {
    "archwright.simulate.queueing": SIMULATE,
    "archwright.simulate.availability": SIMULATE,
    "archwright.simulate.capacity": SIMULATE,
    "archwright.cost.estimate": COST,
    "archwright.cost.traffic": COST,
    "archwright.generate.sizing": SIZING,
    "archwright.importers._edges": EDGES,
    "archwright.audit.engine": RULES,
    "archwright.kb.capacity": (
        "tests/kb/test_capacity.py",
        "tests/kb/test_token_capacity.py",
        "tests/kb/test_instance_sizes.py",
        "tests/simulate",
    ),
}


def rule_modules() -> list[str]:
    rules = ROOT / "src" / "archwright" / "audit" / "rules"
    return sorted(
        ".".join(p.relative_to(ROOT / "src").with_suffix("").parts)
        for p in rules.glob("*/*.py")
        if p.name != "__init__.py"
    )


@dataclass(frozen=True)
class Outcome:
    module: str
    index: int
    line: int
    change: str
    status: str  # killed, survived, timeout
    seconds: float


def run_tests(tests: tuple[str, ...], mutant: str | None, timeout: float) -> tuple[int, float]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
    }
    if mutant:
        env["ARCHWRIGHT_MUTANT"] = mutant
    else:
        env.pop("ARCHWRIGHT_MUTANT", None)
    cmd = [
        sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
        "-p", "mutation_plugin", *tests,
    ]  # fmt: skip
    started = time.monotonic()
    try:
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, timeout=timeout)
        code = done.returncode
    except subprocess.TimeoutExpired:
        code = -9
    return code, time.monotonic() - started


def choose(found: list[Mutation], sample: int | None, rng: random.Random) -> list[Mutation]:
    if sample is None or len(found) <= sample:
        return found
    return sorted(rng.sample(found, sample), key=lambda m: m.index)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=10, help="mutants per module")
    parser.add_argument("--rule-sample", type=int, default=2, help="mutants per audit rule")
    parser.add_argument("--rules", type=int, default=15, help="how many audit rules to sample")
    parser.add_argument("--all", action="store_true", help="every mutant (long)")
    parser.add_argument("--only", action="append", default=[], help="module(s) to mutate")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=ROOT / "mutation-report.md")
    parser.add_argument(
        "--survivors", type=Path, help="re-run only the survivors of a previous report (.json)"
    )
    args = parser.parse_args()
    if args.survivors:
        return rerun(args.survivors, args.out)
    rng = random.Random(args.seed)
    plan: list[tuple[str, tuple[str, ...], list[Mutation]]] = []
    targets = dict(TARGETS)
    rules = rule_modules()
    chosen_rules = rules if args.all else sorted(rng.sample(rules, min(args.rules, len(rules))))
    for rule in chosen_rules:
        code = rule.rsplit(".", 1)[1].split("_", 1)[0]
        targets[rule] = (*RULE_TESTS, "-k", code)
    for module, tests in targets.items():
        if args.only and module not in args.only:
            continue
        found = mutations(module_path(module))
        per = None if args.all else (args.rule_sample if ".rules." in module else args.sample)
        plan.append((module, tests, choose(found, per, rng)))
    outcomes: list[Outcome] = []
    totals: dict[str, int] = {}
    for module, tests, chosen in plan:
        totals[module] = len(mutations(module_path(module)))
        base_code, base_s = run_tests(tests, None, 900)
        if base_code != 0:
            print(f"{module}: the tests fail without a mutant (exit {base_code}); skipped")
            continue
        for m in chosen:
            code, seconds = run_tests(tests, f"{module}:{m.index}", max(30.0, 3 * base_s))
            status = "timeout" if code == -9 else ("survived" if code == 0 else "killed")
            outcomes.append(Outcome(module, m.index, m.line, m.description, status, seconds))
            print(
                f"{status:8} {module}:{m.line} #{m.index} {m.description} ({seconds:.0f}s)",
                flush=True,
            )
            write_report(args.out, outcomes, totals)  # a partial report survives an interrupt
    write_report(args.out, outcomes, totals)
    run = len(outcomes)
    killed = sum(o.status != "survived" for o in outcomes)
    print(f"mutation score {killed}/{run} = {100 * killed / max(run, 1):.0f}%")
    return 0


def rerun(previous: Path, out: Path) -> int:
    """Run again the mutants a previous report lists as survivors (after adding tests)."""
    old = [Outcome(**o) for o in json.loads(previous.read_text(encoding="utf-8"))]
    targets = dict(TARGETS)
    for rule in rule_modules():
        targets[rule] = (*RULE_TESTS, "-k", rule.rsplit(".", 1)[1].split("_", 1)[0])
    for o in old:  # an edited module renumbers its sites: refuse, never run another mutant
        sites = mutations(module_path(o.module))
        now = sites[o.index] if o.index < len(sites) else None
        if o.status == "survived" and (
            now is None or (now.line, now.description) != (o.line, o.change)
        ):
            print(f"{previous}: {o.module} #{o.index} is no longer line {o.line} {o.change}; "
                  "the module changed since that report", file=sys.stderr)  # fmt: skip
            return 2
    outcomes = [o for o in old if o.status != "survived"]
    for o in old:
        if o.status != "survived":
            continue
        code, seconds = run_tests(targets[o.module], f"{o.module}:{o.index}", 300.0)
        status = "timeout" if code == -9 else ("survived" if code == 0 else "killed")
        outcomes.append(Outcome(o.module, o.index, o.line, o.change, status, seconds))
        print(f"{status:8} {o.module}:{o.line} #{o.index} {o.change} ({seconds:.0f}s)", flush=True)
    totals = {o.module: len(mutations(module_path(o.module))) for o in old}
    write_report(out, outcomes, totals)
    killed = sum(o.status != "survived" for o in outcomes)
    print(f"mutation score {killed}/{len(outcomes)} = {100 * killed / max(len(outcomes), 1):.0f}%")
    return 0


def write_report(out: Path, outcomes: list[Outcome], totals: dict[str, int]) -> None:
    run = len(outcomes)
    killed = sum(o.status != "survived" for o in outcomes)
    lines = [
        "# Mutation testing report",
        "",
        f"Score: {killed}/{run} killed = {100 * killed / max(run, 1):.0f}%",
        "",
        "| module | sites | run | killed |",
        "| --- | ---: | ---: | ---: |",
    ]
    for module in sorted(totals):
        mine = [o for o in outcomes if o.module == module]
        dead = sum(o.status != "survived" for o in mine)
        lines.append(f"| {module} | {totals[module]} | {len(mine)} | {dead} |")
    lines += ["", "## Survivors", ""]
    for o in outcomes:
        if o.status == "survived":
            lines.append(f"- `{o.module}` line {o.line}: {o.change} (#{o.index})")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out.with_suffix(".json").write_text(
        json.dumps([asdict(o) for o in outcomes], indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    raise SystemExit(main())
