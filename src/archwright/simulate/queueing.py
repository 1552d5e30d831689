"""Queueing formulas: Erlang C, M/M/c waiting and sojourn distributions, and their sums.

Times are in milliseconds, rates in requests per millisecond unless a name says `rps`.
A station's time for a request is `W + S`: `W` is the wait for a free server (zero with
probability `1 − C`, otherwise exponential with rate `theta`), `S` is exponential with
rate `mu`. For M/M/c this is exact; for general holding times the wait is scaled by
Allen–Cunneen's `(1 + scv)/2`, keeping the same shape (docs/simulate.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

_QUANTILES = (0.5, 0.95, 0.99)


@lru_cache(maxsize=4096)
def erlang_c(servers: int, offered: float) -> float:
    """Probability that an arrival waits at an M/M/c station with `offered` erlangs.

    Remembered per (servers, offered): the loop below is O(servers), and stations repeat
    their figures (an audit of 10,000 components asked 8,631 times for 72 distinct pairs,
    309,000 loop steps; sweep and chaos ask again per failure).

    Uses the stable recursion on 1/B (Erlang B), then C = B / (1 − ρ(1 − B)). When the
    load sits far below the server count (beyond 12 standard deviations of a Poisson),
    the probability is below 1e-30 and returned as 0 without the O(c) loop.
    """
    if offered <= 0.0:
        return 0.0
    if offered >= servers:
        return 1.0
    if servers - offered > 12.0 * math.sqrt(offered) + 12.0:
        return 0.0
    inv_b = 1.0
    for k in range(1, servers + 1):
        inv_b = 1.0 + inv_b * k / offered
    b = 1.0 / inv_b
    rho = offered / servers
    return b / (1.0 - rho * (1.0 - b))


@dataclass(frozen=True)
class Wait:
    """Waiting time at a station: P(wait) = `p_wait`, then exponential with rate `theta`.

    `theta == 0` with `p_wait > 0` is the station at or past capacity (`SATURATED`): the
    queue grows without bound, so the mean and variance of the wait are infinite, not a
    division by zero. Readers that write JSON map infinity through `archfile.jsonsafe`.
    """

    p_wait: float
    theta: float  # 1/ms; inf when nobody waits, 0 when the queue never drains

    @property
    def saturated(self) -> bool:
        """Whether arrivals wait for ever: the queue of a station past its capacity."""
        return self.p_wait > 0 and self.theta <= 0

    @property
    def mean(self) -> float:
        if self.p_wait <= 0:
            return 0.0
        return math.inf if self.saturated else self.p_wait / self.theta

    @property
    def variance(self) -> float:
        if self.p_wait <= 0:
            return 0.0
        if self.saturated:
            return math.inf
        second = 2.0 * self.p_wait / self.theta**2
        return second - self.mean**2


NO_WAIT = Wait(0.0, math.inf)
# Every arrival waits, and the wait has no end: the answer past capacity.
SATURATED = Wait(1.0, 0.0)


def station_wait(servers: float, arrival_per_ms: float, holding_ms: float, scv: float) -> Wait:
    """Waiting time of a c-server station with mean holding time and its squared CV.

    Exact for exponential holding (scv = 1); otherwise Allen–Cunneen scales the M/M/c
    mean wait by (1 + scv)/2 and keeps the exponential shape of the conditional wait.
    """
    if math.isinf(servers) or arrival_per_ms <= 0 or holding_ms <= 0:
        return NO_WAIT
    c = math.ceil(servers - 1e-9)
    if c > servers:
        # A fractional number of servers (a catalog throughput below what the slots
        # allow, read replicas serving a share): the M/M/⌈c⌉ station at the same
        # utilization, its holding time stretched by ⌈c⌉/c.
        holding_ms *= c / servers
    offered = arrival_per_ms * holding_ms
    if c <= 0 or offered >= c:
        return SATURATED
    p = erlang_c(c, offered)
    if p <= 0.0:
        return NO_WAIT
    mean_mm = p * holding_ms / (c - offered)
    mean = mean_mm * (1.0 + scv) / 2.0
    return Wait(p, p / mean) if mean > 0 else NO_WAIT


def _hypo_survival(theta: np.ndarray, mu: np.ndarray, t: np.ndarray) -> np.ndarray:
    """P(X + Y > t) for independent X ~ Exp(theta), Y ~ Exp(mu), elementwise."""
    import numpy as np

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        close = np.abs(theta - mu) <= 1e-7 * np.maximum(theta, mu)
        general = (theta * np.exp(-mu * t) - mu * np.exp(-theta * t)) / (theta - mu)
        equal = (1.0 + mu * t) * np.exp(-mu * t)
        out = np.where(close, equal, general)
        out = np.where(np.isinf(theta), np.exp(-mu * t), out)
    clipped: np.ndarray = np.clip(out, 0.0, 1.0)
    return clipped


def sojourn_survival(
    p_wait: np.ndarray, theta: np.ndarray, mu: np.ndarray, t: np.ndarray
) -> np.ndarray:
    """P(W + S > t): the mixture distribution of the M/M/c sojourn time, elementwise.
    numpy is imported here, not with the module: a command that needs no distribution
    (availability, review, the audit's journey figures) does without it (issue 16)."""
    import numpy as np

    with np.errstate(over="ignore", invalid="ignore"):
        plain = np.exp(-mu * t)
    waited = _hypo_survival(theta, mu, t)
    mixed: np.ndarray = (1.0 - p_wait) * plain + p_wait * waited
    return mixed


def sojourn_quantiles(
    p_wait: np.ndarray, theta: np.ndarray, mean_service: np.ndarray
) -> dict[str, np.ndarray]:
    """P50/P95/P99 of W + S for many stations at once, by vectorised bisection.

    The exact quantile of the mixture has no closed form; 48 halvings of a bracket that
    surely contains it give full float precision for every station in one pass.
    """
    import numpy as np

    mu = np.where(mean_service > 0, 1.0 / np.maximum(mean_service, 1e-300), np.inf)
    scale = np.where(np.isfinite(theta) & (theta > 0), 1.0 / np.maximum(theta, 1e-300), 0.0)
    scale = scale + np.where(mean_service > 0, mean_service, 0.0)
    # All three quantiles in one bisection over stacked copies.
    k = len(_QUANTILES)
    target = np.repeat(1.0 - np.array(_QUANTILES), len(scale))
    pw, th, m = np.tile(p_wait, k), np.tile(theta, k), np.tile(mu, k)
    lo = np.zeros(k * len(scale))
    hi = np.tile(40.0 * scale + 1e-12, k)
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        above = sojourn_survival(pw, th, m, mid) > target
        lo = np.where(above, mid, lo)
        hi = np.where(above, hi, mid)
    found = (0.5 * (lo + hi)).reshape(k, len(scale))
    return {
        f"p{round(q * 100)}": np.where(scale > 0, found[j], 0.0) for j, q in enumerate(_QUANTILES)
    }


# Up to this many distinct stations, `station_quantiles` bisects with plain floats: the
# 48 halvings of one station cost ~0.3 ms, so a small model's figures are ready before
# numpy would be imported (~0.2 G instructions, issue 16); more go through the arrays.
PLAIN_STATIONS = 256


def station_quantiles(
    p_wait: list[float], theta: list[float], mean_service: list[float]
) -> dict[str, list[float]]:
    """`sojourn_quantiles` for lists: the same bisection, station by station with
    `math.exp` when few distinct stations need it, else the numpy arrays.

    `math.exp` and numpy's vectorised `exp` differ in the last bit for some arguments on
    an AVX-512 CPU; a bisection step reads it only through `survival > target`, which
    can flip only when the survival sits within a few ulps of the target, that is when
    `mid` is already within ~1e-13 of the quantile: the two paths agree far below the
    3 decimals any report shows (tests/simulate: agreement on random stations).
    """
    keys = list(zip(p_wait, theta, mean_service))
    distinct = dict.fromkeys(keys)
    if len(distinct) > PLAIN_STATIONS:
        import numpy as np

        arrays = sojourn_quantiles(np.array(p_wait), np.array(theta), np.array(mean_service))
        return {name: values.tolist() for name, values in arrays.items()}
    found = {key: _one_station(*key) for key in distinct}
    return {f"p{round(q * 100)}": [found[key][j] for key in keys] for j, q in enumerate(_QUANTILES)}


def _one_station(p_wait: float, theta: float, mean_service: float) -> tuple[float, ...]:
    """P50/P95/P99 of one station's W + S: `sojourn_quantiles`' steps on plain floats."""
    mu = 1.0 / max(mean_service, 1e-300) if mean_service > 0 else math.inf
    scale = 1.0 / max(theta, 1e-300) if math.isfinite(theta) and theta > 0 else 0.0
    scale = scale + (mean_service if mean_service > 0 else 0.0)
    if not scale > 0:
        return (0.0,) * len(_QUANTILES)
    out = []
    for q in _QUANTILES:
        target = 1.0 - q
        lo, hi = 0.0, 40.0 * scale + 1e-12
        for _ in range(48):
            mid = 0.5 * (lo + hi)
            if station_survival(p_wait, theta, mu, mid) > target:
                lo = mid
            else:
                hi = mid
        out.append(0.5 * (lo + hi))
    return tuple(out)


def station_survival(p_wait: float, theta: float, mu: float, t: float) -> float:
    """`sojourn_survival` of one station at t > 0 with `math.exp`; the branch numpy
    selects with `np.where` (NaN included: an infinite rate times a zero survival).
    Its last bit can differ from numpy's (AVX-512 `exp`): callers read it through a
    comparison (the bisection above, chaos's "is this share negligible")."""
    plain = math.exp(-mu * t)
    if math.isinf(theta):
        waited = plain
    elif abs(theta - mu) <= 1e-7 * max(theta, mu):
        waited = (1.0 + mu * t) * plain
    else:
        waited = (theta * plain - mu * math.exp(-theta * t)) / (theta - mu)
    if waited < 0.0:
        waited = 0.0
    elif waited > 1.0:
        waited = 1.0
    return (1.0 - p_wait) * plain + p_wait * waited


@dataclass(frozen=True)
class Hop:
    """One station visit on a path: wait (p_wait, theta) then own service (mean ms)."""

    p_wait: float
    theta: float
    service_ms: float
    times: int = 1

    @property
    def mean(self) -> float:
        wait = self.p_wait / self.theta if self.p_wait > 0 else 0.0
        return self.times * (wait + self.service_ms)


def path_quantiles(hops: list[Hop], grid: int = 4096) -> dict[str, float]:
    """Quantiles of the sum of independent hop times, by numerical convolution.

    Each hop's exact distribution is discretised on a common grid (bin masses from the
    closed-form survival function) and the hops are convolved with one FFT product. The
    grid reaches far enough (mean + 40 of the largest scale) that the mass it cuts off
    is negligible; the discretisation error is below a bin per hop, a fraction of a
    percent of the total.
    """
    import numpy as np

    live = [h for h in hops if h.service_ms > 0 or h.p_wait > 0]
    if not live:
        return {f"p{round(q * 100)}": 0.0 for q in _QUANTILES}
    total_mean = sum(h.mean for h in live)
    largest = max(
        max(h.service_ms, 1.0 / h.theta if h.p_wait > 0 and h.theta > 0 else 0.0) for h in live
    )
    span = total_mean + 40.0 * largest
    dt = span / grid
    edges = np.arange(grid + 1) * dt
    size = 2 * grid
    spectrum = np.ones(size // 2 + 1, dtype=complex)
    count = 0
    for hop in live:
        if hop.service_ms > 0:
            surv = sojourn_survival(
                np.full(edges.shape, hop.p_wait),
                np.full(edges.shape, hop.theta),
                np.full(edges.shape, 1.0 / hop.service_ms),
                edges,
            )
        else:  # pure wait: atom at zero plus exponential
            surv = np.where(edges <= 0, 1.0, hop.p_wait * np.exp(-hop.theta * edges))
        mass = -np.diff(surv)
        mass[0] += 1.0 - surv[0]
        spectrum *= np.fft.rfft(mass, size) ** hop.times
        count += hop.times
    pmf = np.fft.irfft(spectrum, size)[:grid]
    cdf = np.cumsum(np.clip(pmf, 0.0, None))
    # Bin k of the sum spans [k, k + count) bins of true time; its centre is the estimate.
    right = (np.arange(grid) + 0.5 * count + 0.5) * dt
    out: dict[str, float] = {}
    for q in _QUANTILES:
        out[f"p{round(q * 100)}"] = float(np.interp(q, cdf, right))
    return out
