"""An HTTP front door is an L7 load balancer, chosen for a stated reason (issue 13).

The core's load balancer terminates TLS and routes HTTP requests by host and path (a WAF
attaches to it): its clients speak HTTPS, so an L4 balancer (AWS NLB, Azure Load
Balancer) cannot fill it. It used to tie with the ALB and win on price. `design` and
`select` narrow the role by that protocol, as they narrow an MQTT broker for devices,
and the decision says what was left out and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from archwright.cli.app import app
from archwright.generate import design
from archwright.kb.catalog import load_catalog
from archwright.kb.pricing import price_component
from archwright.kb.specs import load_specs
from archwright.model import Component, Kind

CATALOG = load_catalog()
RUNNER = CliRunner()
L4 = {"aws-nlb", "azure-load-balancer"}


@pytest.mark.parametrize(
    ("spec", "l7"),
    [
        ("file-sync", "aws-alb"),
        ("url-shortener", "aws-alb"),
        ("collaborative-docs", "aws-alb"),
        ("blog-cms", "azure-application-gateway"),
        ("patient-portal", "azure-application-gateway"),
    ],
)
def test_the_http_front_door_is_an_l7_balancer_for_a_stated_reason(spec: str, l7: str) -> None:
    found = load_specs().find(spec)
    assert found is not None
    result = design(found.requirements)
    edges = [c for c in result.architecture.components if c.kind is Kind.LOAD_BALANCER]
    assert edges and {c.technology for c in edges} == {l7}
    adr = next(d for d in result.architecture.decisions if d.chosen == l7)
    assert "its clients speak https" in adr.rationale
    assert any(name in adr.rationale for name in L4)


def test_select_rules_out_an_l4_balancer_for_the_front_door(tmp_path: Path) -> None:
    path = tmp_path / "need.yaml"
    path.write_text(yaml.safe_dump({"scale": {"peak_rps": 2000}, "constraints": {"cloud": "aws"}}))
    out = RUNNER.invoke(app, ["select", "load_balancer", "--spec", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    answer = json.loads(out.stdout)
    assert answer["ranking"][0]["technology"] == "aws-alb"
    assert answer["ruled_out"]["aws-nlb"] == "the role's clients speak https; aws-nlb speaks tcp"
    assert answer["need"]["speaks"] == ["https"]


def test_asking_for_tcp_picks_the_l4_balancer_even_where_a_cloud_has_none(tmp_path: Path) -> None:
    """GCP's catalog entry is its Application Load Balancer: the sensitivity probe on GCP
    keeps every candidate rather than failing."""
    path = tmp_path / "need.yaml"
    path.write_text(yaml.safe_dump({"scale": {"peak_rps": 2000}, "constraints": {"cloud": "aws"}}))
    args = ["select", "load_balancer", "--spec", str(path), "--speaks", "tcp", "--format", "json"]
    out = RUNNER.invoke(app, args)
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["ranking"][0]["technology"] == "aws-nlb"


def test_application_gateway_bills_one_gateway_and_its_capacity_units() -> None:
    """The v2 fixed fee is per gateway (it adds instances itself), capacity units grow
    with the bytes processed, as the ALB's LCUs do."""
    price = CATALOG.get("azure-application-gateway").prices["azure"]
    edge = Component(id="edge", kind=Kind.LOAD_BALANCER, technology="x", replicas=3)
    usd, terms = price_component(edge, price, 1e6, request_kb=2.0)
    assert usd == pytest.approx(price.usd_per_month + 1e6 * 2 * 2 / 1e6 * 0.008)
    assert terms[0].startswith("1 x ")
