"""The cost engine on a small catalog built here, so numbers do not depend on kb data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from archwright.cli.app import app
from archwright.cost import arrival_rates, estimate, monthly_cost, pricing_cloud
from archwright.kb.catalog import Catalog, Technology
from archwright.model import Architecture

CAP = {
    "throughput_rps": 1000,
    "concurrency": 50,
    "service_time_ms": 5,
    "latency_p50_ms": 2,
    "latency_p99_ms": 20,
    "availability": 0.999,
    "source": "test",
}


def tech(name: str, kind: str, prices: dict[str, Any], **extra: Any) -> Technology:
    data: dict[str, Any] = {
        "name": name,
        "title": name.title(),
        "kind": kind,
        "hosting": "managed",
        "description": "test",
        "capacity": CAP,
        "consistency": "strong",
        "ordering": "n/a",
        "delivery": "n/a",
        "ops_burden": "low",
        "learning_curve": "low",
        "licence": "test",
        "lock_in": "medium",
        "prices": prices,
        **extra,
    }
    return Technology.model_validate(data)


def price(usd: float, **extra: Any) -> dict[str, Any]:
    return {"usd_per_month": usd, "unit": "node", "source": "https://example.test", **extra}


CATALOG = Catalog(
    [
        tech(
            "big-sql",
            "sql_db",
            {"aws": price(100, per_gb_month=0.1)},
            equivalents={"gcp": "gcp-sql"},
        ),
        tech("cheap-sql", "sql_db", {"aws": price(40, per_gb_month=0.1)}),
        # Cheapest, but self-hosted: a different operating model, never suggested.
        tech("diy-sql", "sql_db", {"aws": price(10)}, hosting="self_hosted"),
        tech("gcp-sql", "sql_db", {"gcp": price(90, per_gb_month=0.2)}),
        tech("fn", "function", {"aws": price(0, per_million_requests=0.2)}),
        tech("svc", "service", {"aws": price(30), "gcp": price(25)}),
    ],
    {
        "big-sql": "2025-06",
        "cheap-sql": "2025-06",
        "gcp-sql": "2025-05",
        "fn": "2025-06",
        "svc": "2025-06",
    },
)


def arch(**req: Any) -> Architecture:
    return Architecture.model_validate(
        {
            "name": "t",
            "requirements": req,
            "components": [
                {"id": "u", "kind": "client"},
                {"id": "api", "kind": "service", "technology": "svc", "replicas": 3},
                {"id": "f", "kind": "function", "technology": "fn"},
                {
                    "id": "db",
                    "kind": "sql_db",
                    "technology": "big-sql",
                    "replicas": 2,
                    "read_replicas": 1,
                    "shards": 2,
                    "storage_gb": 100,
                },
                {"id": "mystery", "kind": "search_index", "technology": "nope"},
            ],
            "connections": [
                {"source": "u", "target": "api"},
                {"source": "api", "target": "f", "share": 0.5},
                {"source": "api", "target": "db", "protocol": "sql", "calls": 2},
            ],
        }
    )


def test_components_priced_from_units_storage_and_requests() -> None:
    est = estimate(arch(scale={"avg_rps": 10}), CATALOG, "aws")
    assert est.components["api"].monthly == 90.0  # 3 replicas x 30
    # (2 + 1) nodes x 2 shards x 100, plus 100 GB x 3 copies x 0.1
    assert est.components["db"].monthly == pytest.approx(600 + 30)
    # 10 rps x 0.5 share = 5 rps x 730 h x 3600 s = 13.14M requests x $0.2/M
    assert est.components["f"].monthly == pytest.approx(13.14 * 0.2, abs=0.01)
    assert not est.components["mystery"].priced and "nope" in est.components["mystery"].basis
    assert not est.components["u"].priced
    assert est.monthly_total == pytest.approx(90 + 630 + 2.628, abs=0.02)
    assert any("730 hours" in a for a in est.assumptions)
    assert any("mystery" in a for a in est.assumptions)


def test_equivalents_map_to_the_other_cloud() -> None:
    est = estimate(arch(), CATALOG, "gcp")
    db = est.components["db"]
    assert db.technology == "gcp-sql" and "equivalent of big-sql" in db.basis
    assert db.monthly == pytest.approx(6 * 90 + 100 * 3 * 0.2)
    assert not est.components["f"].priced and "no gcp price" in est.components["f"].basis
    assert any("2025-05" in a for a in est.assumptions)


def test_cheaper_alternative_of_the_same_kind_is_suggested() -> None:
    est = estimate(arch(), CATALOG, "aws")
    (alt,) = [a for a in est.alternatives if a.component == "db"]
    assert alt.suggestion == "cheap-sql" and alt.saving == pytest.approx(6 * 60)


def test_unknown_cloud_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown cloud"):
        estimate(arch(), CATALOG, "mars")


def test_arrival_rates_follow_shares_and_calls_and_settle_cycles() -> None:
    # A cycle is solved, not cut (the simulator's semantics, now the only one): b sends
    # half its requests back to a, so a = 100 + 0.5 b and b = a:
    # a = 100 + 0.5 a  ->  a = 200, b = 200 (each request visits a twice on average).
    a = Architecture.model_validate(
        {
            "name": "c",
            "components": [
                {"id": i, "kind": k}
                for i, k in [("u", "client"), ("a", "service"), ("b", "service")]
            ],
            "connections": [
                {"source": "u", "target": "a"},
                {"source": "a", "target": "b"},
                {"source": "b", "target": "a", "share": 0.5},
            ],
        }
    )
    rates = arrival_rates(a, 100)
    assert rates == pytest.approx({"u": 100, "a": 200, "b": 200})


def test_cost_cli_json_shape(tmp_path: Path) -> None:
    path = Path(__file__).parent / "fixtures" / "classic_review.yaml"
    result = CliRunner().invoke(app, ["cost", str(path), "--format", "json", "--cloud", "gcp"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["cloud"] == "gcp" and doc["currency"] == "USD"
    assert set(doc["components"]) == {
        "browser",
        "web",
        "gateway",
        "orders",
        "inventory",
        "pricing",
        "db",
        "cache",
    }
    assert all({"monthly", "basis"} <= set(c) for c in doc["components"].values())
    assert doc["monthly_total"] == pytest.approx(
        sum(c["monthly"] for c in doc["components"].values()), abs=0.05
    )
    assert doc["assumptions"]


def test_cost_cli_rejects_unknown_cloud() -> None:
    path = Path(__file__).parent / "fixtures" / "classic_review.yaml"
    result = CliRunner().invoke(app, ["cost", str(path), "--cloud", "mars"])
    assert result.exit_code == 2 and "unknown cloud" in result.stderr


def test_usage_priced_technology_takes_the_larger_of_bundle_and_requests() -> None:
    from archwright.cost.estimate import price_component
    from archwright.kb.catalog import Price
    from archwright.model import Component

    bundle = Price.model_validate(price(750, per_million_requests=7500))
    comp = Component(id="m", kind="llm")
    small, parts = price_component(comp, bundle, 10_000)  # $75 of requests < $750 bundle
    assert small == 750 and "node" in parts[0]
    big, parts = price_component(comp, bundle, 1_000_000)  # $7,500 of requests
    assert big == 7500 and "1.0M requests" in parts[0]


def test_payment_fees_are_reported_apart_from_the_infrastructure_total() -> None:
    psp = tech("psp", "payment", {"aws": price(0, per_million_requests=1_750_000)})
    catalog = Catalog([*CATALOG.technologies, psp], dict(CATALOG.snapshot_dates, psp="2025-06"))
    arch = Architecture.model_validate(
        {
            "name": "shop",
            "requirements": {"scale": {"avg_rps": 10}},
            "components": [
                {"id": "c", "kind": "client"},
                {"id": "api", "kind": "service", "technology": "svc", "replicas": 2},
                {"id": "pay", "kind": "payment", "technology": "psp"},
            ],
            "connections": [{"source": "c", "target": "api"}, {"source": "api", "target": "pay"}],
        }
    )
    est = estimate(arch, catalog, "aws")
    fees = est.components["pay"]
    assert not fees.in_total and "scale with revenue" in fees.basis
    # 10 rps x 2,628,000 s = 26.28M requests at $1.75 each
    assert est.transaction_fees == pytest.approx(26.28 * 1_750_000)
    assert est.monthly_total == pytest.approx(60.0)  # the two service replicas only


# Which price list a model is priced on by default, and what a fallback is billed.

MANAGED = Catalog(
    [
        *CATALOG.technologies,
        tech("gcp-fn", "function", {"gcp": price(5)}, cloud="gcp"),
        tech("aws-fn", "function", {"aws": price(5)}, cloud="aws"),
        tech("llm-a", "llm", {"aws": price(0, per_million_requests=1000)}, hosting="saas"),
        tech("llm-b", "llm", {"aws": price(0, per_million_requests=1000)}, hosting="saas"),
    ],
    dict(CATALOG.snapshot_dates),
)


def model(techs: list[str], cloud: str | None = None) -> Architecture:
    req: dict[str, Any] = {"constraints": {"cloud": cloud}} if cloud else {}
    comps = [{"id": f"c{i}", "kind": "function", "technology": t} for i, t in enumerate(techs)]
    return Architecture.model_validate({"name": "m", "requirements": req, "components": comps})


def test_the_stated_cloud_decides() -> None:
    chosen = pricing_cloud(model(["gcp-fn", "gcp-fn"], "azure"), MANAGED)
    assert chosen.name == "azure" and chosen.note is None


def test_on_premises_is_priced_on_aws_and_says_so() -> None:
    chosen = pricing_cloud(model(["svc"], "on_prem"), MANAGED)
    assert chosen.name == "aws" and chosen.note and "proxy" in chosen.note
    est = monthly_cost(model(["svc"], "on_prem"), MANAGED)
    assert est.cloud == "aws" and est.assumptions[0] == chosen.note


def test_without_a_stated_cloud_the_managed_services_decide() -> None:
    assert pricing_cloud(model(["gcp-fn", "gcp-fn", "aws-fn"]), MANAGED).name == "gcp"
    # A tie goes to the first of aws, gcp, azure; nothing managed means AWS.
    assert pricing_cloud(model(["gcp-fn", "aws-fn"]), MANAGED).name == "aws"
    assert pricing_cloud(model(["svc"]), MANAGED).name == "aws"


def test_an_explicit_cloud_overrides_the_default() -> None:
    assert monthly_cost(model(["svc"]), MANAGED, "gcp").cloud == "gcp"


def test_a_fallback_model_is_not_billed_as_always_called() -> None:
    arch = Architecture.model_validate(
        {
            "name": "rag",
            "requirements": {"scale": {"avg_rps": 10}},
            "components": [
                {"id": "u", "kind": "client"},
                {"id": "gw", "kind": "service", "technology": "svc", "replicas": 2},
                {"id": "primary", "kind": "llm", "technology": "llm-a"},
                {"id": "backup", "kind": "llm", "technology": "llm-b"},
            ],
            "connections": [
                {"source": "u", "target": "gw"},
                {"source": "gw", "target": "primary", "fallback": "backup"},
            ],
        }
    )
    est = estimate(arch, MANAGED, "aws")
    primary, backup = est.components["primary"].monthly, est.components["backup"].monthly
    assert primary == pytest.approx(26.28 * 1000)
    assert backup < primary / 100  # called on the primary's failures only, if at all


def _one_node(options: list[tuple[str, float]], current: float = 100.0) -> list[tuple[str, float]]:
    """Alternatives suggested for one node priced at `current` USD/month among `options`."""
    catalog = Catalog(
        [tech("current", "cache", {"aws": price(current)})]
        + [tech(name, "cache", {"aws": price(usd)}) for name, usd in options],
        {name: "2025-06" for name in ["current", *(n for n, _ in options)]},
    )
    model = Architecture.model_validate(
        {"name": "t", "components": [{"id": "c", "kind": "cache", "technology": "current"}]}
    )
    return [(a.suggestion, a.saving) for a in estimate(model, catalog, "aws").alternatives]


@pytest.mark.parametrize(
    ("options", "wanted"),
    [
        # a saving of exactly 20 % (the minimum) is suggested, 19 % is not
        ([("pricier", 120.0), ("saves-20", 80.0)], [("saves-20", 20.0)]),
        ([("pricier", 120.0), ("saves-19", 81.0)], []),
        # the cheapest qualifying option wins, whatever the catalog order
        ([("saves-30", 70.0), ("saves-50", 50.0), ("saves-40", 60.0)], [("saves-50", 50.0)]),
        ([("pricier", 150.0)], []),
    ],
)
def test_an_alternative_saves_at_least_a_fifth_and_is_the_cheapest(
    options: list[tuple[str, float]], wanted: list[tuple[str, float]]
) -> None:
    found = _one_node(options)
    assert [(name, pytest.approx(saving)) for name, saving in found] == wanted


def test_a_one_dollar_component_still_gets_its_cheaper_alternative() -> None:
    """Only a component that costs nothing has nothing to save."""
    assert _one_node([("half", 0.5)], current=1.0) == [("half", pytest.approx(0.5))]
    assert _one_node([("free", 0.0)], current=0.0) == []


def test_monthly_costs_are_rounded_to_the_cent() -> None:
    """USD to the cent: 3 nodes x 0.1237 = 0.3711 is shown as 0.37."""
    catalog = Catalog([tech("odd", "cache", {"aws": price(0.1237)})], {"odd": "2025-06"})
    model = Architecture.model_validate(
        {
            "name": "t",
            "components": [{"id": "c", "kind": "cache", "technology": "odd", "replicas": 3}],
        }
    )
    est = estimate(model, catalog, "aws")
    assert est.components["c"].monthly == 0.37
    assert est.monthly_total == 0.37


def test_a_queue_range_runs_from_batched_to_one_message_per_call() -> None:
    """SQS bills each API call (send, receive, delete: calls_per_message) and a batch of
    up to batch_max messages is one call. The point and the low end assume full batches,
    the high end one message per call, so high − low is every call's price less a
    tenth of it. 50 messages/s on average × 86,400 × 365 / 12 s a month = 131.4 M."""
    from archwright.kb.catalog import load_catalog

    catalog = load_catalog()
    price = catalog.get("aws-sqs").prices["aws"]
    assert price.batch_max and price.calls_per_message and price.per_million_requests
    arch = Architecture.model_validate(
        {
            "name": "t",
            "requirements": {"scale": {"peak_rps": 100, "avg_rps": 50}},
            "components": [
                {"id": "u", "kind": "client"},
                {"id": "api", "kind": "service"},
                {"id": "q", "kind": "queue", "technology": "aws-sqs"},
            ],
            "connections": [
                {"source": "u", "target": "api"},
                {"source": "api", "target": "q", "mode": "async"},
            ],
        }
    )
    est = estimate(arch, catalog, "aws")
    calls = 50 * 86_400 * 365 / 12 * price.calls_per_message
    one_by_one = calls * price.per_million_requests / 1e6
    assert est.monthly_low == pytest.approx(est.monthly_total)
    assert est.monthly_high is not None and est.monthly_low is not None
    assert est.monthly_high - est.monthly_low == pytest.approx(
        one_by_one * (1 - 1 / price.batch_max), abs=0.02
    )
