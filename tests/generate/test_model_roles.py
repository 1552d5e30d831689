"""AI roles are filled by technologies that do their job, in design and `select` alike."""

from __future__ import annotations

from archwright.advise.select import select
from archwright.generate import design
from archwright.kb.catalog import load_catalog
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements


def _ranked(argument: str) -> list[str]:
    answer = select(argument, None, load_catalog(), load_tradeoffs())
    return [row["technology"] for row in answer["ranking"]]


def test_select_narrows_by_job() -> None:
    catalog = load_catalog()
    embedders = _ranked("ml_model:embedding")
    assert embedders
    for name in embedders:
        tokens = catalog.get(name).tokens
        assert tokens is not None and tokens.role.value == "embedding", name
    # A generic model role gets model servers, never a provider's embedder or a registry.
    servers = _ranked("ml_model")
    assert "aws-bedrock-titan-embeddings" not in servers
    assert "aws-sagemaker-model-registry" not in servers
    # Training runs on ML platforms; generic batch work never lands there.
    assert _ranked("batch_processor:training")[0] in {
        "aws-sagemaker-training",
        "kubeflow-pipelines",
    }
    assert "aws-sagemaker-training" not in _ranked("batch_processor")
    # A fallback tier avoids the primary's provider.
    for name in _ranked("llm:not-anthropic"):
        tokens = catalog.get(name).tokens
        assert tokens is not None and tokens.provider != "anthropic", name


def test_designed_rag_fills_each_model_role_with_its_kind_of_model() -> None:
    req = Requirements.model_validate(
        {
            "description": "support chatbot with RAG over our help centre, model fallback",
            "features": ["rag", "model fallback"],
            "scale": {"peak_rps": 50, "dau": 50000},
        }
    )
    arch = design(req).architecture
    catalog = load_catalog()
    tech = {c.id: catalog.find(c.technology) for c in arch.components if c.technology}
    assert tech["embedder"].tokens.role.value == "embedding"  # type: ignore[union-attr]
    assert tech["reranker"].tokens.role.value == "rerank"  # type: ignore[union-attr]
    primary, fallback = tech["llm"].tokens, tech["llm-fallback"].tokens  # type: ignore[union-attr]
    assert primary is not None and fallback is not None
    assert primary.provider != fallback.provider
    # The fallback is called on failure only: a standby, billed nothing for traffic.
    conn = next(c for c in arch.connections if c.target == "llm")
    assert conn.fallback == "llm-fallback"
    assert not any(c.target == "llm-fallback" for c in arch.connections)


def _models(text: str) -> dict[str, str | None]:
    arch = design(text).architecture
    return {c.id: c.technology for c in arch.components if c.kind.value == "llm"}


def test_prompts_kept_inside_a_cloud_stay_on_its_model_service_fallback_included() -> None:
    """'Prompts must stay within AWS': the primary and the fallback tier are Bedrock;
    without the constraint the fallback is another provider's API outside AWS."""
    inside = _models(
        "An enterprise on AWS needs an LLM for document Q&A at 50 requests per "
        "second; prompts must stay within AWS."
    )
    assert len(inside) >= 2 and set(inside.values()) == {"aws-bedrock"}, inside
    free = _models("An enterprise on AWS needs an LLM for document Q&A at 50 requests per second.")
    assert len(free) >= 2 and set(free.values()) != {"aws-bedrock"}, free


def test_select_reads_the_boundary_as_design_does() -> None:
    req = Requirements.model_validate(
        {"constraints": {"cloud": "aws", "within_cloud": True}, "scale": {"peak_rps": 50}}
    )
    ranking = select("llm:not-aws", req, load_catalog(), load_tradeoffs())["ranking"]
    assert [r["technology"] for r in ranking] == ["aws-bedrock"]


def test_a_model_asked_for_by_name_is_still_its_providers() -> None:
    asked = _models("A chatbot API on AWS using GPT-4o, 30 requests per second")
    assert "openai-gpt-4o" in asked.values(), asked
