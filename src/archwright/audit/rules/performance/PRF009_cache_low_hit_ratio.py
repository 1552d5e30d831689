from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Kind, Severity

RULE = Rule(
    code="PRF009",
    name="performance.cache_low_hit_ratio",
    category=Category.PERFORMANCE,
    severity=Severity.LOW,
    summary="Cache with a low hit ratio",
    rationale=(
        "A cache that answers less than half of the reads adds a network hop to most "
        "requests and saves little; the keys or TTL probably do not match the access "
        "pattern."
    ),
    fix=("Cache what is read repeatedly (check the key design and TTL), or remove the cache."),
    refs=("AWS Well-Architected PERF03-BP04",),
)

MIN_HIT_RATIO = 0.5


def check(ctx: Context) -> Iterator[Finding]:
    for c in ctx.of_kind(Kind.CACHE):
        if c.hit_ratio is not None and c.hit_ratio < MIN_HIT_RATIO:
            yield RULE.finding(c, f"{c.label} serves only {c.hit_ratio:.0%} of reads")
