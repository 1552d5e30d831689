from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC017",
    name="security.client_connects_to_datastore",
    category=Category.SECURITY,
    severity=Severity.CRITICAL,
    summary="Client talks to a datastore directly",
    rationale=(
        "A browser or mobile app that connects straight to a database must carry "
        "credentials that any user can extract, and the database then enforces no business "
        "rules on what they do."
    ),
    fix=(
        "Put an API between clients and data; the API authenticates the user and performs "
        "only the operations that user may perform."
    ),
    refs=(
        "OWASP A01:2021 Broken Access Control",
        "CWE-284",
        "CWE-798",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for conn in ctx.client_calls:
        if ctx.is_store(conn.target):
            yield RULE.finding(conn, f"client {conn.source} connects to {conn.target} directly")
