"""Answers that plan: compare with another design, migrate towards it, estimate a load.

Another design is read through `Asked.read_other`, so the CLI reads files while the web
workbench can resolve a name to a stored version instead."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.result import Answer, Figure
from archwright.advise.compare import compare
from archwright.advise.estimate import Inputs, estimate, server_capacity
from archwright.advise.migrate import monolith_from_architectures, monolith_from_import, plan
from archwright.advise.render import compare_text, estimate_text, migrate_text
from archwright.archfile import FileProblem
from archwright.model import Architecture

ReadOther = Callable[[str], Architecture]


def compare_reply(a: Asked, read_other: ReadOther) -> Answer:
    path = a.slots.path
    if path is None:
        return a.ask_back("Compare with which design? Name its file, e.g. 'compare with v2.yaml'.")
    try:
        other = read_other(path)
    except FileProblem as exc:
        return a.ask_back(f"Cannot read the other design: {exc.lines()[0]}")
    result = compare(a.arch, other)
    figures = [
        Figure("monthly_total before", result["cost"]["from"], "USD", "cost"),
        Figure("monthly_total after", result["cost"]["to"], "USD", "cost"),
        Figure("max_rps before", result["capacity"]["max_rps"]["from"], "req/s", "simulate"),
        Figure("max_rps after", result["capacity"]["max_rps"]["to"], "req/s", "simulate"),
        Figure(
            "availability before", result["availability"]["percent"]["from"], "%", "availability"
        ),
        Figure("availability after", result["availability"]["percent"]["to"], "%", "availability"),
    ]
    text = f"{a.arch.name} against {other.name}:\n" + compare_text(result).rstrip()
    return a.reply(text, figures, a.command("archwright", "compare", a.arch_name, path))


def migrate_reply(a: Asked, read_other: ReadOther) -> Answer:
    path = a.slots.path
    if path is None:
        mono = monolith_from_import(a.arch)
        if mono is None:
            return a.ask_back(
                "Migrate towards which design? Name the target file, e.g. 'how do we "
                "migrate to target.yaml?' (or ask on an `import repo` result)."
            )
        command = a.command("archwright", "migrate", a.arch_name)
    else:
        try:
            target = read_other(path)
            mono = monolith_from_architectures(a.arch, target)
        except FileProblem as exc:
            return a.ask_back(f"Cannot read the target design: {exc.lines()[0]}")
        except ValidationError:
            return a.ask_back(f"{path}: the target needs at least two services to extract")
        command = a.command("archwright", "migrate", a.arch_name, "--to", path)
    result = plan(mono)
    order = ", ".join(result["extraction_order"])
    text = f"Extraction order: {order}.\n" + migrate_text(result).rstrip()
    figures = [Figure("phases", len(result["phases"]), "", "migrate")]
    return a.reply(text, figures, command)


def estimate_reply(a: Asked) -> Answer:
    scale = a.requirements.scale
    dau = a.slots.dau if a.slots.dau is not None else scale.dau
    if dau is None:
        return a.ask_back("Estimate for how many daily active users? e.g. 'estimate for 2M DAU'.")
    server_rps, source = server_capacity(a.catalog)
    inp = Inputs(
        dau=dau,
        payload_kb=scale.payload_kb or 1.0,
        read_write=scale.read_write_ratio or 10.0,
        server_rps=server_rps,
        server_source=source,
    )
    problems = inp.problems()
    if problems:
        return a.ask_back(problems[0])
    result = estimate(inp)
    summary = result["summary"]
    figures = [Figure(k, v, "", "estimate") for k, v in summary.items()]
    text = estimate_text(result).rstrip()
    args = ["archwright", "estimate", "--dau", f"{dau:.0f}"]
    if scale.payload_kb:
        args += ["--payload-kb", f"{scale.payload_kb:g}"]
    if scale.read_write_ratio:
        args += ["--read-write", f"{scale.read_write_ratio:g}"]
    return a.reply(text, figures, a.command(*args))
