from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="SEC005",
    name="security.personal_data_unencrypted_at_rest",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Personal data stored without encryption at rest",
    rationale=(
        "Disks, snapshots and backups of an unencrypted store can be read by anyone who "
        "gets a copy of them; regulators treat unencrypted personal data in a breach as an "
        "aggravating factor."
    ),
    fix=(
        "Enable encryption at rest (encryption_at_rest: true) with keys in a KMS, including "
        "for replicas and backups."
    ),
    refs=(
        "OWASP A02:2021 Cryptographic Failures",
        "CWE-311",
        "GDPR Art. 32(1)(a)",
        "AWS Well-Architected SEC08-BP02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.personal_stores + ctx.of_kind(Kind.CACHE):
        if ctx.holds_personal(c) and not c.encryption_at_rest:
            yield RULE.finding(
                c, f"{c.label} holds {', '.join(sorted(c.data_classes))} data unencrypted at rest"
            )
