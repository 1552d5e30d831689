"""Every engine endpoint returns what the engine returns, and refuses bad input as a 4xx.

The engine tests run on SQLite and PostgreSQL too (the `api` fixture): their results do
not depend on the store, but the sign-in and limits around them run on either.
"""

from __future__ import annotations

import io
import json
import zipfile

from web_client import HOSTILE, THREE_TIER, Api, refused

from archwright.advise.compare import compare
from archwright.archfile import parse_architecture
from archwright.audit import audit
from archwright.audit.render import to_json
from archwright.simulate.load import simulate

ARCH = parse_architecture(THREE_TIER)


def test_validate_reports_problems_without_refusing(api: Api) -> None:
    good = api.post("/api/validate", {"yaml": THREE_TIER}).json()
    assert good["valid"] and (good["components"], good["connections"]) == (7, 6)
    bad = api.post("/api/validate", {"yaml": "name: x\ncomponents: [{id: a}]\n"}).json()
    assert not bad["valid"] and bad["problems"][0].startswith("model:2: components[0].kind")


def test_audit_is_the_engine_report_with_targets_and_grades(api: Api) -> None:
    body = api.post("/api/audit", {"yaml": THREE_TIER}).json()
    assert body == json.loads(json.dumps(to_json(audit(ARCH))))
    assert body["findings"] and all(f["targets"] for f in body["findings"])
    assert set(body["grades"]) >= {"reliability", "security"}
    only = api.post("/api/audit", {"yaml": THREE_TIER, "only": ["security"]}).json()
    assert {f["category"] for f in only["findings"]} == {"security"}
    assert "'x9'" in refused(api.post("/api/audit", {"yaml": THREE_TIER, "only": ["x9"]}), 400)


def test_sarif_is_a_download(api: Api) -> None:
    response = api.post("/api/audit/sarif", {"yaml": THREE_TIER})
    assert response.headers["content-disposition"] == 'attachment; filename="archwright.sarif"'
    log = response.json()
    assert log["version"] == "2.1.0" and log["runs"][0]["results"]


def test_cost_and_its_cloud(api: Api) -> None:
    body = api.post("/api/cost", {"yaml": THREE_TIER, "cloud": "gcp"}).json()
    assert body["cloud"] == "gcp" and body["monthly_total"] > 0
    assert set(body["components"]) == {c.id for c in ARCH.components}
    assert "unknown cloud 'mars'" in refused(
        api.post("/api/cost", {"yaml": THREE_TIER, "cloud": "mars"}), 400
    )


def test_simulate_names_the_bottleneck_at_the_given_load(api: Api) -> None:
    body = api.post("/api/simulate", {"yaml": THREE_TIER, "rps": 3000}).json()
    expected = simulate(ARCH, 3000.0)
    assert body["bottleneck"] == expected["bottleneck"]
    assert body["components"]["web"]["utilization"] == expected["components"]["web"]["utilization"]
    for rps in (0, -5, 1e12):
        refused(api.post("/api/simulate", {"yaml": THREE_TIER, "rps": rps}), 422)
    refused(api.post("/api/simulate", {"yaml": THREE_TIER, "rps": "lots"}), 422)


def test_chaos_cascade_and_what_contained_it(api: Api) -> None:
    body = api.post("/api/chaos", {"yaml": THREE_TIER, "fail": ["db"]}).json()
    assert "db" in body["failed"]
    assert body["components"]["db"]["status"] == "failed"
    assert "nothing to break" in refused(api.post("/api/chaos", {"yaml": THREE_TIER}), 400)
    unknown = api.post("/api/chaos", {"yaml": THREE_TIER, "fail": ["nope"]})
    assert "nope" in refused(unknown, 400)
    refused(api.post("/api/chaos", {"yaml": THREE_TIER, "slow": ["db"]}), 400)


def test_availability_against_the_slo(api: Api) -> None:
    body = api.post("/api/availability", {"yaml": THREE_TIER}).json()
    assert body["slo_percent"] == 99.9 and body["journeys"]
    refused(api.post("/api/availability", {"yaml": THREE_TIER, "samples": 5}), 422)


def test_compare_two_versions(api: Api) -> None:
    bigger = THREE_TIER.replace("replicas: 3", "replicas: 6", 1)
    body = api.post("/api/compare", {"a": THREE_TIER, "b": bigger}).json()
    assert body == json.loads(json.dumps(compare(ARCH, parse_architecture(bigger))))
    assert body["cost"]["delta"] > 0
    assert set(body["capacity"]["p99_ms"]) == {"browse catalogue", "checkout"}
    assert refused(api.post("/api/compare", {"a": THREE_TIER, "b": "x"}), 422).startswith("b:")


def test_design_from_text_and_from_requirements(api: Api) -> None:
    text = api.post("/api/design", {"description": "an online shop for 50k daily users"})
    body = text.json()
    assert body["components"] > 3 and body["monthly_total"] > 0
    assert parse_architecture(body["yaml"]).name == body["name"]
    req = api.post("/api/design", {"requirements": "scale:\n  peak_rps: 500\n"}).json()
    assert req["components"] > 1
    refused(api.post("/api/design", {}), 400)
    refused(api.post("/api/design", {"description": "x", "requirements": "a: 1"}), 400)
    refused(api.post("/api/design", {"description": "shop", "cloud": "mars"}), 400)
    assert refused(api.post("/api/design", {"requirements": "[1]"}), 422).startswith(
        "requirements:1"
    )


def test_tradeoff_and_select(api: Api) -> None:
    body = api.post("/api/tradeoff", {"options": ["kafka", "rabbitmq"]}).json()
    assert body["options"] == ["kafka", "rabbitmq"] and body["dimensions"]
    refused(api.post("/api/tradeoff", {"options": ["kafka"]}), 422)
    refused(api.post("/api/tradeoff", {"options": ["kafka", "no-such-thing-x"]}), 400)
    ranked = api.post("/api/select", {"kind": "queue"}).json()
    assert ranked["role"] == "queue"
    refused(api.post("/api/select", {"kind": "teapot"}), 400)


def test_every_export_is_a_zip_of_safe_paths(api: Api) -> None:
    names = [f["name"] for f in api.get("/api/formats").json()["formats"]]
    assert names == sorted(names) and {"mermaid", "terraform", "compose"} <= set(names)
    for fmt in ("mermaid", "compose", "terraform"):
        response = api.post("/api/export", {"yaml": HOSTILE, "format": fmt})
        assert response.status_code == 200, response.text
        paths = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert paths and all(not p.startswith(("/", "..")) and ".." not in p for p in paths)
    unknown = api.post("/api/export", {"yaml": THREE_TIER, "format": "pdf9"})
    assert "choose from" in refused(unknown, 400)


def test_the_schema_drives_the_forms(api: Api) -> None:
    schema = api.get("/api/schema").json()
    assert "components" in schema["properties"]


def test_a_bad_model_is_a_422_naming_its_line_everywhere(api: Api) -> None:
    bad = {"yaml": "name: x\ncomponents:\n  - id: a\n    kind: teapot\n"}
    for path in ("/api/audit", "/api/cost", "/api/simulate", "/api/availability"):
        assert refused(api.post(path, bad), 422).startswith("model:4: components[0].kind")
    refused(api.post("/api/chaos", {**bad, "fail": ["a"]}), 422)
    refused(api.post("/api/export", {**bad, "format": "mermaid"}), 422)
    refused(api.post("/api/audit", {"yaml": "a: &a [*a, *a]\n" * 3}), 422)


def test_ask_answers_with_the_engines_figures(api: Api) -> None:
    from archwright.advise.ask import answer

    question = "what does this cost per month?"
    body = api.post("/api/ask", {"yaml": THREE_TIER, "question": question}).json()
    direct = json.loads(json.dumps(answer(question, ARCH, arch_name="archwright.yaml").to_json()))
    assert body["intent"] == direct["intent"] == "cost"
    assert body["figures"] == direct["figures"] and body["figures"]
    assert body["command"] == direct["command"] == "archwright cost archwright.yaml"
    unrouted = api.post("/api/ask", {"yaml": THREE_TIER, "question": "bake me a cake"}).json()
    assert unrouted["intent"] is None and unrouted["closest"]
    refused(api.post("/api/ask", {"yaml": THREE_TIER, "question": ""}), 422)
    refused(
        api.post("/api/ask", {"yaml": "name: x\ncomponents: [{id: a}]\n", "question": "cost?"}), 422
    )
