"""Recall and precision of imported calls over every real-project fixture.

Truth is each project's documented call graph (`documented_edges`); what the deployment
files show of it is everything but the `not_in_files` entries without `startup_order`
(those are compiled into code). Three figures, the issue's targets beside them:

- recall of the edges configuration shows, counting `likely` (>= 0.9);
- precision of `confirmed` edges against the documentation (>= 0.98);
- share of `depends_on` links that are start-up order only and yet reported `likely`
  (<= 0.15).

Run `python tests/importers/edge_metrics.py` for the per-project table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from archwright.importers import registry
from archwright.model.confidence import Confidence, confidence_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"

Pair = tuple[str, str]


@dataclass(frozen=True)
class Counts:
    project: str
    shown: int  # documented edges the configuration shows (addresses or depends_on)
    shown_found: int  # of those, reported confirmed or likely
    confirmed: int
    confirmed_true: int  # confirmed edges the documentation lists
    startup_only: int  # depends_on links that are not documented calls
    startup_likely: int  # of those, reported likely


def cases() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if (p / "expected.yaml").is_file())


def expected(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))
    return data


def measure(folder: Path) -> Counts:
    exp = expected(folder)
    arch = registry.load(exp["format"]).parse(folder).architecture
    documented: set[Pair] = {(e[0], e[1]) for e in exp["documented_edges"]}
    hidden = {
        (e["edge"][0], e["edge"][1]) for e in exp["not_in_files"] if not e.get("startup_order")
    }
    shown = documented - hidden
    level = {(c.source, c.target): confidence_of(c) for c in arch.connections}
    at_least_likely = {p for p, c in level.items() if c.rank >= Confidence.LIKELY.rank}
    confirmed = {p for p, c in level.items() if c is Confidence.CONFIRMED}
    depends = {(s["after"], s["before"]) for s in arch.properties.get("startup_order", [])}
    startup_only = depends - documented
    return Counts(
        project=folder.name,
        shown=len(shown),
        shown_found=len(shown & at_least_likely),
        confirmed=len(confirmed),
        confirmed_true=len(confirmed & documented),
        startup_only=len(startup_only),
        startup_likely=sum(1 for p in startup_only if level.get(p) is Confidence.LIKELY),
    )


def ratio(part: int, whole: int, empty: float) -> float:
    return part / whole if whole else empty


def totals(rows: list[Counts]) -> Counts:
    return Counts(
        "ALL",
        *(sum(getattr(r, f) for r in rows) for f in list(Counts.__dataclass_fields__)[1:]),
    )


def table(rows: list[Counts]) -> str:
    head = f"{'project':46} {'recall':>12} {'confirmed prec':>14} {'startup→likely':>14}"
    lines = [head, "-" * len(head)]
    for r in [*rows, totals(rows)]:
        lines.append(
            f"{r.project:46} {r.shown_found:>3}/{r.shown:<3} {ratio(r.shown_found, r.shown, 1):.2f}"
            f" {r.confirmed_true:>4}/{r.confirmed:<4} "
            f"{ratio(r.confirmed_true, r.confirmed, 1):.2f}"
            f" {r.startup_likely:>4}/{r.startup_only:<4} "
            f"{ratio(r.startup_likely, r.startup_only, 0):.2f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(table([measure(p) for p in cases()]) + "\n")
