from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import Severity

RULE = Rule(
    code="REL002",
    name="reliability.sync_call_chain_too_deep",
    category=Category.RELIABILITY,
    severity=Severity.HIGH,
    summary="Synchronous call chain through three or more services",
    rationale=(
        "Each service in a synchronous chain holds its caller's thread while it waits, so "
        "one slow or failed service at the end exhausts the capacity of every service "
        "before it (a cascading failure); the chain's availability is the product of its "
        "members' and its latency their sum."
    ),
    fix=(
        "Break the chain: have the first service publish an event or enqueue work that the "
        "next consumes asynchronously, or merge services that always change together."
    ),
    refs=("AWS Well-Architected REL05-BP03", "AWS Well-Architected REL04-BP01", "CWE-400"),
)

MAX_SERVICES_IN_CHAIN = 2


def _app_runs(ctx: Context, chain: list[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    current: list[str] = []
    for node in chain:
        if ctx.is_app(node):
            current.append(node)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def check(ctx: Context) -> Iterator[Finding]:
    seen: set[tuple[str, ...]] = set()
    depth = ctx.sync_depth
    # Only report maximal chains: skip starts that a synchronous app caller extends.
    extended = {c.target for c in ctx.app_calls if c.is_sync}
    starts = [cid for cid in ctx.components if ctx.is_app(cid) and cid not in extended]
    for start in sorted(starts):
        for run in _app_runs(ctx, depth[start]):
            key = tuple(run)
            if len(run) > MAX_SERVICES_IN_CHAIN and key not in seen:
                seen.add(key)
                yield RULE.finding(
                    run,
                    f"synchronous chain {' -> '.join(run)} ({len(run)} services): a failure "
                    f"or slowdown of {run[-1]} cascades back to {run[0]}",
                    fix=f"Make the call {run[0]} -> {run[1]} (or a later hop) asynchronous "
                    "through a queue or event stream, or merge services that always change "
                    "together; until then put timeouts and circuit breakers on every hop.",
                )
