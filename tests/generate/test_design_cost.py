"""design.md's cost is the cost engine's answer for the file design writes.

One question, one answer: the total a design states and what `archwright cost` prints for
the written archwright.yaml are the same number, for every reference spec, and payment
fees stay out of both totals.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archwright.archfile import dumps_architecture, parse_architecture
from archwright.cost import monthly_cost
from archwright.generate import design
from archwright.generate.report import render
from archwright.kb.catalog import load_catalog
from archwright.kb.specs import load_specs
from archwright.model import Cloud, Kind

SPECS = load_specs()
_TOTAL = re.compile(r"\| \*\*Total\*\* \| \| infrastructure \| \*\*([\d,]+\.\d\d)\*\* \|")


def _stated_total(markdown: str) -> float:
    found = _TOTAL.findall(markdown)
    assert len(found) == 1, "design.md states exactly one infrastructure total"
    return float(found[0].replace(",", ""))


@pytest.mark.parametrize("name", SPECS.names())
def test_design_md_total_is_the_cost_engines_total_for_the_written_file(name: str) -> None:
    spec = SPECS.find(name)
    assert spec is not None
    result = design(spec.requirements, name=spec.title)
    written = parse_architecture(dumps_architecture(result.architecture))
    again = monthly_cost(written, load_catalog())
    assert again.monthly_total == result.cost.monthly_total
    assert again.transaction_fees == result.cost.transaction_fees
    assert _stated_total(render(result)) == pytest.approx(result.cost.monthly_total, abs=0.005)


def test_payment_fees_are_reported_apart_from_the_infrastructure_total() -> None:
    spec = SPECS.find("payment-system")
    assert spec is not None
    result = design(spec.requirements)
    kinds = {c.id: c.kind for c in result.architecture.components}
    fees = [c for c in result.cost.components.values() if kinds[c.id] is Kind.PAYMENT]
    assert fees and all(not c.in_total for c in fees)
    lines = [*result.cost.components.values(), *result.cost.network.values()]
    infra = sum(c.monthly for c in lines if c.in_total)
    assert result.cost.monthly_total == pytest.approx(infra, abs=0.01)
    markdown = render(result)
    if result.cost.transaction_fees:
        assert "Payment transaction fees, apart from the infrastructure total" in markdown


def test_on_prem_and_unstated_clouds_are_priced_the_same_way_by_design_and_cost() -> None:
    catalog = load_catalog()
    for text, cloud in (
        ("Internal CRUD tool for 200 staff, on-prem", None),
        ("Photo sharing app, 100k DAU", Cloud.GCP),
    ):
        result = design(text, cloud=cloud)
        written = parse_architecture(dumps_architecture(result.architecture))
        assert monthly_cost(written, catalog) == result.cost
        if cloud is Cloud.GCP and result.architecture.requirements.constraints.cloud is None:
            assert result.cost.cloud == "gcp"


def test_cost_command_prints_the_design_total(tmp_path: Path) -> None:
    out = tmp_path / "out"
    text = "Chat app with photo sharing and search, 5M DAU, p99 < 200 ms, 99.95%, team of 6, AWS"
    made = subprocess.run(
        [sys.executable, "-m", "archwright", "design", text, "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    priced = subprocess.run(
        [
            sys.executable,
            "-m",
            "archwright",
            "cost",
            str(out / "archwright.yaml"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert priced.returncode == 0, priced.stderr
    answer = json.loads(priced.stdout)
    stated = _stated_total((out / "design.md").read_text(encoding="utf-8"))
    assert answer["monthly_total"] == pytest.approx(stated, abs=0.005)
    assert "transaction_fees" in answer
