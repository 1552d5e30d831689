from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="CMP009",
    name="compliance.gdpr_data_residency",
    category=Category.COMPLIANCE,
    severity=Severity.HIGH,
    summary="Personal data stored outside the required regions",
    rationale=(
        "When requirements restrict where personal data may live (data residency or allowed "
        "regions), a store placed elsewhere is an unlawful transfer unless covered by a "
        "transfer mechanism."
    ),
    fix=(
        "Place every store holding personal data (and its replicas and backups) in an "
        "allowed region."
    ),
    refs=(
        "GDPR Art. 44",
        "GDPR Art. 46",
        "SOC 2 C1.1",
    ),
)

EU_PREFIXES = ("eu-", "europe-", "westeurope", "northeurope", "francecentral", "germanywestcentral")


def _allowed(region: str, regions: list[str], residency: list[str]) -> bool:
    if regions and region in regions:
        return True
    if any(r.upper() == "EU" for r in residency):
        return region.lower().startswith(EU_PREFIXES)
    return not regions


def check(ctx: Context) -> Iterator[Finding]:
    regions = ctx.req.constraints.regions
    residency = ctx.req.constraints.data_residency
    if not regions and not residency:
        return
    for c in ctx.personal_stores:
        if c.region and not _allowed(c.region, regions, residency):
            where = ", ".join(regions + residency)
            yield RULE.finding(c, f"{c.label} holds personal data in {c.region}, outside {where}")
