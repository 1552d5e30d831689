"""Print the interview grade of every reference spec's answer, one row per spec.

usage: python scripts/interview_table.py [--reference] [--only NAME]  (tab-separated)

By default the answer is the engine's own design for the spec (what `archwright design
--from-spec NAME` writes), graded by `archwright interview grade NAME` against the spec's
reference architecture. `--reference` grades the hand-written reference against itself
instead (component coverage is then 100% by construction; audit and capacity are not).
The last line gives the count, minimum, median and how many grade at least 85.

Runs in process on whatever revision it sits in; nothing else depends on it.
"""

from __future__ import annotations

import statistics
import sys

from archwright.advise.interview import challenges, grade
from archwright.generate import design
from archwright.kb.interview import load_interview
from archwright.kb.specs import load_specs

BAR = 85.0


def main(argv: list[str]) -> int:
    reference = "--reference" in argv
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    kb = load_interview()
    known = challenges(kb)
    print("name\tscore\tcomponents\taudit\tcapacity\tmissing kinds")
    scores = []
    for spec in load_specs().specs:
        if only and spec.name != only:
            continue
        answer = (
            spec.architecture
            if reference
            else design(spec.requirements, name=spec.title).architecture
        )
        result = grade(known[spec.name], answer, kb)
        parts = result["parts"]
        missing = ",".join(m["kind"] for m in result["missing_components"])
        cells = [f"{parts[k]:.2f}" if k in parts else "-" for k in ("components", "audit")]
        cap = f"{parts['capacity']:.2f}" if "capacity" in parts else "-"
        print(f"{spec.name}\t{result['score']}\t" + "\t".join(cells) + f"\t{cap}\t{missing}")
        scores.append(result["score"])
    if scores:
        print(
            f"# {len(scores)} specs, min {min(scores)}, median {statistics.median(scores):.1f}, "
            f"{sum(s >= BAR for s in scores)} at or above {BAR:g}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
