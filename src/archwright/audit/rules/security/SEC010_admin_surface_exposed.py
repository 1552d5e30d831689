from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Component, Severity

RULE = Rule(
    code="SEC010",
    name="security.admin_surface_exposed",
    category=Category.SECURITY,
    severity=Severity.HIGH,
    summary="Administrative surface reachable from the internet",
    rationale=(
        "Admin consoles, management endpoints and back-office tools are the most privileged "
        "entry points of a system; exposing them to the internet invites credential "
        "stuffing and exploitation of their (often less-reviewed) code."
    ),
    fix=(
        "Serve admin endpoints from a separate component reachable only through VPN, "
        "SSO-protected zero-trust access, or an internal network."
    ),
    refs=(
        "OWASP A01:2021 Broken Access Control",
        "CWE-749",
        "PCI-DSS 1.3.1",
        "SOC 2 CC6.6",
    ),
)

WORDS = ("admin", "manage", "internal", "actuator", "debug")


def _admin_paths(c: Component) -> list[str]:
    return [e.path for e in c.endpoints if any(w in e.path.lower() for w in WORDS)]


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.internet_facing:
        paths = _admin_paths(c)
        if "admin" in c.tags or "admin" in c.id.lower():
            paths = paths or ["(admin component)"]
        if paths:
            yield RULE.finding(c, f"{c.label} exposes {', '.join(paths)} to the internet")
