"""What `design` read from a description reaches the design, and what it did not read
is said: requested technologies are honoured, a stray keyword adds no pattern, and
design.md lists the phrases read and the fragments not understood."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from archwright.advise.select import select
from archwright.generate import design
from archwright.generate.mentions import catalog_name
from archwright.generate.report import render
from archwright.generate.vocabulary import technologies, units, vocabulary
from archwright.kb.catalog import load_catalog
from archwright.kb.patterns import load_patterns
from archwright.kb.scoring import is_named
from archwright.kb.tradeoffs import load_tradeoffs
from archwright.model import Requirements


def _designed(tmp_path: Path, text: str) -> tuple[dict[str, object], str]:
    cmd = [sys.executable, "-m", "archwright", "design", text, "-o", str(tmp_path)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    arch = yaml.safe_load((tmp_path / "archwright.yaml").read_text(encoding="utf-8"))
    return arch, (tmp_path / "design.md").read_text(encoding="utf-8")


def _technologies(arch: dict[str, object], kind: str) -> set[str]:
    """The technologies of `kind` that serve calls: a standby named as a connection's
    `fallback` (a second provider, called only when the primary fails) is left out."""
    components, connections = arch["components"], arch["connections"]
    assert isinstance(components, list) and isinstance(connections, list)
    standby = {c.get("fallback") for c in connections}
    return {c["technology"] for c in components if c["kind"] == kind and c["id"] not in standby}


def _primary_llms(result: object) -> set[str]:
    arch = result.architecture  # type: ignore[attr-defined]
    standby = {c.fallback for c in arch.connections}
    return {c.technology for c in arch.components if c.kind.value == "llm" and c.id not in standby}


def test_gpt_4o_means_openai_in_the_written_file(tmp_path: Path) -> None:
    arch, text = _designed(
        tmp_path, "Customer-support assistant using GPT-4o over 50 GB of help articles, AWS"
    )
    assert _technologies(arch, "llm") == {"openai-gpt-4o"}
    requirements = arch["requirements"]
    assert isinstance(requirements, dict)
    assert requirements["constraints"]["requested"] == ["openai-gpt-4o"]
    assert "asked for by name" in text


def test_claude_means_anthropic() -> None:
    result = design("Payments platform with a ledger and Claude for fraud explanations, AWS")
    assert _primary_llms(result) == {"anthropic-claude-sonnet"}


def test_without_a_request_the_scorer_decides() -> None:
    """The request is what moves the choice: the same text without it does not pick it."""
    result = design("Customer-support assistant with an LLM over 50 GB of help articles, AWS")
    llm = {c.technology for c in result.architecture.components if c.kind.value == "llm"}
    assert "openai-gpt-4o" not in llm


def test_purchases_do_not_pull_in_a_payment_provider() -> None:
    result = design("E-commerce store, 2M DAU, users browse products and make purchases")
    ids = {u.id for u in result.patterns}
    assert "payments" not in ids
    assert any("purchases" in a and "payments" in a for a in result.assumptions)
    assert "payments" in {u.id for u in design("E-commerce store with checkout").patterns}


def test_design_md_lists_what_was_read_and_what_was_not() -> None:
    text = render(
        design("Telehealth platform with video visits, HIPAA, keep records 7 years, 5M devices")
    )
    read = text.split("## Read from the description")[1].split("## Not understood")[0]
    unread = text.split("## Not understood")[1].split("## Provenance")[0]
    assert "“keep records 7 years” | scale.retention" in read
    assert "“5M devices” | scale.devices" in read
    # Video visits are read now (WebRTC media); the rest of the phrase is the domain.
    assert "“video visits” | pattern realtime-media" in read
    assert "video visits" not in unread
    assert "Everything in the description was read" not in text


def test_five_million_devices_is_not_a_team() -> None:
    req = design("IoT telemetry, 5M devices sending readings every 5 seconds").architecture
    assert req.requirements.team.size is None
    assert req.requirements.scale.devices == 5_000_000


def test_every_product_names_a_catalog_technology_with_its_source() -> None:
    catalog = load_catalog()
    for product in vocabulary()["products"]:
        assert str(product["source"]).startswith("https://"), product
        assert catalog.find(product["catalog"]) is not None, product
    for word, family in technologies().items():
        if word not in vocabulary()["languages"]:
            name = catalog_name(family)
            assert name is None or is_named(catalog.get(name), [family]) or name == family, word


def test_every_hint_is_a_trigger_of_its_pattern() -> None:
    library = load_patterns()
    for hint in vocabulary()["hints"]:
        pattern = library.get(hint["pattern"])
        assert hint["word"] in [t.lower() for t in pattern.triggers], hint


def test_unit_tables_that_state_facts_cite_them() -> None:
    table = units()
    for key in ("nines", "sizes_gb", "periods"):
        assert str(table[key]["source"]).startswith("https://"), key
    assert set(table["entities"]["devices"]).isdisjoint(table["entities"]["users"])
    assert set(table["entities"]["devices"]).isdisjoint(table["entities"]["team"])


def test_a_request_no_role_can_take_is_said_not_dropped() -> None:
    result = design("Simple internal tool, events go through Kafka, AWS")
    assert result.architecture.requirements.constraints.requested == ["kafka"]
    assert not any(c.kind.value in ("queue", "stream") for c in result.architecture.components)
    assert any(a.startswith("kafka was asked for by name") for a in result.assumptions)


def test_select_on_the_written_requirements_honours_the_request_too() -> None:
    """One scorer: `select` reads `constraints.requested` from the recorded requirements
    and ranks the requested model first, as the design's decision does."""
    arch = design("Support assistant using GPT-4o over our help articles, AWS").architecture
    decision = next(d for d in arch.decisions if d.chosen == "openai-gpt-4o")
    answer = select("llm", arch.requirements, load_catalog(), load_tradeoffs())
    ranking = [row["technology"] for row in answer["ranking"]]
    assert ranking[: 1 + len(decision.alternatives)] == [
        decision.chosen,
        *(a.name for a in decision.alternatives),
    ]


def test_a_requirements_file_may_request_by_alias_and_unknown_names_are_reported() -> None:
    req = Requirements.model_validate(
        {
            "features": ["llm"],
            "constraints": {"cloud": "aws", "requested": ["gpt-4o", "flux-capacitor-db"]},
        }
    )
    result = design(req)
    assert result.architecture.requirements.constraints.requested == ["openai-gpt-4o"]
    assert _primary_llms(result) == {"openai-gpt-4o"}
    assert any("flux-capacitor-db" in n for n in result.not_understood)


def test_every_false_friend_holds_a_trigger_of_its_pattern() -> None:
    """A false-friend phrase with no trigger inside could never stop anything: a pattern
    renamed or a trigger dropped would leave it silently dead."""
    library = load_patterns()
    for entry in vocabulary()["false_friends"]:
        triggers = [t.lower() for t in library.get(entry["pattern"]).triggers]
        for phrase in entry["phrases"]:
            words = str(phrase).lower()
            assert any(
                re.search(rf"(?<![a-z0-9]){re.escape(t)}(?![a-z0-9])", words) for t in triggers
            ), (
                entry["pattern"],
                phrase,
            )
