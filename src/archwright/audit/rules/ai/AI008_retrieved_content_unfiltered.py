from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI008",
    name="ai.retrieved_content_unfiltered",
    category=Category.AI,
    severity=Severity.MEDIUM,
    summary="Retrieved content reaches the model without guardrails",
    rationale=(
        "Documents pulled into a prompt can carry instructions (indirect prompt injection) "
        "that the model follows: leaking data, calling tools or misleading the user."
    ),
    fix=(
        "Treat retrieved text as data: delimit it, strip instructions, filter outputs, and "
        "restrict tools (properties.guardrails on the orchestrating service)."
    ),
    refs=(
        "OWASP LLM01:2025 Prompt Injection",
        "MITRE ATLAS AML.T0051",
    ),
)

SOURCES = (Kind.VECTOR_DB, Kind.SEARCH_INDEX, Kind.OBJECT_STORE)


def check(ctx: Context) -> Iterator[Finding]:
    retrievers = {c.source for kind in SOURCES for c in ctx.calls_into(kind)}
    for app in ctx.apps:
        if app.id not in retrievers:
            continue  # retrieves nothing: no need to look for a model two hops away
        callees = [ctx.components[c.target] for c in ctx.out.get(app.id, [])]
        # The model may sit behind a gateway: look one hop further.
        near = callees + [ctx.components[x.target] for c in callees for x in ctx.out.get(c.id, [])]
        calls_model = any(c.kind is Kind.LLM for c in near)
        if calls_model and not app.properties.get("guardrails"):
            yield RULE.finding(app, f"{app.label} puts retrieved content into prompts unfiltered")
