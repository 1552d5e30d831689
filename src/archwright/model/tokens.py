"""What a model call is made of: tokens in, tokens out, and how fast they are served.

An LLM is not a station with a fixed service time: its work, its latency, its quota and
its price all scale with tokens. A component states what it knows (a prompt's size, a
provider's quota, the GPUs it runs on); what it leaves out comes from the catalog's
`tokens` entry for its technology (`archwright.kb.capacity.token_profile` merges the two).
Sizes are distributions, not only means: a giant-prompt tail is what hits the context
window and what sets p99.
"""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.model.units import (
    Concurrency,
    Count,
    Fraction,
    Gigabytes,
    Kilobytes,
    Milliseconds,
    Tokens,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelRole(StrEnum):
    """What a model does per call; it decides what a token costs and what is generated."""

    GENERATION = "generation"
    EMBEDDING = "embedding"
    RERANK = "rerank"


class TokenCount(_Strict):
    """Tokens per request: the mean and, when known, the tail."""

    mean: Tokens = Field(description="Mean tokens per request.")
    p95: Tokens | None = Field(None, description="95th percentile tokens per request.")
    p99: Tokens | None = Field(None, description="99th percentile tokens per request.")

    @model_validator(mode="after")
    def _ordered(self) -> "TokenCount":
        tail = [v for v in (self.mean, self.p95, self.p99) if v is not None]
        if tail != sorted(tail):
            raise ValueError("token counts must not fall from mean to p95 to p99")
        return self


class GpuServing(_Strict):
    """A self-hosted model's serving figures, measured per GPU at one batch size."""

    gpu_type: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9 ._-]+$")
    gpus_per_replica: Concurrency = Field(1, description="GPUs one replica (server) holds.")
    tokens_per_second: Count = Field(
        description="Output tokens/s one GPU generates, summed over the batch."
    )
    batch_size: Concurrency = Field(description="Sequences decoded together at that rate.")
    batching_window_ms: Milliseconds = Field(
        0, description="Time a request may wait for a batch to form."
    )
    kv_cache_gb: Gigabytes | None = Field(None, description="GPU memory left for the KV cache.")
    kv_kb_per_token: Kilobytes | None = Field(
        None, description="KV-cache memory one token of context holds."
    )

    @model_validator(mode="after")
    def _positive(self) -> "GpuServing":
        if self.tokens_per_second <= 0:
            raise ValueError("tokens_per_second must be above 0")
        if (self.kv_cache_gb is None) != (self.kv_kb_per_token is None):
            raise ValueError("kv_cache_gb and kv_kb_per_token go together")
        return self


class TokenUsage(_Strict):
    """An LLM component's token figures; anything left out comes from the catalog."""

    input: TokenCount | None = Field(None, description="Prompt tokens per request.")
    output: TokenCount | None = Field(None, description="Generated tokens per request.")
    context_window: Tokens | None = Field(None, description="Largest prompt + output.")
    rpm_quota: Count | None = Field(None, description="Hosted: requests per minute allowed.")
    tpm_quota: Count | None = Field(
        None, description="Hosted: tokens (input + output) per minute allowed."
    )
    input_tpm_quota: Count | None = Field(
        None, description="Hosted: input tokens per minute, where counted apart."
    )
    output_tpm_quota: Count | None = Field(
        None, description="Hosted: output tokens per minute, where counted apart."
    )
    ttft_ms: Milliseconds | None = Field(
        None, description="Time to first token at the mean prompt."
    )
    per_token_ms: Milliseconds | None = Field(None, description="Time per generated token.")
    prefill_ms_per_1k: Milliseconds | None = Field(
        None, description="Extra time to first token per 1,000 prompt tokens above the mean."
    )
    gpu: GpuServing | None = Field(None, description="Self-hosted serving figures.")
    cached_input_share: Fraction | None = Field(
        None,
        description="Share of each prompt's input tokens read from the provider's prompt "
        "cache: a prefix repeated across calls (system prompt, tools, examples). Billed at "
        "the cached-input price.",
    )
    batch: bool | None = Field(
        None,
        description="Calls go through the provider's batch API (results within hours, not "
        "seconds): billed at its batch discount. For offline work only.",
    )
