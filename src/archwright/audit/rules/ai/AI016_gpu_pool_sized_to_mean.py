from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.cost import design_load
from archwright.kb.capacity import gpus_needed
from archwright.model import Severity

RULE = Rule(
    code="AI016",
    name="ai.gpu_pool_sized_to_mean",
    category=Category.AI,
    severity=Severity.HIGH,
    summary="GPU pool smaller than the peak needs",
    rationale=(
        "A self-hosted model's GPUs generate a fixed number of tokens per second; sized "
        "for the average load, the peak queues for whole answers (seconds each) and the "
        "KV cache fills. GPUs take minutes to start, so autoscaling does not catch a peak."
    ),
    fix=(
        "Provision GPUs for the peak (output tokens/s at peak over tokens/s per GPU, with "
        "headroom), or shed/queue the excess explicitly and route it to a hosted tier."
    ),
    refs=(
        "https://docs.vllm.ai/en/latest/performance/benchmarks.html",
        "AWS Well-Architected Generative AI Lens GENPERF02",
    ),
)


def check(ctx: Context) -> Iterator[Finding]:
    load = design_load(ctx.arch)
    ratio = (load.avg_rps / load.peak_rps) if load.peak_rps and load.avg_rps else None
    for cid, peak in ctx.load_by_id:
        prof = ctx.profiles.get(cid)
        if prof is None or prof.tokens is None or prof.tokens.gpu is None or peak <= 0:
            continue
        have = prof.replicas * prof.tokens.gpu.gpus_per_replica
        needed = gpus_needed(peak, prof.tokens)
        if needed <= have:
            continue
        mean = f"; {gpus_needed(peak * ratio, prof.tokens)} carry the mean" if ratio else ""
        yield RULE.finding(
            ctx.components[cid],
            f"{ctx.components[cid].label} has {have} GPUs; the peak "
            f"({peak:,.1f} requests/s) needs {needed}{mean}",
        )
