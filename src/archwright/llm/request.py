"""What we send to a model and what comes back, independent of any vendor's wire format.

Every provider translates a `Request` into its own JSON and its answer back into a
`Response`; everything above the providers (retries, cache, budget, repair loop) works
on these types only, so a new vendor is one module.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Request:
    """One completion: the conversation, and optionally a JSON Schema the answer must follow.

    `schema_name` names the schema for providers that want one (OpenAI's json_schema,
    Anthropic's tool name). `model` is filled by the client from the tier being tried.
    """

    messages: tuple[Message, ...]
    schema: dict[str, Any] | None = None
    schema_name: str = "answer"
    max_tokens: int = 4096
    temperature: float = 0.0
    model: str = ""

    def with_model(self, model: str) -> Request:
        return Request(
            self.messages, self.schema, self.schema_name, self.max_tokens, self.temperature, model
        )

    def extended(self, *messages: Message) -> Request:
        """The same request with more turns (the repair loop appends its feedback)."""
        return Request(
            (*self.messages, *messages),
            self.schema,
            self.schema_name,
            self.max_tokens,
            self.temperature,
            self.model,
        )

    def prompt_chars(self) -> int:
        return sum(len(m.content) for m in self.messages)


@dataclass(frozen=True)
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total(self) -> int:
        return self.input_tokens + self.output_tokens


@dataclass(frozen=True)
class Response:
    """The model's answer: text (for structured requests, the JSON text) and its usage."""

    text: str
    usage: Usage = field(default_factory=Usage)
    provider: str = ""
    model: str = ""
    cached: bool = False
    cost_usd: float = 0.0


def request_key(provider: str, endpoint: str, request: Request) -> str:
    """A stable hash of everything that determines the answer — and nothing secret.

    The API key is deliberately not part of it (it does not change the answer and must
    never reach the cache); the endpoint is, so two servers never share entries.
    """
    payload = {
        "provider": provider,
        "endpoint": endpoint,
        "model": request.model,
        "messages": [[m.role, m.content] for m in request.messages],
        "schema": request.schema,
        "schema_name": request.schema_name,
        "max_tokens": request.max_tokens,
        "temperature": request.temperature,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
