from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC011",
    name="security.unauthenticated_write_endpoint",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Write endpoint without authentication",
    rationale=(
        "An endpoint that creates, changes or deletes data with auth: false lets anyone do "
        "so; anonymous writes are also the usual vector for spam and resource abuse."
    ),
    fix=(
        "Require authentication on every POST, PUT, PATCH and DELETE endpoint (auth: true) "
        "and authorise the caller for the object it changes."
    ),
    refs=(
        "OWASP API1:2023 Broken Object Level Authorization",
        "OWASP A01:2021 Broken Access Control",
        "CWE-862",
    ),
)

WRITES = ("POST", "PUT", "PATCH", "DELETE")


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.arch.components:
        if not c.endpoints:
            continue
        open_writes = [
            f"{e.method} {e.path}" for e in c.endpoints if e.method in WRITES and not e.auth
        ]
        if open_writes:
            yield RULE.finding(c, f"{c.label} accepts anonymous writes: {', '.join(open_writes)}")
