from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI007",
    name="ai.personal_data_to_model_provider",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="Personal data sent to an external model provider",
    rationale=(
        "Prompts built from records of personal data send that data to the model provider, "
        "who may log or train on it unless the contract and settings say otherwise."
    ),
    fix=(
        "Redact or pseudonymise personal data before the call (properties.redact_pii: true "
        "on the caller), or use a provider with zero-retention terms recorded in "
        "properties.dpa."
    ),
    refs=(
        "OWASP LLM02:2025 Sensitive Information Disclosure",
        "GDPR Art. 28",
        "GDPR Art. 25",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.calls_into(Kind.LLM):
        target = ctx.components[conn.target]
        if target.properties.get("dpa"):
            continue
        source = ctx.components[conn.source]
        reads = [ctx.components[x.target] for x in ctx.out.get(source.id, [])]
        personal = ctx.holds_personal(source) or any(ctx.holds_personal(r) for r in reads)
        if personal and not source.properties.get("redact_pii"):
            yield RULE.finding(conn, f"{source.label} may send personal data to {target.label}")
