from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF012",
    name="performance.large_payload_sync",
    category=Category.PERFORMANCE,
    severity=Severity.MEDIUM,
    summary="Large payloads through a synchronous API",
    rationale=(
        "Megabyte payloads through API servers tie up their memory and connections for the "
        "whole transfer and usually hit gateway limits (API Gateway caps at 10 MB)."
    ),
    fix=(
        "Upload and download large objects directly to object storage with pre-signed URLs; "
        "pass only references through the API."
    ),
    refs=(
        "AWS Well-Architected PERF05-BP01",
        "CWE-400",
    ),
)

LARGE_KB = 1024.0


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.sync_calls:
        if conn.payload_kb and conn.payload_kb >= LARGE_KB:
            target = ctx.components[conn.target]
            if target.kind is not Kind.OBJECT_STORE:
                msg = f"{conn.id} carries {conn.payload_kb:,.0f} KB per call synchronously"
                yield RULE.finding(conn, msg)
