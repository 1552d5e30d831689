"""A connection: one caller calling one callee, with the resilience settings of the call."""

# Annotations are evaluated, not postponed (no `from __future__ import annotations`):
# pydantic would otherwise compile every field's annotation from its text when the
# class is built, in every process (issue 16). Quote a name used before it exists.

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.model.defaults import empty_dict
from archwright.model.enums import ASYNC_PROTOCOLS, TLS_PROTOCOLS, Auth, Backoff, Mode, Protocol
from archwright.model.units import Calls, Fraction, Kilobytes, Milliseconds, Retries


class Connection(BaseModel):
    """`mode` and `tls` default from the protocol when the file leaves them out."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field("", description="Defaults to 'source->target'.")
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    protocol: Protocol = Protocol.HTTPS
    mode: Mode | None = Field(None, description="sync holds the caller's slot while it waits.")
    auth: Auth = Auth.NONE
    tls: bool | None = None
    timeout_ms: Milliseconds | None = None
    retries: Retries = 0
    backoff: Backoff = Backoff.NONE
    circuit_breaker: bool = False
    fallback: str | None = Field(
        None,
        description="Component id called instead when this call fails, or a description "
        "of the degraded answer (e.g. 'cached response').",
    )
    idempotent: bool | None = None
    share: Fraction = Field(1.0, description="Share of the source's requests that call.")
    calls: Calls = Field(1.0, description="Calls per request of the source.")
    payload_kb: Kilobytes | None = None
    description: str | None = None
    properties: dict[str, Any] = Field(default_factory=empty_dict)

    @model_validator(mode="after")
    def _defaults_from_protocol(self) -> "Connection":
        if not self.id:
            self.id = f"{self.source}->{self.target}"
        if self.mode is None:
            self.mode = Mode.ASYNC if self.protocol in ASYNC_PROTOCOLS else Mode.SYNC
        if self.tls is None:
            self.tls = self.protocol in TLS_PROTOCOLS
        return self

    @property
    def is_sync(self) -> bool:
        return self.mode is Mode.SYNC
