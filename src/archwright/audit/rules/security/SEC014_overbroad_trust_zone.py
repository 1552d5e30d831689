from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="SEC014",
    name="security.overbroad_trust_zone",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Internet-facing components share a trust zone with sensitive data",
    rationale=(
        "When an internet-facing component sits in the same trust zone as a store of "
        "personal data, compromising the edge gives network reach to the data with no "
        "further control to cross."
    ),
    fix=(
        "Split the zone: keep internet-facing components in an edge zone and sensitive "
        "stores in a private data zone reachable only from named services."
    ),
    refs=(
        "OWASP A04:2021 Insecure Design",
        "CWE-653",
        "PCI-DSS 1.4.1",
        "AWS Well-Architected SEC05-BP02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    zone_of = ctx.trust_zone_of
    facing = {c.id for c in ctx.internet_facing}
    zones: dict[str, tuple[list[str], list[str]]] = {}
    for cid, zone in zone_of.items():
        if cid not in ctx.components:
            continue
        edge, data = zones.setdefault(zone, ([], []))
        if cid in facing:
            edge.append(cid)
        elif ctx.is_store(cid) and ctx.holds_personal(ctx.components[cid]):
            data.append(cid)
    for zone, (edge, data) in sorted(zones.items()):
        if edge and data:
            yield RULE.finding(
                [*edge, *data],
                f"trust zone {zone} holds internet-facing {', '.join(edge)} "
                f"and sensitive {', '.join(data)}",
            )
