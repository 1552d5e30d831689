"""Count `conform` drift of every reference spec's design (and each example's) against
archwright's own Terraform, Kubernetes and Compose exports (issue 12, Build 6).

usage: python scripts/conform_drift.py [FORMAT ...] [--only SPEC,SPEC] [--strict]

One line per drift on stdout (format, design, what, status, id, detail; tab-separated),
the total per format on stderr. `--strict` compares with the design as the format can
express it only, without accepting what the export declares as its own gaps, so the
declared gaps show as drift. Terraform import takes seconds per design (python-hcl2).

A design on a cloud the exporter does not write (a GCP or Azure design for Terraform) is
refused, as `archwright export` refuses it with exit 2: it is counted as refused, never
rendered as another cloud's resources and compared (that compared GCS and Azure Blob,
spoken over HTTPS, with the S3 buckets the AWS exporter wrote in their place).

Runs in process on whatever revision it sits in; nothing else depends on it.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from archwright.archfile import load_architecture
from archwright.cli.conform import drift_against
from archwright.exporters import registry as exporters
from archwright.exporters._losses import expected
from archwright.exporters.exporter import CloudRefused, write_files
from archwright.generate import design
from archwright.importers import registry as importers
from archwright.importers.drift import Drift, compare
from archwright.kb.specs import load_specs
from archwright.model import Architecture

FORMATS = ("terraform", "kubernetes", "compose")


def designs(only: set[str]) -> list[tuple[str, Architecture]]:
    out = [
        (f"spec:{s.name}", design(s.requirements, name=s.title).architecture)
        for s in load_specs().specs
        if not only or s.name in only
    ]
    if not only:
        for path in sorted(Path(__file__).parents[1].joinpath("examples").glob("*.yaml")):
            example = load_architecture(path)
            arch = design(example.requirements, name=example.name).architecture
            out.append((f"example:{path.stem}", arch))
    return out


def drift(arch: Architecture, fmt: str, strict: bool) -> Drift:
    """Raises CloudRefused for a design whose cloud the exporter does not write."""
    files = exporters.prepare(fmt, arch).render(arch)
    lost = exporters.losses(fmt, arch)
    with tempfile.TemporaryDirectory() as folder:
        write_files(files, folder)
        tops = {Path(n).parts[0] for n in files if len(Path(n).parts) > 1}
        root = Path(folder) / tops.pop() if len(tops) == 1 else Path(folder)
        actual = importers.load(fmt).parse(root).architecture
    return compare(expected(arch, lost), actual) if strict else drift_against(arch, lost, actual)


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    only: set[str] = set()
    if "--only" in argv:
        only = set(argv[argv.index("--only") + 1].split(","))
    formats = [a for a in argv if a in FORMATS] or list(FORMATS)
    totals: Counter[str] = Counter({fmt: 0 for fmt in formats})
    refused: Counter[str] = Counter({fmt: 0 for fmt in formats})
    for name, arch in designs(only):
        for fmt in formats:
            try:
                changes = drift(arch, fmt, strict).changes
            except CloudRefused:
                refused[fmt] += 1
                continue
            for c in changes:
                totals[fmt] += 1
                print(f"{fmt}\t{name}\t{c.what}\t{c.status}\t{c.id}\t{c.detail}", flush=True)
    print("drift: " + ", ".join(f"{k} {v}" for k, v in totals.items()), file=sys.stderr)
    print(
        "refused (cloud not written): " + ", ".join(f"{k} {v}" for k, v in refused.items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
