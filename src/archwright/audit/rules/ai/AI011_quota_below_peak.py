from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.kb.capacity import quota_rps
from archwright.model import Severity

RULE = Rule(
    code="AI011",
    name="ai.quota_below_peak",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="Provider quota below the model's peak load",
    rationale=(
        "Hosted models enforce requests- and tokens-per-minute quotas per account, model "
        "and region. Above the quota the provider answers HTTP 429: the excess is not "
        "slow, it is refused, and retries make it worse."
    ),
    fix=(
        "Raise the quota (a higher usage tier, provisioned throughput), shorten prompts, "
        "cache answers, or route a share of traffic to another model or provider."
    ),
    refs=(
        "https://platform.openai.com/docs/guides/rate-limits",
        "https://docs.anthropic.com/en/api/rate-limits",
        "AWS Well-Architected Generative AI Lens GENPERF02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cid, load in ctx.load_by_id:
        prof = ctx.profiles.get(cid)
        if prof is None or prof.tokens is None or load <= 0:
            continue
        limit = quota_rps(prof.tokens)
        if load > limit.rps:
            yield RULE.finding(
                ctx.components[cid],
                f"{ctx.components[cid].label} gets {load:,.1f} requests/s at peak; its "
                f"{limit.binding.upper()} quota allows {limit.rps:,.1f}",
            )
