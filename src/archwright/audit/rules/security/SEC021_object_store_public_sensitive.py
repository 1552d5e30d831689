from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import DataClass, Kind, Severity

RULE = Rule(
    code="SEC021",
    name="security.object_store_public_sensitive",
    category=Category.SECURITY,
    severity=Severity.CRITICAL,
    summary="Public bucket holding non-public data",
    rationale=(
        "Public object-storage buckets are the most common source of large data leaks: "
        "anything in them can be listed or fetched by anyone who learns the bucket name."
    ),
    fix=(
        "Make the bucket private (block public access) and serve files through signed URLs "
        "or a CDN with origin access control."
    ),
    refs=(
        "OWASP A01:2021 Broken Access Control",
        "CWE-732",
        "AWS Well-Architected SEC08-BP04",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.of_kind(Kind.OBJECT_STORE, Kind.DATA_LAKE):
        sensitive = [d for d in c.data_classes if d is not DataClass.PUBLIC]
        if c.public and (sensitive or not c.data_classes):
            what = ", ".join(sorted(sensitive)) if sensitive else "unclassified"
            yield RULE.finding(c, f"{c.label} is public and holds {what} data")
