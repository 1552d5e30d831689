from collections.abc import Iterator

from archwright.audit.context import Context
from archwright.audit.rule import Category, Finding, Rule
from archwright.model import KIND_GROUP, Kind, KindGroup, Severity

RULE = Rule(
    code="REL013",
    name="reliability.cache_stale_reads",
    category=Category.RELIABILITY,
    severity=Severity.MEDIUM,
    summary="Cache without an invalidation strategy (stale reads)",
    rationale=(
        "A cache in front of a database that is written by other paths serves old values "
        "until the entry expires; with no TTL it never does, and with several writers "
        "there is no single place that knows to evict it."
    ),
    fix=(
        "Set ttl_seconds to the staleness the product accepts and state the invalidation "
        "(properties.invalidation: write-through, delete-on-write or change-data-capture) "
        "so every writer of the source evicts or updates the cached entry."
    ),
    refs=("AWS Well-Architected PERF (Caching)", "AWS whitepaper: Database Caching Strategies"),
)


def check(ctx: Context) -> Iterator[Finding]:
    for cache in ctx.of_kind(Kind.CACHE):
        if cache.properties.get("invalidation") or cache.properties.get("source_of_truth"):
            continue  # stated: how writes evict, or that nothing stands behind the cache
        readers = {c.source for c in ctx.inc.get(cache.id, [])}
        sources = _cached_stores(ctx, cache.id, readers)
        if not sources:
            continue
        writers = sorted(
            {c.source for s in sources for c in ctx.inc.get(s, []) if ctx.is_app(c.source)}
        )
        problem = (
            "has no TTL and no invalidation strategy"
            if cache.ttl_seconds is None
            else f"has a {cache.ttl_seconds:g}s TTL but no invalidation on write"
        )
        if cache.ttl_seconds is not None and set(writers) <= readers and len(writers) <= 1:
            continue  # one writer that also owns the cache, with entries that expire
        yield RULE.finding(
            [cache.id, *sources],
            f"{cache.label} caches {', '.join(sources)} and {problem}; "
            f"{', '.join(writers) or 'other writers'} can change the data underneath it",
            fix=f"Set ttl_seconds on {cache.id} and properties.invalidation "
            f"(write-through or delete-on-write from {', '.join(writers) or 'every writer'}, "
            "or change-data-capture from the database).",
        )


def _cached_stores(ctx: Context, cache_id: str, readers: set[str]) -> list[str]:
    """The systems of record whose rows the cache holds copies of.

    The model says so where it can: a caller's `fallback` to a store on its call to the
    cache (cache-aside misses go there) and the cache's own calls to a store
    (read-through). Without either, the stores its readers also call are the guess, unless
    something writes the cache without reading it: then the cache is fed (a feature store
    materialised by a pipeline, a view a worker maintains), its freshness is the feed's,
    and a store its readers happen to call is not behind it.
    """
    into = ctx.inc.get(cache_id, [])
    declared = {c.fallback for c in into if c.fallback and ctx.is_store(c.fallback)}
    declared |= {c.target for c in ctx.out.get(cache_id, []) if ctx.is_store(c.target)}
    if declared:
        return sorted(declared)
    if any(KIND_GROUP[ctx.components[c.source].kind] is KindGroup.DATA_PROCESSING for c in into):
        return []
    return sorted({c.target for r in readers for c in ctx.out.get(r, []) if ctx.is_store(c.target)})
