from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Protocol, Severity

RULE = Rule(
    code="SEC012",
    name="security.unbounded_input_surface",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Streaming or query-language input surface without limits",
    rationale=(
        "GraphQL and WebSocket endpoints accept arbitrarily deep queries or unbounded "
        "message streams: without depth, size and rate limits one request can consume a "
        "whole server."
    ),
    fix=(
        "Set rate_limit_rps on the component and bound query depth/complexity and message "
        "size (properties.max_query_depth or max_message_kb)."
    ),
    refs=(
        "OWASP API4:2023 Unrestricted Resource Consumption",
        "CWE-400",
        "CWE-20",
    ),
)

PROTOCOLS = (Protocol.GRAPHQL, Protocol.WEBSOCKET)
LIMITS = ("max_query_depth", "max_message_kb", "max_complexity")


def check(ctx: Context) -> Iterator[Finding]:
    facing = {c.id for c in ctx.internet_facing}
    for conn in ctx.connections:
        target = ctx.components[conn.target]
        if conn.protocol not in PROTOCOLS or conn.target not in facing:
            continue
        if target.rate_limit_rps and any(k in target.properties for k in LIMITS):
            continue
        yield RULE.finding(
            target, f"{target.label} takes {conn.protocol.value} from the internet without limits"
        )
