from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC001",
    name="security.datastore_public",
    category=Category.SECURITY,
    severity=Severity.CRITICAL,
    summary="Datastore reachable from the internet",
    rationale=(
        "A database, cache, queue or index with a public address is one leaked or guessed "
        "credential (or one unpatched CVE) away from a full data breach; automated scanners "
        "find exposed database ports within hours."
    ),
    fix=(
        "Set public: false, place the datastore in a private subnet or trust zone, and "
        "reach it only from the services that own it (private endpoints, security groups)."
    ),
    refs=(
        "OWASP A05:2021 Security Misconfiguration",
        "CWE-284",
        "AWS Well-Architected SEC05-BP01",
        "PCI-DSS 1.3.1",
    ),
)

EXEMPT = (Kind.OBJECT_STORE,)  # public buckets have their own rule (SEC021)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.datastores + ctx.of_kind(Kind.QUEUE, Kind.STREAM):
        if c.public and c.kind not in EXEMPT:
            yield RULE.finding(c, f"{c.label} ({c.kind.value}) is public")
