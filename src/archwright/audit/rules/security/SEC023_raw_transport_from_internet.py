from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Protocol, Severity

RULE = Rule(
    code="SEC023",
    name="security.raw_transport_from_internet",
    category=Category.SECURITY,
    severity=Severity.MEDIUM,
    summary="Raw TCP/UDP port open to the internet",
    rationale=(
        "Raw TCP or UDP protocols exposed to clients bypass the HTTP edge (WAF, TLS "
        "termination, auth at the gateway) and are often admin or database protocols in "
        "disguise."
    ),
    fix=(
        "Expose only HTTPS/gRPC/WebSocket at the edge; if a raw protocol is needed, "
        "terminate TLS on a network load balancer and restrict sources."
    ),
    refs=(
        "OWASP A05:2021 Security Misconfiguration",
        "CWE-284",
        "CIS Controls 4.4",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.client_calls:
        if conn.protocol in (Protocol.TCP, Protocol.UDP):
            yield RULE.finding(
                conn, f"{conn.target} takes raw {conn.protocol.value} from {conn.source}"
            )
