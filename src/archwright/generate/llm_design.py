"""Design with an LLM: the model proposes the shape, the built-in engine reads, sizes and prices.

The built-in design is always computed first (offline, milliseconds): it reads the
requirements, works out the load envelope, and is what the user gets whenever the model
is absent, fails, overruns the budget or keeps answering with something invalid. When a
proposal validates, the engine keeps the parts it is better at — the requirements it
read, the sizing of every component from the load, technology where the model left it
open, and the cost — and the result records which part came from where.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from archwright.cost import monthly_cost
from archwright.cost.traffic import Arrivals
from archwright.generate.engine import DesignResult, Risk, design
from archwright.generate.provision import loads_at
from archwright.generate.sizing import Envelope, size
from archwright.kb.catalog import Catalog, Hosting, load_catalog
from archwright.llm import LlmClient, complete_structured, parse_requirements
from archwright.llm.extraction import fill_gaps, requirements_request
from archwright.llm.proposal import proposal_parser, proposal_request
from archwright.llm.structured import Structured
from archwright.model import (
    Architecture,
    Cloud,
    Component,
    Kind,
    Requirements,
    Severity,
    check,
)

ENGINE = "engine"
_DATA_KINDS = {Kind.SQL_DB, Kind.NOSQL_DB, Kind.GRAPH_DB, Kind.TIMESERIES_DB, Kind.WAREHOUSE}


@dataclass
class Provenance:
    """Who made each part of the design: an `llm` model reference or the built-in engine."""

    llm_used: bool
    note: str
    model: str = ""
    rounds: int = 0
    parts: dict[str, str] = field(default_factory=dict)
    technology: dict[str, str] = field(default_factory=dict)

    def as_data(self) -> dict[str, object]:
        return {
            "llm_used": self.llm_used,
            "note": self.note,
            "model": self.model,
            "repair_rounds": max(0, self.rounds - 1),
            "parts": dict(sorted(self.parts.items())),
            "technology": dict(sorted(self.technology.items())),
        }


@dataclass
class LlmDesign:
    result: DesignResult
    provenance: Provenance


def _engine_only(
    result: DesignResult, note: str, rounds: int = 0, requirements: str = ENGINE
) -> LlmDesign:
    parts = dict.fromkeys(
        ("components", "connections", "journeys", "technology", "sizing", "decisions", "cost"),
        ENGINE,
    )
    parts["requirements"] = requirements
    used = requirements != ENGINE
    return _recorded(result, Provenance(used, note, rounds=rounds, parts=parts))


def _recorded(result: DesignResult, provenance: Provenance) -> LlmDesign:
    """The design with its provenance written into the architecture (and so the file)."""
    arch = result.architecture
    properties = {**arch.properties, "provenance": provenance.as_data()}
    arch = arch.model_copy(update={"properties": properties})
    return LlmDesign(replace(result, architecture=arch), provenance)


def design_with_llm(
    source: str | Requirements,
    client: LlmClient | None,
    *,
    cloud: Cloud | None = None,
    name: str | None = None,
    catalog: Catalog | None = None,
) -> LlmDesign:
    """The design, proposed by the model when one is configured and answers usefully."""
    catalog = catalog or load_catalog()
    base = design(source, cloud=cloud, name=name, catalog=catalog)
    return enhance(base, source, client, cloud=cloud, catalog=catalog)


def enhance(
    base: DesignResult,
    source: str | Requirements,
    client: LlmClient | None,
    *,
    cloud: Cloud | None = None,
    catalog: Catalog | None = None,
) -> LlmDesign:
    """`base` (the built-in design of `source`) improved by the model where it helps.

    The result's architecture carries the provenance in `properties["provenance"]`.
    """
    catalog = catalog or load_catalog()
    if client is None:
        return _engine_only(base, "LLM not used (no provider configured)")
    text = source if isinstance(source, str) else (base.architecture.requirements.description or "")
    req_source = ENGINE
    if isinstance(source, str):
        base, req_source = _reread(base, source, client, cloud, catalog)
    req = base.architecture.requirements
    proposal = complete_structured(
        client,
        proposal_request(text, req, catalog),
        proposal_parser(catalog),
        client.settings.repair_attempts,
    )
    if proposal.value is None:
        why = proposal.error or "answer still invalid after repairs: " + "; ".join(
            proposal.problems[:3]
        )
        return _engine_only(
            base,
            f"LLM proposal not used: {why}; the built-in engine designed the architecture",
            proposal.rounds,
            req_source,
        )
    return _adopted(base, proposal, proposal.value, req_source, catalog)


def _reread(
    base: DesignResult, source: str, client: LlmClient, cloud: Cloud | None, catalog: Catalog
) -> tuple[DesignResult, str]:
    """The model reads the description too: what it finds that the engine's reading left
    open fills the gaps, and the engine designs again from the merged requirements.
    Returns the design and who read the requirements."""
    reading = complete_structured(
        client,
        requirements_request(source),
        parse_requirements,
        client.settings.repair_attempts,
    )
    if reading.value is None:
        return base, ENGINE
    merged, filled = fill_gaps(base.architecture.requirements, reading.value)
    if not filled:
        return base, ENGINE
    base = design(merged, cloud=cloud, name=base.architecture.name, catalog=catalog)
    who = f"{reading.responses[-1].provider}:{reading.responses[-1].model}"
    return base, f"{ENGINE} + {who} ({', '.join(filled)})"


def _adopted(
    base: DesignResult,
    proposal: Structured[Architecture],
    proposed: Architecture,
    req_source: str,
    catalog: Catalog,
) -> LlmDesign:
    """A valid proposal taken: sized, priced and audited by the engine, with each part
    of the design recorded as the model's or the engine's. `proposed` is the proposal's
    value, which the caller has checked is there."""
    last = proposal.responses[-1]
    model = f"{last.provider}:{last.model}"
    arch, technology, unsettled = _sized(proposed, base, catalog, model)
    result = replace(
        base,
        architecture=arch,
        cost=monthly_cost(arch, catalog),
        patterns=[],
        skipped=[],
        risks=_risks(arch, base, catalog),
        roles={},
        assumptions=[
            *base.assumptions,
            f"components and connections proposed by {model}",
            *unsettled,
        ],
    )
    parts = {
        "requirements": req_source,
        "components": model,
        "connections": model,
        "journeys": model if proposed.journeys else ENGINE + " (none proposed)",
        "technology": model if set(technology.values()) == {model} else "mixed",
        "sizing": ENGINE,
        "decisions": model,
        "cost": ENGINE,
    }
    note = f"components proposed by {model}; sized and priced by the built-in engine"
    return _recorded(result, Provenance(True, note, model, proposal.rounds, parts, technology))


MAX_RISKS = 8


def _risks(arch: Architecture, base: DesignResult, catalog: Catalog) -> list[Risk]:
    """The requirement conflicts still stand; the design's own risks come from the audit."""
    from archwright.audit import audit

    out = [r for r in base.risks if r.source == "conflict"]
    for f in audit(arch, catalog=catalog).active:
        if f.severity.rank >= Severity.HIGH.rank:
            out.append(Risk(f"{f.title}: {f.message}", f.fix, f.severity, f"audit {f.rule_id}"))
    return out[:MAX_RISKS]


def _sized(
    proposal: Architecture, base: DesignResult, catalog: Catalog, model: str
) -> tuple[Architecture, dict[str, str], list[str]]:
    """The proposal with the engine's requirements, technologies where missing, and sizes;
    and the warnings of its cycles that did not settle (sized from a lower bound)."""
    env = base.envelope
    found = _loads(proposal, env)
    loads = found.rates
    engine_tech = {c.kind: c.technology for c in base.architecture.components if c.technology}
    technology: dict[str, str] = {}
    components: list[Component] = []
    for comp in proposal.components:
        if comp.kind is Kind.CLIENT:
            components.append(comp)
            continue
        tech = catalog.find(comp.technology) if comp.technology else None
        technology[comp.id] = model
        if tech is None:
            fallback = engine_tech.get(comp.kind)
            tech = catalog.find(fallback) if fallback else catalog.reference(comp.kind)
            technology[comp.id] = ENGINE
        managed = tech is not None and tech.hosting is not Hosting.SELF_HOSTED
        data = env.data_horizon_gb if comp.kind in _DATA_KINDS else 0.0
        sized = size(comp.kind, tech, loads[comp.id], env, managed, data)
        components.append(
            comp.model_copy(
                update={
                    "technology": tech.name if tech else None,
                    "replicas": sized.replicas,
                    "read_replicas": sized.read_replicas,
                    "shards": sized.shards,
                    "instance_size": sized.instance_size,
                    "storage_gb": comp.storage_gb or (round(data, 1) if data else None),
                    "properties": {
                        **comp.properties,
                        "proposed_by": model,
                        "sizing": sized.explanation,
                        "peak_load_rps": round(loads[comp.id], 2),
                    },
                }
            )
        )
    arch = proposal.model_copy(
        update={"requirements": base.architecture.requirements, "components": components}
    )
    arch = Architecture.model_validate(arch.model_dump())
    problems = check(arch)
    if problems:  # sizing changes no ids, so this would be a bug of ours, not of the model
        raise AssertionError("; ".join(str(p) for p in problems))
    return arch, technology, found.warnings


def _loads(arch: Architecture, env: Envelope) -> Arrivals:
    """Peak requests/s reaching each component of the proposal: the one load function
    (`provision.loads_at`) at the envelope's peak, with the cycles of the proposal that
    did not settle; realtime gateways are sized by the connections they hold."""
    found = loads_at(arch, env.peak_rps)
    load = found.rates
    for comp in arch.components:
        if comp.kind is Kind.REALTIME_GATEWAY:
            load[comp.id] = max(load.get(comp.id, 0.0), env.concurrent)
    return Arrivals({c.id: load.get(c.id, 0.0) for c in arch.components}, found.unsettled)


def provenance_markdown(provenance: Provenance) -> str:
    """The section design.md gets: which part came from the model, which from the engine."""
    lines = ["## Provenance", "", provenance.note + ".", "", "| part | from |", "| --- | --- |"]
    lines.extend(f"| {part} | {src} |" for part, src in sorted(provenance.parts.items()))
    if provenance.technology:
        lines += ["", "Technology per component:", ""]
        lines.extend(f"- `{cid}`: {src}" for cid, src in sorted(provenance.technology.items()))
    return "\n".join(lines) + "\n"


def enhance_for_cli(
    base: DesignResult, text: str | None, client: LlmClient | None, cloud: Cloud | None
) -> tuple[DesignResult, LlmDesign]:
    """What `archwright design` needs; closes the client (one run, one client)."""
    source: str | Requirements = text if text is not None else base.architecture.requirements
    try:
        outcome = enhance(base, source, client, cloud=cloud)
    finally:
        if client is not None:
            client.close()
    return outcome.result, outcome
