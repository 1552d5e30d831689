"""Composite availability of each journey, compared with the SLO and its error budget.

A journey is up when every step it needs synchronously is up (series). A step is up when
at least `k` of its `n` replicas are up (parallel replicas are 1-of-n; `k` is the number
of replicas the simulated load needs, so a busy component is k-of-n). Replicas are
spread round-robin over the component's zones and a zone going down takes all of its
replicas at once (correlated failures). A step reached through a connection with a
`fallback` component is up when either is up.

Exact computation conditions on the state of every zone involved (2^Z cases, Z ≤ 12):
given the zones, components are independent and each is a binomial tail. When a
component appears in two places (a fallback that is also a step) the structure is not
series-parallel and Monte Carlo answers instead, with a 95% (Wilson) interval.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archwright.kb.capacity import Profile
from archwright.model import Architecture, Journey, Kind
from archwright.model.collector import collector_paused
from archwright.simulate.capacity import stations
from archwright.simulate.flow import Network, build
from archwright.simulate.progress import Progress, Steps
from archwright.simulate.settings import defaults

if TYPE_CHECKING:
    import numpy as np

MAX_EXACT_ZONES = 12
MC_SAMPLES = 200_000
# Each sample costs a few tens of bytes per component and zone: 2 million stay near 100 MB.
MIN_SAMPLES = 100
PER_REPLICA_DRAWS = 20_000_000  # samples x replicas drawn one by one (20 MB of booleans)
MAX_SAMPLES = 2_000_000
_BROKERS = (Kind.QUEUE, Kind.STREAM)


@dataclass(frozen=True)
class Unit:
    """One component as a k-of-n block of replicas placed in zones."""

    id: str
    n: int
    k: int
    a: float
    zones: tuple[str, ...]  # replica r runs in zones[r % len(zones)]; "" = no zone

    def zone_names(self) -> set[str]:
        return {zone for zone in self.zones if zone}

    def placement(self) -> tuple[tuple[str, int], ...]:
        """Replicas per zone, as counts: a million replicas cost what three do."""
        cycle = self.zones or ("",)
        counts: dict[str, int] = {}
        for j, zone in enumerate(cycle):
            share = self.n // len(cycle) + (1 if j < self.n % len(cycle) else 0)
            if share:
                counts[zone] = counts.get(zone, 0) + share
        return tuple(counts.items())

    def survives_replica_loss(self) -> bool:
        """Whether `k` replicas remain with one of them down (N+1)."""
        return self.n - 1 >= self.k

    def survives_zone_loss(self) -> bool:
        """Whether `k` replicas remain with the zone holding the most of them down."""
        held = [count for zone, count in self.placement() if zone]
        return self.n - max(held, default=0) >= self.k

    def zone_of_replica(self) -> list[str]:
        """The zone of every replica (only for units small enough to sample one by one)."""
        cycle = self.zones or ("",)
        return [cycle[r % len(cycle)] for r in range(self.n)]


@dataclass(frozen=True)
class Block:
    """A step of a journey: up when any of its alternatives is up."""

    alternatives: tuple[Unit, ...]


def _unit(net: Network, node: int, busy: float) -> Unit:
    """`busy` is the replicas' worth of load the component carries (Profile.replicas_busy)."""
    prof = net.profiles[node]
    comp = net.component(node)
    n = max(comp.replicas, 0)
    if comp.read_replicas and not prof.unbounded:
        # Read replicas are replicas too: any node up serves. `busy` counts capacity
        # replicas (a read replica adds capacity for reads only, kb/capacity.py), so
        # it is rescaled to nodes: the share of the capacity needed, of every node.
        capacity = prof.servers / (prof.concurrency * prof.shards)
        n += comp.read_replicas
        busy = busy * n / capacity if capacity > 0 else busy
    k = _needed(busy, n)
    if prof.provider_run:
        # The provider's whole service: one unit at its stated availability, in no zone
        # of the design (the provider runs it in its own zones, as the audit reads it,
        # REL001/REL011), however many replicas, shards or capacity units the model
        # gives it. An unbounded station (a SaaS provider) never queues, so it is up
        # whenever the service is; a regional one when its units carry the load (k ≤ n).
        up = prof.unbounded or k <= n
        return Unit(comp.id, failing_nodes(prof, n), 1 if up else 2, prof.availability, ("",))
    return Unit(comp.id, n, k, prof.availability, tuple(comp.zones) or ("",))


def _needed(busy: float, n: int) -> int:
    """The replicas that must be up to carry `busy` replicas' worth of load; more than
    the `n` it has when saturated (no number of its replicas carries it)."""
    if not math.isfinite(busy):
        return n + 1
    return max(1, math.floor(busy) + 1) if busy > 0 else 1


def failing_nodes(prof: Profile, nodes: int) -> int:
    """How many of the `nodes` the model gives a component fail independently of each
    other. A provider-run service (`Profile.provider_run`) is one: its availability is
    the provider's figure for the whole service, so three declared replicas of a SaaS
    broker are not three independent chances (that would turn a 99.95% SLA into
    99.99999%); an unbounded one is there even when the model declares none. Every other
    node is one of ours. The availability block and the sweep's odds of a full outage
    both read this."""
    if prof.unbounded:
        return 1
    return min(nodes, 1) if prof.regional else nodes


def journey_blocks(net: Network, steps: list[str], offered: Callable[[int], float]) -> list[Block]:
    """The blocks a journey needs, up to its first asynchronous hand-off (`offered(node)`:
    the replicas' worth of load it carries, `_busy`)."""
    blocks: list[Block] = []
    for pos, cid in enumerate(steps):
        node = net.index[cid]
        async_in = False
        fallbacks: list[int] = []
        if pos > 0:
            prev = net.index[steps[pos - 1]]
            links = [net.edges[k] for k in net.out[prev] if net.edges[k].target == node]
            async_in = bool(links) and not any(e.sync for e in links)
            fallbacks = [e.fallback for e in links if e.fallback is not None]
        broker = net.profiles[node].kind in _BROKERS
        if async_in and not broker:
            break  # handed off: what runs after it is not on the request's path
        if net.profiles[node].kind is not Kind.CLIENT:
            units = [_unit(net, node, offered(node))]
            if pos > 0:
                units[0] = behind_edge_cache(net, net.index[steps[pos - 1]], units[0])
            units += [_unit(net, fb, offered(fb)) for fb in fallbacks]
            blocks.append(Block(tuple(units)))
        if broker:
            break  # the publish succeeded once the broker has it
    return blocks


def behind_edge_cache(net: Network, prev: int, unit: Unit) -> Unit:
    """An origin behind a CDN is needed only for the CDN's misses: a single, provider-run
    origin (an object store) is up for a request with 1 − (1 − hit)(1 − a). Composing the
    CDN's SLA with its origin in series would count the origin for every request; an
    origin of zoned replicas keeps its own k-of-n figure (conservative).

    A CDN that serves stale content when its origin errs (`stale_if_error`, RFC 5861;
    CloudFront serves the cached copy on an origin 5xx or timeout) keeps answering the
    journey through an origin outage: the origin is not serial for it. Only an object the
    edge has never held needs the origin then; that cold miss is not modelled."""
    prof = net.profiles[prev]
    if prof.kind is not Kind.CDN or not prof.is_cache:
        return unit
    if net.component(prev).properties.get("stale_if_error") is True:
        return Unit(unit.id, unit.n, unit.k, 1.0, ("",))
    if unit.n != 1 or unit.zone_names():
        return unit
    hit = prof.hit_ratio
    return Unit(unit.id, unit.n, unit.k, 1 - (1 - hit) * (1 - unit.a), unit.zones)


EXACT_SUM_REPLICAS = 1_000  # up to here the tail is summed term by term, as written
_WINDOW_SD = 40.0  # beyond 40 standard deviations a binomial term is below 1e-300


def _binomial_tail(n: int, k: int, p: float) -> float:
    """P(at least k of n independent successes of probability p)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if n <= EXACT_SUM_REPLICAS:
        return float(sum(math.comb(n, j) * p**j * (1.0 - p) ** (n - j) for j in range(k, n + 1)))
    return _windowed_tail(n, k, p)


def _windowed_tail(n: int, k: int, p: float) -> float:
    """The same tail for large n: only the terms within 40 standard deviations of the mean
    (or the first few hundred past k) are not negligible, so memory and time follow the
    spread of the distribution, not the replica count."""
    import numpy as np

    if p >= 1.0:
        return 1.0
    if p <= 0.0:
        return 0.0
    mean = n * p
    width = _WINDOW_SD * math.sqrt(n * p * (1.0 - p)) + 50.0
    lo = max(k, math.floor(mean - width))
    hi = min(n, max(math.ceil(mean + width), lo + 400))
    j = np.arange(lo, hi + 1, dtype=float)
    log_pmf = (
        math.lgamma(n + 1)
        - _lgamma(j + 1)
        - _lgamma(n - j + 1)
        + j * math.log(p)
        + (n - j) * math.log1p(-p)
    )
    return float(min(1.0, np.exp(log_pmf).sum()))


def _lgamma(values: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.fromiter((math.lgamma(v) for v in values), dtype=float, count=len(values))


def _unit_up_given_zones(
    unit: Unit, position: dict[str, int], states: list[tuple[int, ...]]
) -> list[float]:
    """P(unit up) for each zone scenario: a binomial tail over replicas in live zones
    (`states[s][position[zone]]` is 1 when the zone is up in scenario s)."""
    if unit.n == 0:
        return [0.0] * len(states)
    placement = unit.placement()
    alive = [
        sum(count * state[position[zone]] if zone else count for zone, count in placement)
        for state in states
    ]
    tails = {count: _binomial_tail(count, unit.k, unit.a) for count in set(alive)}
    return [tails[count] for count in alive]


def exact(blocks: list[Block], zone_availability: float) -> float | None:
    """Exact availability, or None when the structure is not series-parallel or too wide.

    Plain floats, not numpy: at most 2^12 zone scenarios, and the journeys of a design
    have a few units each, so the vectors never paid for numpy's import (issue 16). The
    sum over the scenarios is `pairwise_sum`, numpy's order, so the figure is the one
    `np.sum` gave; a power may differ in its last bit from numpy's on CPUs where numpy
    has its own (AVX-512) `power`, far below the nine decimals any report shows.
    """
    units = [u for b in blocks for u in b.alternatives]
    if len({u.id for u in units}) != len(units):
        return None
    zones = sorted(set().union(*(u.zone_names() for u in units)))
    if len(zones) > MAX_EXACT_ZONES:
        return None
    states = list(itertools.product((1, 0), repeat=len(zones)))
    position = {zone: j for j, zone in enumerate(zones)}
    up, down = zone_availability, 1.0 - zone_availability
    weight = [up ** sum(state) * down ** (len(zones) - sum(state)) for state in states]
    total = [1.0] * len(states)
    for block in blocks:
        none_up = [1.0] * len(states)
        for unit in block.alternatives:
            alive = _unit_up_given_zones(unit, position, states)
            none_up = [d * (1.0 - a) for d, a in zip(none_up, alive)]
        total = [t * (1.0 - d) for t, d in zip(total, none_up)]
    return pairwise_sum([w * t for w, t in zip(weight, total)])


def pairwise_sum(values: list[float], start: int = 0, count: int | None = None) -> float:
    """The sum of `values[start:start + count]` in numpy's order for `np.sum` of floats
    (eight running sums over blocks of up to 128, halves above), so a figure computed
    without numpy is the one numpy gave, to the last bit."""
    n = len(values) - start if count is None else count
    if n < 8:
        total = 0.0
        for value in values[start : start + n]:
            total += value
        return total
    if n > 128:
        half = n // 2
        half -= half % 8
        return pairwise_sum(values, start, half) + pairwise_sum(values, start + half, n - half)
    r = values[start : start + 8]
    i = 8
    while i < n - n % 8:
        r = [acc + values[start + i + j] for j, acc in enumerate(r)]
        i += 8
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for value in values[start + i : start + n]:
        total += value
    return total


def monte_carlo(
    blocks: list[Block],
    zone_availability: float,
    samples: int = MC_SAMPLES,
    seed: int = 1,
    progress: Progress | None = None,
) -> tuple[float, tuple[float, float]]:
    """Availability by sampling every replica and zone (vectorised), with a 95% interval.
    `progress` hears the fraction of the components sampled (once per component)."""
    if not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise ValueError(f"samples must be {MIN_SAMPLES} to {MAX_SAMPLES:,}, got {samples}")
    import numpy as np

    rng = np.random.default_rng(seed)
    units = {u.id: u for b in blocks for u in b.alternatives}
    zones = sorted(set().union(*(u.zone_names() for u in units.values())))
    zone_up = {z: rng.random(samples) < zone_availability for z in zones}
    unit_up: dict[str, np.ndarray] = {}
    for uid in sorted(units):
        unit = units[uid]
        if unit.n == 0:
            unit_up[uid] = np.zeros(samples, dtype=bool)
            continue
        unit_up[uid] = _sample_unit(rng, unit, zone_up, samples)
        if progress is not None:
            progress(len(unit_up) / len(units))
    ok = np.ones(samples, dtype=bool)
    for block in blocks:
        any_up = np.zeros(samples, dtype=bool)
        for unit in block.alternatives:
            any_up |= unit_up[unit.id]
        ok &= any_up
    p = float(ok.mean())
    return p, _wilson(p, samples)


def _sample_unit(
    rng: np.random.Generator, unit: Unit, zone_up: dict[str, np.ndarray], samples: int
) -> np.ndarray:
    """Whether at least k replicas are up, per sample.

    Small units draw every replica (the sequence earlier releases drew); a large one draws
    how many replicas are up in each zone (binomial), so memory is samples x zones.
    """
    import numpy as np

    if samples * unit.n <= PER_REPLICA_DRAWS:
        replica = rng.random((samples, unit.n)) < unit.a
        for r, zone in enumerate(unit.zone_of_replica()):
            if zone:
                replica[:, r] &= zone_up[zone]
        return np.asarray(replica.sum(axis=1) >= unit.k)
    alive = np.zeros(samples, dtype=np.int64)
    for zone, count in unit.placement():
        up = rng.binomial(count, unit.a, samples)
        alive += up * zone_up[zone] if zone else up
    return np.asarray(alive >= unit.k)


def _wilson(p: float, n: int, z: float = 1.96) -> tuple[float, float]:
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _busy(net: Network, rps: float) -> Callable[[int], float]:
    """Replicas' worth of load at a component when `rps` enters; a station past
    saturation needs more than it has (infinite). Found per component asked: a journey
    reads a few of the 10,000 components a model can have."""
    state = stations(net, rps)
    profiles, arriving, holding = net.profiles, state.arrival_rps, state.holding_ms
    return lambda node: profiles[node].replicas_busy(float(arriving[node]), float(holding[node]))


def replica_units(arch: Architecture, rps: float) -> dict[str, Unit]:
    """Every component as the k-of-n block of replicas this module composes at `rps`
    (a provider-run station is one unit, `failing_nodes`). Sizing reads `k` here so
    that the replicas it adds to survive a lost replica or zone are counted as the
    availability figure and the audit's REL014 count them (generate/redundancy.py)."""
    net = build(arch)
    offered = _busy(net, rps)
    return {cid: _unit(net, i, offered(i)) for i, cid in enumerate(net.ids)}


@dataclass(frozen=True)
class JourneyFigure:
    """One journey's composite availability: the figure `availability` prints and the
    audit's REL014 judges against the SLO (one computation for both)."""

    name: str
    critical: bool
    share: float
    value: float
    ci95: tuple[float, float] | None
    method: str  # "exact" or "monte_carlo"
    weakest: tuple[str, ...]  # up to three single-alternative steps, least available first
    blocks: tuple[Block, ...]
    target_percent: float | None = None  # `journey_target`: what it is judged against


def meets(value: float, target_percent: float) -> bool:
    """Whether an availability (a fraction) meets a target in percent, compared in percent
    to nine decimals: 99.9/100 is 0.9990000000000001 in floating point, and a journey at
    exactly its CDN's 99.9% meets 99.9%. `availability` and REL014 both ask this."""
    return round(value * 100.0, 9) >= target_percent


def journey_target(journey: Journey, slo: float | None) -> float | None:
    """The availability, in percent, a journey is held to: its own `availability_target`
    (a CDN-served journey held to the CDN's SLA), else the requirements' SLO."""
    return journey.availability_target if journey.availability_target is not None else slo


def journey_figures(
    arch: Architecture,
    rps: float,
    method: str = "auto",
    samples: int = MC_SAMPLES,
    seed: int = 1,
    progress: Progress | None = None,
    net: Network | None = None,
) -> list[JourneyFigure]:
    """Availability of every journey at `rps`, exact where the structure allows it.
    `progress` hears the fraction done (journeys, and components within a sampled one);
    `net` is `build(arch)` when the caller already has it (the audit shares its flows)."""
    net = net if net is not None else build(arch)
    offered = _busy(net, rps)
    za = defaults().zone_availability
    steps = Steps(progress) if progress is not None else None
    out: list[JourneyFigure] = []
    for number, journey in enumerate(net.journeys):
        blocks = journey_blocks(net, journey.steps, offered)
        value = exact(blocks, za) if method != "monte_carlo" else None
        ci: tuple[float, float] | None = None
        used = "exact"
        if value is None:
            part = steps.part(number, len(net.journeys)) if steps else None
            value, ci = monte_carlo(blocks, za, samples, seed, part)
            used = "monte_carlo"
        weakest = sorted(
            (u for b in blocks for u in b.alternatives if len(b.alternatives) == 1),
            key=lambda u: (exact([Block((u,))], za) or 0.0, u.id),
        )[:3]
        out.append(
            JourneyFigure(
                journey.name,
                journey.critical,
                journey.share,
                value,
                ci,
                used,
                tuple(u.id for u in weakest),
                tuple(blocks),
                journey_target(journey, arch.requirements.slo.availability),
            )
        )
    if steps is not None:
        steps(1.0)
    return out


@collector_paused()  # plain results, no cycles: model/collector.py
def availability(
    arch: Architecture,
    rps: float,
    method: str = "auto",
    samples: int = MC_SAMPLES,
    seed: int = 1,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Availability of every journey and of the traffic-weighted whole, against the SLO.
    `progress` hears the fraction done (journeys, and components within a sampled one)."""
    figures = journey_figures(arch, rps, method, samples, seed, progress)
    dflt = defaults()
    month = dflt.minutes_per_month
    slo = arch.requirements.slo.availability
    journeys: dict[str, Any] = {}
    weighted = 0.0
    weights = 0.0
    for fig in figures:
        journeys[fig.name] = _summary(
            fig.value, fig.ci95, fig.method, fig.target_percent, month
        ) | {
            "target_percent": fig.target_percent,
            "weakest": list(fig.weakest),
            "blocks": [
                [
                    {"id": u.id, "replicas": u.n, "needed": u.k, "availability": u.a}
                    for u in b.alternatives
                ]
                for b in fig.blocks
            ],
        }
        weighted += fig.share * fig.value
        weights += fig.share
    overall = weighted / weights if weights > 0 else 1.0
    return {
        "slo_percent": slo,
        "zone_availability": dflt.zone_availability,
        "journeys": journeys,
        "overall": _summary(overall, None, "share-weighted", slo, month),
    }


def _summary(
    value: float,
    ci: tuple[float, float] | None,
    method: str,
    target_percent: float | None,
    month: float,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "availability": round(value, 9),
        "percent": round(100.0 * value, 5),
        "method": method,
        "ci95": [round(ci[0], 9), round(ci[1], 9)] if ci else None,
        "downtime_min_per_month": round((1.0 - value) * month, 2),
    }
    if target_percent is not None:
        budget = (1.0 - target_percent / 100.0) * month
        out["error_budget_min_per_month"] = round(budget, 2)
        out["meets_slo"] = meets(value, target_percent)
        out["budget_used"] = round((1.0 - value) * month / budget, 3) if budget > 0 else None
    return out
