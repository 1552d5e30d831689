"""`archwright tradeoff`: table-driven expectations, determinism, and flips by one fact."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from archwright.advise.run import run_tradeoff
from archwright.advise.tradeoff import TradeoffError
from archwright.cli.app import app
from archwright.model import Requirements

TENANCY = ["shared-schema", "schema-per-tenant", "database-per-tenant"]

CASES: list[dict[str, Any]] = [
    {
        "id": "small-unregulated-saas",
        "options": TENANCY,
        "spec": {"tenants": 300, "team": {"size": 4}},
        "expect": "shared-schema",
        "reasons": ["one database, one schema", "a team of 4"],
    },
    {
        "id": "hipaa-b2b",
        "options": TENANCY,
        "spec": {"tenants": 100, "team": {"size": 8}, "compliance": ["HIPAA"]},
        "expect": "database-per-tenant",
        "reasons": ["regulated data (HIPAA)", "separate databases and credentials"],
    },
    {
        "id": "many-tenants",
        "options": TENANCY,
        "spec": {"tenants": 5000, "team": {"size": 10}},
        "expect": "shared-schema",
        "reasons": ["5000 tenants", "connection pooling"],
    },
    {
        "id": "small-team-monolith",
        "options": ["monolith", "modular-monolith", "microservices"],
        "spec": {"team": {"size": 4}, "stage": "startup"},
        "expect": "monolith",
        "reasons": ["one thing to build, deploy"],
    },
    {
        "id": "big-org-microservices",
        "options": ["monolith", "modular-monolith", "microservices"],
        "spec": {"team": {"size": 60}, "scale": {"peak_rps": 30000}},
        "expect": "microservices",
        "reasons": ["60 engineers", "each team ships its service"],
    },
    {
        "id": "four-nines-regions",
        "options": ["single-region", "multi-region-active-passive", "multi-region-active-active"],
        "spec": {"slo": {"availability": 99.99}, "team": {"size": 12}},
        "expect": "multi-region-active-passive",
        "reasons": ["99.99%", "survives a region outage"],
    },
    {
        "id": "plain-regions",
        "options": ["single-region", "multi-region-active-passive", "multi-region-active-active"],
        "spec": {"slo": {"availability": 99.9}, "team": {"size": 6}},
        "expect": "single-region",
        "reasons": ["one of everything"],
    },
    {
        "id": "rest-vs-events-small-team",
        "options": ["sync-rest", "async-events"],
        "spec": {"team": {"size": 3}},
        "expect": "sync-rest",
        "reasons": ["no broker to run"],
    },
]


def _run(case: dict[str, Any]) -> dict[str, Any]:
    return run_tradeoff(case["options"], Requirements.model_validate(case["spec"]), None)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_recommendation_and_reasons(case: dict[str, Any]) -> None:
    result = _run(case)
    assert result["recommendation"] == case["expect"], result["totals"]
    text = json.dumps(result)
    for reason in case["reasons"]:
        assert reason in text, reason
    # Shape of SPEC: a reason in every cell, irreversible parts for every option.
    assert set(result["matrix"]) == set(result["options"])
    for row in result["matrix"].values():
        assert set(row) == set(result["dimensions"])
        assert all(1 <= c["score"] <= 5 and c["reason"] for c in row.values())
    assert all(result["irreversible"][o] for o in result["options"])


def test_same_context_same_answer() -> None:
    first, second = _run(CASES[1]), _run(CASES[1])
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


@pytest.mark.parametrize(
    ("base", "fact", "flipped_spec", "before", "after"),
    [
        (
            {"tenants": 100, "team": {"size": 8}, "compliance": ["HIPAA"]},
            "team.size",
            {"tenants": 100, "team": {"size": 3}, "compliance": ["HIPAA"]},
            "database-per-tenant",
            "shared-schema",
        ),
        (
            {"tenants": 100, "team": {"size": 8}},
            "compliance",
            {"tenants": 100, "team": {"size": 8}, "compliance": ["HIPAA"]},
            "shared-schema",
            "database-per-tenant",
        ),
        (
            {"tenants": 100, "team": {"size": 8}, "compliance": ["HIPAA"]},
            "tenants",
            {"tenants": 5000, "team": {"size": 8}, "compliance": ["HIPAA"]},
            "database-per-tenant",
            "shared-schema",
        ),
    ],
)
def test_one_fact_flips_and_the_output_names_it(
    base: dict[str, Any], fact: str, flipped_spec: dict[str, Any], before: str, after: str
) -> None:
    first = run_tradeoff(TENANCY, Requirements.model_validate(base), None)
    second = run_tradeoff(TENANCY, Requirements.model_validate(flipped_spec), None)
    assert first["recommendation"] == before
    assert second["recommendation"] == after
    # The first run's sensitivity predicts the flip and names the fact.
    assert fact in first["flipped_by"]
    hits = [s for s in first["sensitivity"] if s["fact"] == fact and s["flips"]]
    assert hits and hits[0]["recommendation"] == after


def test_scale_flips_the_database_family() -> None:
    options = ["relational-sql", "document-nosql", "wide-column-nosql"]
    small = {"team": {"size": 10}, "scale": {"peak_rps": 200, "events_per_second": 100}}
    large = {"team": {"size": 10}, "scale": {"peak_rps": 100000, "events_per_second": 50000}}
    before = run_tradeoff(options, Requirements.model_validate(small), None)
    after = run_tradeoff(options, Requirements.model_validate(large), None)
    assert before["recommendation"] == "relational-sql"
    assert after["recommendation"] == "wide-column-nosql"
    assert "high-event-rate" in after["rules_applied"]
    assert "50000 events/s" in json.dumps(after["weights"]["scalability_ceiling"])


def test_tenancy_rules_stay_in_their_decision() -> None:
    spec = Requirements.model_validate({"tenants": 5000})
    result = run_tradeoff(["monolith", "microservices"], spec, None)
    assert "many-tenants-schema-limits" not in result["rules_applied"]


def test_what_if_names_any_assumption() -> None:
    spec = Requirements.model_validate(
        {"tenants": 100, "team": {"size": 8}, "compliance": ["HIPAA"]}
    )
    result = run_tradeoff(
        TENANCY, spec, None, None, ["team.size=3", "compliance=soc2", "tenants=100"]
    )
    asked = {s["fact"]: s for s in result["sensitivity"][:3]}
    assert asked["team.size"]["flips"] and asked["team.size"]["recommendation"] == "shared-schema"
    assert asked["compliance"]["to"] == "SOC2" and asked["compliance"]["flips"]
    assert not asked["tenants"]["flips"]  # reported although it changes nothing
    with pytest.raises(TradeoffError, match="FACT=VALUE"):
        run_tradeoff(TENANCY, spec, None, None, ["team.size"])
    with pytest.raises(TradeoffError, match="unknown compliance"):
        run_tradeoff(TENANCY, spec, None, None, ["compliance=ISO9001"])


def test_chosen_dimensions_are_used_once_each() -> None:
    result = run_tradeoff(TENANCY, None, ["cost", "isolation", "cost"])
    assert result["dimensions"] == ["cost", "isolation"]
    assert set(result["matrix"]["shared-schema"]) == {"cost", "isolation"}


def test_assumed_facts_are_reported_as_assumptions() -> None:
    result = run_tradeoff(TENANCY, None, None)
    assert any(a.startswith("team.size = 8 (not stated") for a in result["assumptions"])


def test_technologies_compare_on_catalog_facts() -> None:
    spec = Requirements.model_validate(
        {
            "scale": {"events_per_second": 5000},
            "team": {"experience": ["rabbitmq"]},
            "constraints": {"cloud": "aws"},
        }
    )
    result = run_tradeoff(["kafka", "rabbitmq"], spec, None)
    matrix = result["matrix"]
    assert "the team already knows rabbitmq" in matrix["rabbitmq"]["team_cognitive_load"]["reason"]
    assert "high operational burden" in matrix["kafka"]["operational_complexity"]["reason"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["shared-schema"], "at least two options"),
        (["shared-schema", "monolith"], "different decisions"),
        (["shared-schema", "kafka"], "compare like with like"),
        (["shared-schema", "no-such-thing"], "unknown option"),
        (["kafka", "postgresql"], "different roles"),
    ],
)
def test_bad_options_are_refused(options: list[str], message: str) -> None:
    with pytest.raises(TradeoffError, match=message):
        run_tradeoff(options, None, None)


def test_cli_json_and_adr(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"tenants": 100, "compliance": ["HIPAA"]}))
    result = CliRunner().invoke(
        app,
        [
            "tradeoff",
            *TENANCY,
            "--spec",
            str(spec),
            "--format",
            "json",
            "--adr",
            str(tmp_path / "adr"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "options",
        "dimensions",
        "matrix",
        "recommendation",
        "assumptions",
        "sensitivity",
        "irreversible",
    ):
        assert key in data
    records = list((tmp_path / "adr").glob("*.md"))
    assert len(records) == 1
    assert 'Chosen option: "database-per-tenant"' in records[0].read_text()
    again = CliRunner().invoke(
        app, ["tradeoff", *TENANCY, "--spec", str(spec), "--adr", str(tmp_path / "adr")]
    )
    assert again.exit_code == 0
    names = sorted(p.name[:5] for p in (tmp_path / "adr").glob("*.md"))
    assert names == ["0001-", "0002-"]  # a second run never overwrites the first


def test_aliases_with_slashes_are_technologies() -> None:
    result = CliRunner().invoke(
        app, ["tradeoff", "bitnami/rabbitmq", "aws-sqs", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["options"] == ["rabbitmq", "aws-sqs"]


def test_cli_bad_dimension_is_one_line_exit_2() -> None:
    result = CliRunner().invoke(app, ["tradeoff", *TENANCY, "--dimensions", "vibes"])
    assert result.exit_code == 2
    assert "unknown dimension vibes" in result.stderr
    assert result.stdout == ""


def test_architecture_files_as_options(example_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    other = examples / "three_tier.yaml"
    if example_path == other:  # two different files, whatever the parametrisation
        other = examples / "event_driven_orders.yaml"
    result = CliRunner().invoke(
        app, ["tradeoff", str(example_path), str(other), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recommendation"] in (str(example_path), str(other))
    assert "components" in data["matrix"][str(other)]["operational_complexity"]["reason"]


def test_architecture_files_are_scored_on_the_engines_figures() -> None:
    """An architecture's cost and ceiling cells carry the totals `cost` and `simulate`
    print for the same file: one cost engine and one capacity model, no second count."""
    examples = Path(__file__).resolve().parents[2] / "examples"
    files = [str(examples / "three_tier.yaml"), str(examples / "event_driven_orders.yaml")]
    runner = CliRunner()
    result = runner.invoke(app, ["tradeoff", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    matrix = json.loads(result.stdout)["matrix"]
    for path in files:
        cost = json.loads(runner.invoke(app, ["cost", path, "--format", "json"]).stdout)
        sim = json.loads(runner.invoke(app, ["simulate", path, "--format", "json"]).stdout)
        total = f"${cost['monthly_total']:,.0f}/month on {cost['cloud']}"
        assert matrix[path]["cost"]["reason"] == f"cost engine: {total}"
        assert f"max {sim['max_rps']:,.0f} rps" in matrix[path]["scalability_ceiling"]["reason"]


def test_architecture_files_take_the_first_named_files_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --spec the context is the requirements of the first file named, whatever
    the paths' sort order, and a path written `./a.yaml` is the file it names."""
    source = Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["requirements"]["constraints"]["cloud"] = "gcp"
    (tmp_path / "a_gcp.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "b_aws.yaml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for first, second, cloud in (
        ("b_aws.yaml", "./a_gcp.yaml", "aws"),
        ("a_gcp.yaml", "b_aws.yaml", "gcp"),
    ):
        result = runner.invoke(app, ["tradeoff", first, second, "--format", "json"])
        assert result.exit_code == 0, result.output
        matrix = json.loads(result.stdout)["matrix"]
        assert set(matrix) == {first, second}
        assert all(matrix[n]["cost"]["reason"].endswith(f"on {cloud}") for n in matrix)


def test_table_layout_golden(tmp_path: Path, golden: Callable[[Path, str], None]) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump({"tenants": 100, "compliance": ["HIPAA"], "team": {"size": 8}}))
    result = CliRunner().invoke(app, ["tradeoff", *TENANCY, "--spec", str(spec)])
    assert result.exit_code == 0, result.output
    golden(Path(__file__).parent / "golden" / "tradeoff_tenancy_hipaa.txt", result.stdout)


def test_data_isolation_is_the_isolation_dimension() -> None:
    from archwright.advise.run import run_tradeoff

    result = run_tradeoff(["shared-schema", "hybrid-tenancy"], None, ["data_isolation"])
    assert result["dimensions"] == ["isolation"]
    assert result["recommendation"] == "hybrid-tenancy"


def test_equal_totals_break_toward_the_simpler_option_in_any_order() -> None:
    from archwright.advise.run import run_tradeoff
    from archwright.model import Requirements

    req = Requirements.model_validate({"team": {"size": 6}})
    one = run_tradeoff(["monolith", "modular-monolith"], req, None)
    two = run_tradeoff(["modular-monolith", "monolith"], req, None)
    assert one["totals"]["monolith"] == one["totals"]["modular-monolith"]
    assert one["recommendation"] == two["recommendation"] == "monolith"
    assert one["ranking"] == two["ranking"]


def test_technologies_are_weighed_as_select_weighs_them() -> None:
    from archwright.advise.run import run_tradeoff
    from archwright.advise.select import select
    from archwright.kb import load_catalog
    from archwright.kb.tradeoffs import load_tradeoffs
    from archwright.model import Requirements

    req = Requirements.model_validate(
        {
            "scale": {"events_per_second": 500000},
            "team": {"size": 40, "experience": ["kafka"], "existing_stack": ["kafka"]},
            "constraints": {"cloud": "on_prem"},
            "needs": {"ordering": "per-key"},
        }
    )
    ranked = select("stream", req, load_catalog(), load_tradeoffs())["ranking"]
    scores = {r["technology"]: r["score"] for r in ranked}
    traded = run_tradeoff(["nats", "kafka", "redpanda"], req, None)
    assert traded["recommendation"] == "kafka"
    assert traded["totals"] == {n: scores[n] for n in ("nats", "kafka", "redpanda")}


def test_a_need_read_from_the_prose_rules_out_an_option_and_says_why() -> None:
    """MQTT in the prose asks for the IoT pattern, whose device gateway speaks MQTT: a
    WebSocket gateway cannot be recommended, whatever it scores."""
    said = Requirements(
        description="Ten engineers connect 200K devices over MQTT to AWS.",
        constraints={"cloud": "aws"},
    )
    result = run_tradeoff(["aws-api-gateway-websocket", "aws-iot-core"], said, None)
    assert set(result["ruled_out"]) == {"aws-api-gateway-websocket"}
    assert "mqtt" in result["ruled_out"]["aws-api-gateway-websocket"]
    assert result["recommendation"] == "aws-iot-core"
    assert result["ranking"][-1] == "aws-api-gateway-websocket"
    unsaid = Requirements(description="Ten engineers on AWS.", constraints={"cloud": "aws"})
    assert (
        run_tradeoff(["aws-api-gateway-websocket", "aws-iot-core"], unsaid, None)["ruled_out"] == {}
    )


def test_a_need_no_option_meets_rules_nothing_out() -> None:
    """As design and select narrow: when no option speaks MQTT, the scores decide."""
    said = Requirements(description="Connect 200K devices over MQTT.")
    result = run_tradeoff(["aws-api-gateway-websocket", "socket.io"], said, None)
    assert result["ruled_out"] == {}


def test_data_kept_on_premises_rules_out_a_vendor_api_and_a_flip_brings_it_back() -> None:
    spec = Requirements(
        description="Serve an open-weights model on our own GPUs.",
        constraints={"cloud": "on_prem", "managed_preferred": False},
    )
    result = run_tradeoff(
        ["openai-gpt-4o", "vllm"], spec, None, what_if=["constraints.managed_preferred=true"]
    )
    assert list(result["ruled_out"]) == ["openai-gpt-4o"]
    assert result["recommendation"] == "vllm"
    (probe,) = [s for s in result["sensitivity"] if s["assumption"].startswith("what if")]
    assert probe["recommendation"] == "openai-gpt-4o"


def test_a_job_the_requirements_give_the_role_rules_out_what_cannot_do_it() -> None:
    spec = Requirements(description="Nightly model training over 2 TB on AWS with Spark.")
    result = run_tradeoff(["aws-glue", "aws-emr"], spec, None)
    assert "training" in result["ruled_out"]["aws-glue"]
    assert result["recommendation"] == "aws-emr"
