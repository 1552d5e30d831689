from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="AI003",
    name="ai.prompt_logging_without_redaction",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="Prompts with personal data logged without redaction",
    rationale=(
        "Prompts and completions routinely contain what users typed (names, health details, "
        "account numbers); logging them verbatim copies personal data into log stores with "
        "weaker access control and longer retention."
    ),
    fix=(
        "Redact or hash personal data before logging prompts and outputs "
        "(properties.redact_pii_in_logs: true), or do not log them."
    ),
    refs=(
        "OWASP LLM02:2025 Sensitive Information Disclosure",
        "GDPR Art. 5(1)(c)",
        "CWE-532",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    callers = {c.source for c in ctx.calls_into(Kind.LLM)}
    for cid in sorted(callers):
        c = ctx.components[cid]
        personal = ctx.holds_personal(c) or any(
            ctx.holds_personal(ctx.components[x.target]) for x in ctx.out.get(cid, [])
        )
        if personal and c.observability.logs and not c.properties.get("redact_pii_in_logs"):
            yield RULE.finding(c, f"{c.label} logs LLM traffic that may carry personal data")
