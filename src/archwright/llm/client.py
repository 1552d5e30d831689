"""The one object callers use: tiers of models behind retries, breakers, a budget and a cache.

`complete` tries each tier in order (the chosen model, then cheaper ones). Within a tier
transient failures are retried with backoff; the provider's breaker fails fast once it
has seen enough of them. A budget overrun, or the command's deadline passing, stops
every tier at once: the caller then falls back to the built-in engine, which costs
nothing. Answers are redacted as they arrive, so no key a model echoes reaches the
cache, the screen or a file.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from archwright.llm.budget import Budget
from archwright.llm.cache import ResponseCache
from archwright.llm.calllog import CallLog
from archwright.llm.config import KINDS, LlmSettings, ModelRef
from archwright.llm.errors import (
    BadOutput,
    BudgetExceeded,
    CircuitOpen,
    DeadlineExceeded,
    LlmError,
    PermanentError,
    TransientError,
)
from archwright.llm.pricing import cost_of
from archwright.llm.redact import Redactor, host_of
from archwright.llm.request import Request, Response, request_key
from archwright.llm.resilience import CircuitBreaker, backoff_delay

if TYPE_CHECKING:  # the providers, and httpx with them, load when a model is first called
    from archwright.llm.provider import Provider


class AllTiersFailed(LlmError):
    pass


@dataclass
class Clock:
    """Time as the client sees it; tests pass a sleep that records instead of waiting long."""

    sleep: Callable[[float], None] = time.sleep
    now: Callable[[], float] = time.monotonic
    rng: random.Random = field(default_factory=random.Random)


def make_provider(name: str, settings: LlmSettings, redact: Redactor) -> Provider:
    from archwright.llm.anthropic import Anthropic
    from archwright.llm.ollama import Ollama
    from archwright.llm.openai_compat import OpenAICompatible

    protocol = KINDS[name].protocol
    args = (name, settings.endpoint(name), settings.timeout_s, redact, settings.max_response_bytes)
    if protocol == "anthropic":
        return Anthropic(*args)
    if protocol == "ollama":
        return Ollama(*args)
    return OpenAICompatible(*args)


class LlmClient:
    def __init__(self, settings: LlmSettings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        self.redact = Redactor(settings.secrets)
        self.budget = Budget(settings.budget_tokens, settings.budget_usd)
        self.log = CallLog(settings.log_path, self.redact)
        self.cache = (
            ResponseCache(settings.cache_dir / "llm-cache.sqlite3") if settings.cache else None
        )
        self._providers: dict[str, Provider] = {}
        self.breakers: dict[str, CircuitBreaker] = {}
        self.deadline = self.clock.now() + settings.deadline_s

    def remaining(self) -> float:
        """Seconds left of the command's deadline for model calls."""
        return self.deadline - self.clock.now()

    def _check_deadline(self) -> float:
        left = self.remaining()
        if left <= 0:
            raise DeadlineExceeded(
                f"the {self.settings.deadline_s:g}s allowed for model calls in this command ran out"
            )
        return left

    def provider(self, name: str) -> Provider:
        if name not in self._providers:
            self._providers[name] = make_provider(name, self.settings, self.redact)
            self.breakers[name] = CircuitBreaker(name, self.settings.breaker, self.clock.now)
        return self._providers[name]

    def complete(self, request: Request) -> Response:
        """The first tier's answer that arrives; BudgetExceeded or AllTiersFailed otherwise."""
        failures: list[str] = []
        for tier in self.settings.tiers:
            provider = self.provider(tier.provider)
            sent = request.with_model(tier.model)
            key = request_key(provider.name, provider.endpoint, sent)
            if self.cache is not None:
                hit = self.cache.get(key)
                if hit is not None:
                    hit = replace(hit, text=self.redact(hit.text))  # stored by an older version
                    self._record(tier, provider, key, "cache_hit", 0.0, hit)
                    return hit
            try:
                response = self._call(tier, provider, sent, key)
            except BudgetExceeded as exc:
                self._record(tier, provider, key, "budget_exceeded", 0.0, error=str(exc))
                raise
            except DeadlineExceeded as exc:
                self._record(tier, provider, key, "deadline_exceeded", 0.0, error=str(exc))
                raise
            except (TransientError, PermanentError, CircuitOpen, BadOutput) as exc:
                failures.append(f"{tier}: {self.redact(str(exc))}")
                continue
            if self.cache is not None:
                self.cache.put(key, response)
            return response
        raise AllTiersFailed("; ".join(failures) or "no model configured")

    def _call(self, tier: ModelRef, provider: Provider, request: Request, key: str) -> Response:
        breaker = self.breakers[tier.provider]
        attempts = max(1, self.settings.retry.attempts)
        for attempt in range(1, attempts + 1):
            left = self._check_deadline()
            self.budget.check(request)
            try:
                breaker.before_call()
            except CircuitOpen as exc:
                self._record(tier, provider, key, "circuit_open", 0.0, error=str(exc))
                raise
            started = self.clock.now()
            try:
                raw = provider.complete(request, min(self.settings.timeout_s, left))
            except TransientError as exc:
                breaker.record_failure()
                self._record(
                    tier, provider, key, "transient_error", started, error=str(exc), attempt=attempt
                )
                if attempt == attempts:
                    raise
                delay = backoff_delay(self.settings.retry, attempt, self.clock.rng, exc.retry_after)
                self.clock.sleep(min(delay, max(0.0, self.remaining())))
                continue
            except (PermanentError, BadOutput) as exc:
                self._record(tier, provider, key, "error", started, error=str(exc), attempt=attempt)
                raise
            breaker.record_success()
            cost = cost_of(tier.provider, tier.model, raw.usage)
            text = self.redact(raw.text)
            response = Response(text, raw.usage, raw.provider, raw.model, False, cost)
            self.budget.charge(response.usage, cost)
            self._record(tier, provider, key, "ok", started, response, attempt=attempt)
            return response
        raise AssertionError("unreachable: the loop returns or raises")

    def _record(
        self,
        tier: ModelRef,
        provider: Provider,
        key: str,
        outcome: str,
        started: float,
        response: Response | None = None,
        *,
        error: str = "",
        attempt: int = 0,
    ) -> None:
        latency = (self.clock.now() - started) * 1000 if started else 0.0
        self.log.write(
            event="llm_call",
            provider=tier.provider,
            model=tier.model,
            host=host_of(provider.endpoint),
            request=key[:16],
            outcome=outcome,
            attempt=attempt,
            latency_ms=round(latency, 1),
            input_tokens=response.usage.input_tokens if response else 0,
            output_tokens=response.usage.output_tokens if response else 0,
            cost_usd=round(response.cost_usd, 6) if response else 0.0,
            error=error,
        )

    def usage_summary(self) -> dict[str, object]:
        """Totals for the run, for the command's own report (no prompts, no keys)."""
        records = self.log.records
        return {
            "calls": sum(1 for r in records if r["outcome"] == "ok"),
            "cache_hits": sum(1 for r in records if r["outcome"] == "cache_hit"),
            "failures": sum(1 for r in records if r["outcome"] not in ("ok", "cache_hit")),
            "tokens": self.budget.tokens,
            "cost_usd": round(self.budget.usd, 6),
        }

    def close(self) -> None:
        for provider in self._providers.values():
            provider.close()
        if self.cache is not None:
            self.cache.close()
