from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="REL003",
    name="reliability.missing_timeout",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Synchronous call without a timeout",
    rationale=(
        "Without a timeout a caller waits as long as the callee hangs; its threads, "
        "connections and memory fill with stuck requests and it fails too, even though "
        "its own code is fine."
    ),
    fix=(
        "Set timeout_ms on the call below the caller's own deadline (a few times the "
        "callee's P99), and fail fast or degrade when it expires."
    ),
    refs=("AWS Well-Architected REL05-BP05", "CWE-1088"),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.sync_calls:
        if conn.timeout_ms is not None:
            continue
        if ctx.components[conn.source].kind is Kind.CLIENT:
            continue  # browsers and apps outside the model are not ours to configure
        yield RULE.finding(
            conn,
            f"{conn.source} calls {conn.target} synchronously with no timeout",
            fix=f"Set timeout_ms on {conn.id} (for example 2-5x {conn.target}'s P99 latency, "
            f"below {conn.source}'s own deadline).",
        )
