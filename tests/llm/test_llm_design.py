"""`design --llm`: the model proposes, the engine sizes and prices, provenance says who did what."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from llm_wire import SECRET, Harness, openai_reply, run_cli

from archwright.archfile import load_architecture, to_data
from archwright.generate import design
from archwright.generate.llm_design import design_with_llm
from archwright.model import Architecture, Severity

TEXT = "A photo sharing app for 2 million daily users with comments, on AWS, 99.9% available."


def engine_part(arch: Architecture) -> dict[str, Any]:
    """The architecture as data without the provenance record the LLM layer adds."""
    data = to_data(arch)
    data["properties"].pop("provenance")
    return data


def proposal(name: str = "photos") -> dict[str, Any]:
    return {
        "name": name,
        "components": [
            {"id": "mobile", "kind": "client"},
            {"id": "edge", "kind": "load_balancer", "public": True},
            {"id": "api", "kind": "service", "technology": "aws-ecs-fargate"},
            {"id": "photos-db", "kind": "sql_db", "technology": "aws-rds-postgresql"},
            {"id": "blobs", "kind": "object_store"},
        ],
        "connections": [
            {"source": "mobile", "target": "edge"},
            {"source": "edge", "target": "api", "protocol": "http"},
            {"source": "api", "target": "photos-db", "protocol": "sql"},
            {"source": "api", "target": "blobs", "protocol": "s3", "share": 0.3},
        ],
        "journeys": [{"name": "view photo", "steps": ["mobile", "edge", "api", "photos-db"]}],
        "decisions": [
            {"id": "ADR-1", "title": "PostgreSQL for metadata", "chosen": "aws-rds-postgresql"}
        ],
    }


def test_without_a_model_the_engine_designs_and_says_so() -> None:
    out = design_with_llm(TEXT, None)
    assert out.provenance.llm_used is False
    assert out.provenance.note == "LLM not used (no provider configured)"
    assert set(out.provenance.parts.values()) == {"engine"}
    assert engine_part(out.result.architecture) == to_data(design(TEXT).architecture)


def test_a_valid_proposal_is_sized_and_priced_by_the_engine(harness: Harness) -> None:
    harness.server.script(openai_reply("{}"), openai_reply(json.dumps(proposal())))
    client = harness.client("openai:gpt-4o-mini")
    out = design_with_llm(TEXT, client)
    arch = out.result.architecture
    assert out.provenance.llm_used and out.provenance.model == "openai:gpt-4o-mini"
    assert [c.id for c in arch.components] == ["mobile", "edge", "api", "photos-db", "blobs"]
    assert arch.requirements == design(TEXT).architecture.requirements  # the engine's reading
    api = arch.component("api")
    assert api.properties["proposed_by"] == "openai:gpt-4o-mini"
    assert api.properties["sizing"].startswith("ceil(")
    assert api.replicas >= 2  # 99.9% needs two of everything
    assert out.provenance.technology["api"] == "openai:gpt-4o-mini"
    assert out.provenance.technology["blobs"] == "engine"  # the model left it open
    assert arch.component("blobs").technology
    assert out.provenance.parts["sizing"] == "engine"
    assert out.result.cost.monthly_total > 0
    assert [d.id for d in arch.decisions] == ["ADR-1"]
    audited = [r for r in out.result.risks if r.source.startswith("audit ")]
    assert audited and all(r.severity.rank >= Severity.HIGH.rank for r in audited)
    assert out.provenance.parts["requirements"] == "engine"  # the model added nothing
    sent = harness.server.requests[1].body["messages"][1]["content"]
    assert TEXT in sent.split("<<<DATA", 2)[1]  # the description travels as data


def test_garbage_falls_back_to_the_built_in_design(harness: Harness) -> None:
    harness.server.default = openai_reply("Sure! Here is a great architecture: microservices.")
    client = harness.client("openai:gpt-4o-mini")
    out = design_with_llm(TEXT, client)
    assert not out.provenance.llm_used
    assert out.provenance.note.startswith(
        "LLM proposal not used: answer still invalid after repairs: the answer is not JSON"
    )
    assert set(out.provenance.parts.values()) == {"engine"}
    assert engine_part(out.result.architecture) == to_data(design(TEXT).architecture)
    assert len(harness.server.requests) == 6  # requirements and proposal, 1 + 2 repairs each


def test_model_fills_requirements_the_extractor_missed(harness: Harness) -> None:
    harness.server.script(
        openai_reply(json.dumps({"compliance": ["HIPAA"], "budget": {"monthly_usd": 4000}})),
        openai_reply(json.dumps(proposal())),
    )
    out = design_with_llm(TEXT, harness.client("openai:gpt-4o-mini"))
    req = out.result.architecture.requirements
    assert [c.value for c in req.compliance] == ["HIPAA"] and req.budget.monthly_usd == 4000
    assert out.provenance.parts["requirements"] == (
        "engine + openai:gpt-4o-mini (budget.monthly_usd, compliance)"
    )


def test_budget_exhaustion_falls_back_without_calling(harness: Harness) -> None:
    client = harness.client("openai:gpt-4o-mini", budget_tokens=100)
    out = design_with_llm(TEXT, client)
    assert not out.provenance.llm_used and "token budget of 100" in out.provenance.note
    assert harness.server.requests == []


def test_cli_design_with_llm_writes_only_inside_the_output_folder(harness: Harness) -> None:
    harness.server.script(
        openai_reply("{}"), openai_reply(json.dumps(proposal(name="../../escaped")))
    )
    out = harness.tmp / "work" / "out"
    res = run_cli("design", TEXT, "--llm", "openai:gpt-4o-mini", "-o", str(out),
                  env=harness.env(), cwd=harness.tmp)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["archwright.yaml", "design.md"]
    assert (
        not (harness.tmp / "escaped").exists() and not (harness.tmp / "work" / "escaped").exists()
    )
    arch = load_architecture(out / "archwright.yaml")
    assert arch.properties["provenance"]["parts"]["components"] == "openai:gpt-4o-mini"
    assert "## Provenance" in (out / "design.md").read_text()
    assert "components proposed by openai:gpt-4o-mini" in res.stderr
    assert SECRET not in res.stdout + res.stderr


def test_cli_design_without_provider_still_works(tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = run_cli("design", TEXT, "-o", str(out), "--format", "json",
                  env={"HOME": str(tmp_path)}, cwd=tmp_path)  # fmt: skip
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["properties"]["provenance"]["llm_used"] is False
    assert doc["properties"]["provenance"]["note"] == "LLM not used (no provider configured)"
