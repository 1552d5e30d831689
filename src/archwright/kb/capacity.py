"""A component's capacity: the one place every engine asks how much one replica carries.

The model records only what the person wrote; sizing, simulation, the audit and the
advisers need every number. This module fills the gaps in one fixed order (model →
catalog technology → the kind defaults in `kind_capacity.yaml`) and says where each
number came from, so a result can be traced back to an assumption.

Per-replica throughput is one number: the lower of the catalog's measured
`throughput_rps` and what the replica's slots allow by Little's law
(concurrency × 1000 / service_time_ms). The queueing simulator models a replica as two
resources: `concurrency` slots, held for the whole request (its own work plus the sync
calls it waits for), and the replica's own work capacity, whose *effective concurrency*
is derived back from the per-replica figure (per_replica_rps × service_time_ms / 1000,
Little's law). A component doing only its own work therefore saturates at exactly
`per_replica_rps` per replica in `simulate`, the audit and sizing alike; one that waits
on slow callees can run out of slots first.

Model components with token figures (the component's `tokens`, else the catalog's) are
sized by tokens: see `token_profile`, `quota_rps`, `gpus_needed`, `call_ms` and
`context_overflow_share` below, and docs/ai-systems.md for the assumptions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from archwright.kb.catalog import Catalog, Hosting, Technology, TokenSpec, load_catalog
from archwright.kb.compiled import read_file
from archwright.model import (
    Architecture,
    Component,
    GpuServing,
    Kind,
    LatencyTo,
    ModelRole,
    TokenCount,
)
from archwright.records import frozen_record

__all__ = [
    "KindCapacity",
    "Profile",
    "QuotaLimit",
    "TokenProfile",
    "call_ms",
    "context_overflow_share",
    "default_hit_ratio",
    "effective_batch",
    "gpus_needed",
    "journey_step_ms",
    "kind_capacity",
    "per_replica_rps",
    "profile",
    "quota_rps",
    "resolve",
    "slots_rps",
    "token_profile",
]


class KindCapacity(BaseModel):
    """Capacity of one replica of a kind when nothing more specific is known."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    concurrency: int = Field(ge=1)
    service_time_ms: float = Field(ge=0)
    availability: float = Field(gt=0, le=1)
    unbounded: bool = False
    source: str = Field(pattern=r"^https://")


class _KindFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default_hit_ratio: float = Field(ge=0, le=1)
    default_hit_ratio_source: str = Field(pattern=r"^https://")
    kinds: dict[Kind, KindCapacity]


@cache
def _kind_file() -> _KindFile:
    return _KindFile.model_validate(read_file("kind_capacity.yaml"))


def kind_capacity(kind: Kind) -> KindCapacity:
    """The kind defaults (every kind has an entry; a test checks it)."""
    return _kind_file().kinds[kind]


def default_hit_ratio() -> float:
    """Hit ratio assumed for a cache that does not state one."""
    return _kind_file().default_hit_ratio


def slots_rps(concurrency: float, service_time_ms: float) -> float:
    """Requests/s a replica's slots allow by Little's law (∞ when it takes no time)."""
    if service_time_ms <= 0:
        return math.inf
    return concurrency * 1000.0 / service_time_ms


def per_replica_rps(tech: Technology | None, kind: Kind, size: str | None = None) -> float:
    """Sustained requests/s of one replica of `tech` (or of a `kind` with no technology).

    min(catalog throughput_rps, concurrency × 1000 / service_time_ms); with no
    technology, the kind defaults by Little's law. An instance `size` other than the
    priced unit scales the measured throughput by its sustained vCPUs (`size_scale`);
    its connection slots stay the engine's.
    """
    if tech is None:
        dflt = kind_capacity(kind)
        return slots_rps(dflt.concurrency, dflt.service_time_ms)
    cap = tech.capacity
    scaled = cap.throughput_rps * size_scale(tech, size)
    return min(scaled, slots_rps(cap.concurrency, cap.service_time_ms))


def units_needed(
    tech: Technology, load: float, record_kb: float | None = None, util: float = 1.0
) -> int:
    """Nodes (or shards / quota units) needed: load over one unit's sustained throughput
    at `util` of it, and where a unit also caps the bytes it takes in (`write_mb_per_s`:
    a Kinesis shard takes 1,000 records/s or 1 MB/s), the stated record size over that
    cap. The one definition: the scorer prices candidates with it (util 1) and sizing
    gives a stream its partitions with it (at the target utilisation)."""
    units = max(1, math.ceil(round(load / (per_replica_rps(tech, tech.kind) * util), 9)))
    cap = tech.capacity.write_mb_per_s
    if cap and record_kb:
        units = max(units, math.ceil(round(load * record_kb / 1024 / (cap * util), 9)))
    return units


def memory_nodes(tech: Technology | None, gb: float, fill: float = 1.0) -> int:
    """Nodes whose memory holds the in-memory index of `gb` of data (`capacity.in_memory`:
    an HNSW graph over the vectors), each filled to `fill`; 0 for a store that serves
    from disk. The one count of memory-bound nodes: `select` prices a vector store on
    it (`kb.scoring.nodes_to_hold`, at full) and `design` sizes one on it (at the
    sizing's storage fill), so the two never disagree on how many nodes 50M vectors need."""
    memory = None if tech is None else tech.capacity.in_memory
    if memory is None or gb <= 0:
        return 0
    return math.ceil(round(gb * memory.per_data_gb / (memory.node_gb * fill), 9))


def event_kb(payload_kb: float | None) -> float | None:
    """The size of one record a broker carries, from the stated payload: None when
    unstated (records of 1 KB or less, where the record rate binds before the bytes) or
    above the API-response range (`usage.payload_kb.high` in kb/transfer.yaml): that is
    a media object (a photo, a video segment) object storage carries, not an event, as
    the cost engine reads it."""
    # imported here: `validate` reads capacity without the transfer price models
    from archwright.kb.transfer import load_transfer

    if not payload_kb or payload_kb > load_transfer().usage.payload_kb.high:
        return None
    return payload_kb


def size_scale(tech: Technology | None, size: str | None) -> float:
    """How much of the catalog's measured capacity one instance of `size` has: its
    sustained vCPUs over those of the unit the figure was measured on (1 for the unit
    itself or a size the catalog does not list)."""
    if tech is None or not size:
        return 1.0
    for price in tech.prices.values():
        found = price.size(size)
        if found is not None and price.vcpus:
            return found.vcpus / price.vcpus
    return 1.0


# Kind members read once: an attribute read of an `Enum` class goes through
# `EnumType.__getattr__` on CPython 3.11 (117 ns against 13 for a module global), and
# these are asked per component.
_CLIENT, _CACHE, _CDN = Kind.CLIENT, Kind.CACHE, Kind.CDN


@dataclass(frozen=True)
class Profile:
    """Resolved capacity of one component.

    `concurrency` is the requests one replica holds at once (slots); `effective_concurrency`
    the requests it *works on* at once, derived from `per_replica_rps` by Little's law
    (equal to `concurrency` unless the catalog's throughput is the binding limit, so it
    may be fractional). `servers` and `work_servers` are those per component: × replicas
    (plus read replicas in proportion to the read share) × shards; `math.inf` for
    unbounded stations (clients, SaaS providers) that add latency but never queue.
    """

    id: str
    kind: Kind
    replicas: int
    shards: int
    concurrency: int
    effective_concurrency: float
    servers: float
    work_servers: float
    service_time_ms: float
    per_replica_rps: float
    availability: float
    hit_ratio: float
    unbounded: bool
    source: str
    quota_rps: float = math.inf
    tokens: TokenProfile | None = None
    regional: bool = False
    """The provider runs it across the zones of its region by construction (the
    catalog's `capacity.regional`, with its source): one regional unit whose
    `availability` is the service's, which no outage of one of the design's zones takes
    down. The one reading of it: simulate/availability.py and chaos's zone loss."""

    @property
    def provider_run(self) -> bool:
        """Whether availability reads it as the provider's whole service, not as replicas
        of ours: a regional service (one unit across its region's zones, `regional`) or an
        unbounded station (a SaaS provider, a client, a kind whose capacity is not ours).
        One declared replica of it is no single point of failure; a self-hosted broker
        on one replica is (the audit's REL001 and REL011 read this, so they agree with
        `availability`)."""
        return self.regional or self.unbounded

    @property
    def max_rps(self) -> float:
        """Requests/s every replica together sustains (∞ for unbounded stations)."""
        if self.unbounded:
            return math.inf
        return slots_rps(self.work_servers, self.service_time_ms)

    def replicas_busy(self, arriving_rps: float, holding_ms: float) -> float:
        """Replicas' worth of load at `arriving_rps`: the busier of the slots (held for
        `holding_ms`, sync calls included) and the work capacity (per_replica_rps)."""
        if arriving_rps <= 0:
            return 0.0
        if not math.isfinite(holding_ms):
            return math.inf
        by_slots = arriving_rps * holding_ms / 1000.0 / (self.concurrency * self.shards)
        by_work = arriving_rps / (self.per_replica_rps * self.shards)
        return max(by_slots, by_work)

    @property
    def is_cache(self) -> bool:
        """Caches, and CDNs given a hit ratio: both answer hits without calling onward."""
        kind = self.kind
        return kind is _CACHE or (kind is _CDN and self.hit_ratio > 0)


def resolve(
    arch: Architecture,
    catalog: Catalog | None = None,
    technologies: Mapping[str, Technology | None] | None = None,
) -> dict[str, Profile]:
    """Profiles of every component, keyed by id, in file order. `technologies` is each
    component's `Catalog.for_component` when the caller already looked them up (the
    audit's context does, once per kind and name, for its rules)."""
    cat = catalog if catalog is not None else load_catalog()
    read_fraction = _read_fraction(arch)
    bases: dict[tuple[Kind, int], _Basis] = {}
    out: dict[str, Profile] = {}
    for c in arch.components:
        cid, kind = c.id, c.kind
        if kind is _CLIENT:
            tech = None
        elif technologies is None:
            tech = cat.for_component(c)
        else:
            tech = technologies[cid]
        key = (kind, id(tech))
        basis = bases.get(key)
        if basis is None:
            basis = bases[key] = _basis(kind, tech)
        out[cid] = _profile(c, cid, kind, tech, read_fraction, basis)
    return out


def _read_fraction(arch: Architecture) -> float:
    """Share of requests that are reads, from the stated read:write ratio (0 if unknown)."""
    ratio = arch.requirements.scale.read_write_ratio
    return ratio / (ratio + 1.0) if ratio else 0.0


def profile(comp: Component, cat: Catalog, read_fraction: float = 0.0) -> Profile:
    """One component's profile (`resolve` does every component at once)."""
    tech = cat.for_component(comp) if comp.kind is not Kind.CLIENT else None
    return _profile(comp, comp.id, comp.kind, tech, read_fraction, _basis(comp.kind, tech))


@dataclass(frozen=True)
class _Basis:
    """What a profile takes from its kind and catalog technology before the component's
    own figures: the same for every component of that pair, so `resolve` reads it once
    per pair (a 10,000-component model has a few dozen), not per component (each read
    of a pydantic model is a slow attribute lookup, issue 16)."""

    tech: Technology | None  # held: `resolve` keys the bases by the technology's id()
    concurrency: int
    service_time_ms: float
    availability: float
    throughput_rps: float | None  # the catalog's measured figure, None without a technology
    unbounded: bool
    source: str
    regional: bool
    tokens: TokenSpec | None  # the technology's token figures (None: not a token model)


def _basis(kind: Kind, tech: Technology | None) -> _Basis:
    """The kind defaults overlaid with the technology's capacity, if any. A client has
    none: it is where traffic starts, and the catalog's numbers describe a user's
    device (render time, a phone's availability), not the system under study."""
    dflt = kind_capacity(kind)
    if tech is None:
        return _Basis(
            None,
            dflt.concurrency,
            dflt.service_time_ms,
            dflt.availability,
            None,
            dflt.unbounded,
            "kind default",
            False,
            None,
        )
    cap = tech.capacity
    return _Basis(
        tech,
        cap.concurrency,
        float(cap.service_time_ms),
        float(cap.availability),
        cap.throughput_rps,
        dflt.unbounded or tech.hosting is Hosting.SAAS,
        f"catalog:{tech.name}",
        cap.regional is not None,
        tech.tokens,
    )


def _profile(
    comp: Component,
    cid: str,
    kind: Kind,
    tech: Technology | None,
    read_fraction: float,
    basis: _Basis,
) -> Profile:
    """`profile` of component `cid` of `kind` whose catalog technology is `tech` (None for
    a client), over `_basis(kind, tech)`. Each field of the component is read once."""
    own_slots, own_ms, own_hit = comp.concurrency, comp.service_time_ms, comp.hit_ratio
    concurrency, service, tokens, source = _served(comp, tech, basis, own_slots, own_ms)
    own_availability = comp.availability
    availability = float(own_availability) if own_availability is not None else basis.availability
    # A component that states both its slots and its service time is described by them,
    # not by a catalog figure measured for some other workload.
    stated = own_slots is not None and own_ms is not None
    per_replica, effective = _per_replica(comp, tech, basis, tokens, concurrency, service, stated)
    hit_ratio = own_hit or 0.0
    if kind is _CACHE and own_hit is None:
        hit_ratio = default_hit_ratio()
    # Read replicas serve only reads: they add capacity in proportion to the read share.
    count, shards = comp.replicas, comp.shards
    replicas = count + comp.read_replicas * read_fraction
    unbounded = basis.unbounded
    servers = math.inf if unbounded else replicas * shards * concurrency
    work_servers = math.inf if unbounded else replicas * shards * effective
    if own_slots is not None or own_ms is not None:
        source = "model" if basis.throughput_rps is None else f"model+{source}"
    return frozen_record(
        Profile,
        {
            "id": cid,
            "kind": kind,
            "replicas": count,
            "shards": shards,
            "concurrency": concurrency,
            "effective_concurrency": effective,
            "servers": servers,
            "work_servers": work_servers,
            "service_time_ms": float(service),
            "per_replica_rps": per_replica,
            "availability": float(availability),
            "hit_ratio": float(hit_ratio),
            "unbounded": unbounded,
            "source": source,
            "quota_rps": quota_rps(tokens).rps if tokens is not None else math.inf,
            "tokens": tokens,
            "regional": basis.regional,
        },
    )


def _served(
    comp: Component,
    tech: Technology | None,
    basis: _Basis,
    own_slots: int | None,
    own_ms: float | None,
) -> tuple[int, float, TokenProfile | None, str]:
    """Slots, service time (ms), token profile and source of a component: its own
    figures, else its basis'; a token model's time from its tokens unless stated, and
    a GPU-served model's slots from its batch."""
    source = basis.source
    concurrency = own_slots or basis.concurrency
    service = float(own_ms) if own_ms is not None else basis.service_time_ms
    own_tokens = comp.tokens
    tokens = None if own_tokens is None and basis.tokens is None else token_profile(comp, tech)
    if tokens is not None and own_ms is None and _token_timed(comp, tokens):
        service = call_ms(tokens, tokens.input.mean, tokens.output.mean)
        source += "+tokens"
    gpu = tokens.gpu if tokens is not None else None
    if tokens is not None and gpu is not None and own_slots is None:
        concurrency = max(1, math.floor(effective_batch(tokens) * gpu.gpus_per_replica))
    return concurrency, service, tokens, source


def _per_replica(
    comp: Component,
    tech: Technology | None,
    basis: _Basis,
    tokens: TokenProfile | None,
    concurrency: int,
    service: float,
    stated: bool,
) -> tuple[float, float]:
    """Requests/s one replica serves, and the slots that makes busy: its slots over its
    service time, capped by a measured ceiling (the GPU's, or the catalog's scaled to the
    instance size) unless the component `stated` both."""
    per_replica = slots_rps(concurrency, service)
    effective = float(concurrency)
    gpu = tokens.gpu if tokens is not None else None
    throughput = basis.throughput_rps
    if gpu is not None:
        ceiling: float | None = _gpu_rps(tokens)
    elif throughput is not None:
        ceiling = throughput * size_scale(tech, comp.instance_size)
    else:
        ceiling = None
    if ceiling is not None and not stated and ceiling < per_replica:
        per_replica = ceiling
        effective = per_replica * service / 1000.0  # Little's law, solved for slots
    return per_replica, effective


def _first(*values: float | None) -> float | None:
    for value in values:
        if value is not None:
            return float(value)
    return None


# --- Token-aware capacity -------------------------------------------------------------
# An LLM's work is tokens: prefill reads the prompt (time to first token), decode writes
# the answer one token at a time. The functions below are the one place those figures
# turn into latency, quota limits, GPUs and the context cliff; docs/ai-systems.md states
# the assumptions and tests/kb/test_token_capacity.py checks them by hand.

Z99 = 2.3263478740408408  # standard normal quantile of 0.99
Z95 = 1.6448536269514722


@dataclass(frozen=True)
class TokenProfile:
    """A model component's resolved token figures (the component's own, else the
    catalog's); tails missing from both default to the next lower figure."""

    role: ModelRole
    input: TokenCount
    output: TokenCount
    context_window: float
    rpm_quota: float | None
    tpm_quota: float | None
    input_tpm_quota: float | None
    output_tpm_quota: float | None
    ttft_ms: float
    per_token_ms: float
    prefill_ms_per_1k: float
    gpu: GpuServing | None
    source: str
    cached_input_share: float = 0.0  # of each prompt, read from the prompt cache
    batch: bool = False  # called through the provider's batch API


@dataclass(frozen=True)
class QuotaLimit:
    """The request rate a provider's quotas allow, and which quota sets it."""

    rps: float
    binding: str  # "rpm", "tpm", "input tpm", "output tpm", or "none"


def token_profile(comp: Component, tech: Technology | None) -> TokenProfile | None:
    """Token figures of `comp`: each field the component states, else the catalog's.

    None when neither gives a request shape (a component that is not a token model).
    """
    own = comp.tokens
    spec = tech.tokens if tech is not None else None
    if own is None and spec is None:
        return None

    def pick(field: str) -> object:
        mine = getattr(own, field) if own is not None else None
        return mine if mine is not None else (getattr(spec, field) if spec else None)

    inp, out = pick("input"), pick("output")
    if not isinstance(inp, TokenCount) or not isinstance(out, TokenCount):
        return None
    gpu = pick("gpu")
    per_token = pick("per_token_ms")
    if isinstance(gpu, GpuServing) and (own is None or own.per_token_ms is None):
        # Continuous batching: each sequence gets its share of the GPU's token rate.
        per_token = gpu.batch_size * 1000.0 / gpu.tokens_per_second
    window = pick("context_window")
    return TokenProfile(
        role=spec.role if spec is not None else ModelRole.GENERATION,
        input=_filled(inp),
        output=_filled(out),
        context_window=float(window) if isinstance(window, (int, float)) else math.inf,
        rpm_quota=_number(pick("rpm_quota")),
        tpm_quota=_number(pick("tpm_quota")),
        input_tpm_quota=_number(pick("input_tpm_quota")),
        output_tpm_quota=_number(pick("output_tpm_quota")),
        ttft_ms=_number(pick("ttft_ms")) or 0.0,
        per_token_ms=_number(per_token) or 0.0,
        prefill_ms_per_1k=_number(pick("prefill_ms_per_1k")) or 0.0,
        gpu=gpu if isinstance(gpu, GpuServing) else None,
        source=f"catalog:{tech.name}" if spec is not None and tech is not None else "model",
        cached_input_share=_number(pick("cached_input_share")) or 0.0,
        batch=pick("batch") is True,
    )


def _filled(count: TokenCount) -> TokenCount:
    p95 = count.p95 if count.p95 is not None else count.mean
    p99 = count.p99 if count.p99 is not None else p95
    return TokenCount(mean=count.mean, p95=p95, p99=p99)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None


def _token_timed(comp: Component, tokens: TokenProfile) -> bool:
    """Whether the call time comes from tokens: a GPU-served model, or a component that
    states its own token figures (the catalog's service time already is the catalog's
    typical request, kept equal to it by a test)."""
    return tokens.gpu is not None or comp.tokens is not None


def quota_rps(tokens: TokenProfile) -> QuotaLimit:
    """Requests/s the provider's per-minute quotas allow at the mean request shape.

    TPM counts input + output tokens (OpenAI's and Azure's rule); Anthropic counts input
    and output apart (`input_tpm_quota`, `output_tpm_quota`). The lowest limit binds.
    """
    per_request = tokens.input.mean + tokens.output.mean
    limits = [
        ("rpm", tokens.rpm_quota, 1.0),
        ("tpm", tokens.tpm_quota, per_request),
        ("input tpm", tokens.input_tpm_quota, tokens.input.mean),
        ("output tpm", tokens.output_tpm_quota, tokens.output.mean),
    ]
    best = QuotaLimit(math.inf, "none")
    for name, quota, per in limits:
        if quota is None or per <= 0:
            continue
        rps = quota / per / 60.0
        if rps < best.rps:
            best = QuotaLimit(rps, name)
    return best


def effective_batch(tokens: TokenProfile) -> float:
    """Sequences one GPU decodes together: the measured batch, unless the KV cache cannot
    hold that many sequences of the mean length (prompt + answer)."""
    gpu = tokens.gpu
    if gpu is None:
        return 1.0
    if gpu.kv_cache_gb is None or gpu.kv_kb_per_token is None:
        return float(gpu.batch_size)
    held = gpu.kv_cache_gb * 1e6 / gpu.kv_kb_per_token  # tokens of context that fit
    per_sequence = max(1.0, tokens.input.mean + tokens.output.mean)
    return max(1.0, min(float(gpu.batch_size), math.floor(held / per_sequence)))


def _gpu_tokens_per_second(tokens: TokenProfile) -> float:
    """Output tokens/s one GPU sustains: the measured rate, scaled down in proportion
    when the KV cache holds fewer sequences than the measured batch (conservative:
    per-sequence speed rises a little at smaller batches)."""
    gpu = tokens.gpu
    if gpu is None:
        return math.inf
    return gpu.tokens_per_second * effective_batch(tokens) / gpu.batch_size


def _gpu_rps(tokens: TokenProfile | None) -> float:
    """Requests/s one replica (its GPUs) generates at the mean answer length."""
    if tokens is None or tokens.gpu is None or tokens.output.mean <= 0:
        return math.inf
    return _gpu_tokens_per_second(tokens) * tokens.gpu.gpus_per_replica / tokens.output.mean


def gpus_needed(rps: float, tokens: TokenProfile, utilization: float = 1.0) -> int:
    """GPUs that generate `rps` requests' mean answers at `utilization` of their rate:
    ceil(rps × output tokens / (tokens/s per GPU × utilization)). Size at the peak, not
    the mean (audit rule AI017 checks it)."""
    if rps <= 0 or tokens.gpu is None:
        return 0
    if not 0 < utilization <= 1:
        raise ValueError("utilization must be in (0, 1]")
    demand = rps * tokens.output.mean
    return math.ceil(demand / (_gpu_tokens_per_second(tokens) * utilization) - 1e-9)


def call_ms(tokens: TokenProfile, input_tokens: float, output_tokens: float) -> float:
    """One call's time: time to first token (stated at the mean prompt, plus the prefill
    of every 1,000 prompt tokens above it) plus one per-token time per generated token.
    A giant prompt is slow before the first token; a long answer after it."""
    extra = max(0.0, input_tokens - tokens.input.mean) / 1000.0 * tokens.prefill_ms_per_1k
    return tokens.ttft_ms + extra + output_tokens * tokens.per_token_ms


def journey_step_ms(prof: Profile, latency_to: LatencyTo) -> float:
    """The time a step adds to a journey by its own work: its service time, except for a
    generating model on a journey measured to the first token (a streaming UI), which
    adds only its time to first token at the mean prompt. The callers still hold their
    slots for the whole stream: only the journey's latency ends at the first token."""
    tokens = prof.tokens
    streamed = latency_to is LatencyTo.FIRST_TOKEN and tokens is not None
    if not streamed or tokens is None or tokens.role is not ModelRole.GENERATION:
        return prof.service_time_ms
    return min(prof.service_time_ms, call_ms(tokens, tokens.input.mean, 0.0))


def context_overflow_share(tokens: TokenProfile) -> float:
    """Share of requests whose prompt leaves no room for the answer in the context
    window (prompt > window − p99 output): these are truncated or refused.

    The prompt size is taken as lognormal, fitted to its mean and p99 (or p95); a
    distribution stated as a mean alone has no tail, so it overflows only if the mean
    does.
    """
    limit = tokens.context_window - (tokens.output.p99 or tokens.output.mean)
    if limit <= 0:
        return 1.0
    sigma, mu = _lognormal(tokens.input)
    if sigma == 0.0:
        return 1.0 if tokens.input.mean > limit else 0.0
    z = (math.log(limit) - mu) / sigma
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def _lognormal(count: TokenCount) -> tuple[float, float]:
    """(sigma, mu) of the lognormal with this mean and p99 (else p95): the smaller root
    of sigma²/2 − z·sigma + ln(tail/mean) = 0. A tail too heavy for any lognormal with
    that mean is capped at sigma = z (the widest fit)."""
    tail, z = (count.p99, Z99) if count.p99 is not None else (count.p95, Z95)
    if tail is None or count.mean <= 0 or tail <= count.mean:
        return 0.0, math.log(max(count.mean, 1e-9))
    gap = math.log(tail / count.mean)
    disc = z * z - 2.0 * gap
    sigma = z - math.sqrt(disc) if disc > 0 else z
    return sigma, math.log(count.mean) - sigma * sigma / 2.0
