"""Architecture Decision Records in MADR form, from the model's decisions and from
trade-off runs. Rendering is pure; writing is atomic with sanitized file names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archwright.model import Architecture, Decision

_SAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe slug: lowercase ASCII words joined by dashes, never a path."""
    cleaned = _SAFE.sub("-", text.lower()).strip("-")[:limit].strip("-")
    return cleaned or "decision"


def _section(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"\n## {title}\n\n" + "".join(f"* {item}\n" for item in items)


def render_decision(decision: Decision, number: int) -> tuple[str, str]:
    """(file name, Markdown) of one model decision."""
    options = [decision.chosen] if decision.chosen else []
    options += [a.name for a in decision.alternatives]
    text = f"# {decision.title}\n\n"
    text += f"* Status: {decision.status.value}\n* Id: {decision.id}\n"
    if decision.targets:
        text += f"* Concerns: {', '.join(decision.targets)}\n"
    text += "\n## Context and Problem Statement\n\n"
    text += (decision.context or "Not recorded in the model.") + "\n"
    text += _section("Decision Drivers", decision.drivers)
    text += _section("Considered Options", options)
    text += "\n## Decision Outcome\n\n"
    chosen = decision.chosen or "not recorded"
    text += f'Chosen option: "{chosen}"'
    text += f", because {decision.rationale}\n" if decision.rationale else "\n"
    text += _section("Consequences", decision.consequences)
    rejected = [f"{a.name}: {a.reason or 'no reason recorded'}" for a in decision.alternatives]
    text += _section("Pros and Cons of the Options (rejected)", rejected)
    text += _section("Revisit If", decision.revisit_if)
    return f"{number:04d}-{slug(decision.title)}.md", text


def architecture_records(arch: Architecture) -> list[tuple[str, str]]:
    """One record per decision in the model, numbered in file order."""
    return [render_decision(d, i) for i, d in enumerate(arch.decisions, start=1)]


def tradeoff_record(result: dict[str, Any], number: int = 1) -> tuple[str, str]:
    """A MADR record of a trade-off run: the matrix becomes the pros and cons."""
    opts, best = result["options"], result["recommendation"]
    title = f"Choose {best} over {', '.join(o for o in opts if o != best)}"
    drivers = [f"{d} (weight {result['weights'][d]['weight']:g})" for d in result["dimensions"]]
    drivers += [r for d in result["dimensions"] for r in result["weights"][d]["reasons"]]
    text = f"# {title}\n\n* Status: proposed\n\n## Context and Problem Statement\n\n"
    text += "Assumptions this decision rests on:\n\n"
    text += "".join(f"* {a}\n" for a in result["assumptions"])
    text += _section("Decision Drivers", sorted(set(drivers), key=drivers.index))
    text += _section("Considered Options", list(opts))
    text += f'\n## Decision Outcome\n\nChosen option: "{best}", because:\n\n'
    text += "".join(f"* {line}\n" for line in result["rationale"])
    consequences = [f"Hard to undo: {x}" for x in result["irreversible"][best]]
    consequences += [f"Plan for: {x}" for x in result.get("considerations", {}).get(best, [])]
    text += _section("Consequences", consequences)
    text += "\n## Pros and Cons of the Options\n"
    for opt in opts:
        text += f"\n### {opt} (score {result['totals'][opt]:.2f})\n\n"
        for dim in result["dimensions"]:
            cell = result["matrix"][opt][dim]
            verdict = "Good" if cell["score"] >= 4 else "Bad" if cell["score"] <= 2 else "Neutral"
            text += f"* {verdict}, {dim} {cell['score']}/5: {cell['reason']}\n"
    flips = [
        f"{s['assumption']} ({s['fact']} {s['from']} -> {s['to']}): {s['recommendation']}"
        for s in result["sensitivity"]
        if s["flips"]
    ]
    text += _section("Revisit If", flips)
    return f"{number:04d}-{slug(title)}.md", text


def next_number(folder: Path) -> int:
    """One past the highest `NNNN-` record already in `folder`, so runs never overwrite."""
    if not folder.is_dir():
        return 1
    numbers = [int(p.name[:4]) for p in folder.glob("[0-9][0-9][0-9][0-9]-*.md")]
    return max(numbers, default=0) + 1


def write_records(folder: Path, records: list[tuple[str, str]]) -> list[Path]:
    """Write each record atomically; names come from `slug`, so they stay inside `folder`."""
    from archwright.archfile import write_atomic

    root = folder.resolve()
    written = []
    for name, text in records:
        target = (root / name).resolve()
        if target.parent != root:
            raise ValueError(f"refusing to write outside {root}: {name}")
        write_atomic(target, text)
        written.append(target)
    return written
