"""Backoff with jitter and a circuit breaker: calling a model the way we tell others to.

Full jitter (a uniform draw up to the exponential cap) spreads the retries of many
clients apart, so a provider recovering from overload is not hit by a synchronized wave.
The breaker stops calling a provider after `failures` transient failures in a row and
lets one trial call through after `cooldown_s`; a success closes it again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from enum import StrEnum

from archwright.llm.config import BreakerPolicy, RetryPolicy
from archwright.llm.errors import CircuitOpen


def backoff_delay(
    policy: RetryPolicy, attempt: int, rng: random.Random, retry_after: float | None = None
) -> float:
    """Seconds to wait before retry number `attempt` (1-based).

    A server's Retry-After wins over our own schedule (it knows when it will have room),
    capped by `max_retry_after_s` so a hostile or broken header cannot stall a run.
    """
    if retry_after is not None:
        return min(retry_after, policy.max_retry_after_s)
    cap = min(policy.max_s, policy.base_s * (2 ** (attempt - 1)))
    return rng.uniform(0.0, cap)


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    def __init__(self, name: str, policy: BreakerPolicy, clock: Callable[[], float]) -> None:
        self.name = name
        self.policy = policy
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None

    @property
    def state(self) -> BreakerState:
        if self.opened_at is None:
            return BreakerState.CLOSED
        if self.clock() - self.opened_at >= self.policy.cooldown_s:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN

    def before_call(self) -> None:
        if self.state is BreakerState.OPEN:
            assert self.opened_at is not None
            left = self.policy.cooldown_s - (self.clock() - self.opened_at)
            raise CircuitOpen(
                f"circuit open for {self.name} after {self.failures} failures in a row; "
                f"next trial in {left:.0f}s"
            )

    def record_success(self) -> None:
        self.failures = 0
        self.opened_at = None

    def record_failure(self) -> None:
        self.failures += 1
        half_open = self.state is BreakerState.HALF_OPEN
        if half_open or self.failures >= self.policy.failures:
            self.opened_at = self.clock()
