"""The optional LLM enhancer: providers behind one interface, used carefully.

Nothing here is needed to design or audit: every caller has an offline path and says
when the LLM was not used. What is here treats the model as an unreliable remote
dependency (timeouts, retries of transient failures only, a breaker per provider,
cheaper tiers, a budget, a cache, redacted logs) and its output as untrusted input
(schema validation, a bounded repair loop, no execution).

Each public name is imported from its module on first use (`archwright.lazy`): a
command that only asks whether a model is configured (`review`, `design` without one)
reads the config module, not the client's stack (sqlite cache, pricing, providers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archwright.lazy import lazy_exports

if TYPE_CHECKING:
    from archwright.llm.client import AllTiersFailed, Clock, LlmClient
    from archwright.llm.config import (
        KINDS,
        BreakerPolicy,
        LlmSettings,
        ModelRef,
        RetryPolicy,
        load_settings,
        open_client,
        parse_model_ref,
    )
    from archwright.llm.errors import (
        BadOutput,
        BudgetExceeded,
        CircuitOpen,
        DeadlineExceeded,
        LlmError,
        NotConfigured,
        PermanentError,
        TransientError,
    )
    from archwright.llm.redact import Redactor
    from archwright.llm.request import Message, Request, Response, Usage
    from archwright.llm.structured import (
        OutputInvalid,
        Structured,
        complete_structured,
        decode_json,
        parse_architecture,
        parse_requirements,
    )
    from archwright.llm.untrusted import DATA_RULES, quote

_HOME = {
    "DATA_RULES": "archwright.llm.untrusted",
    "KINDS": "archwright.llm.config",
    "AllTiersFailed": "archwright.llm.client",
    "BadOutput": "archwright.llm.errors",
    "BreakerPolicy": "archwright.llm.config",
    "BudgetExceeded": "archwright.llm.errors",
    "CircuitOpen": "archwright.llm.errors",
    "Clock": "archwright.llm.client",
    "DeadlineExceeded": "archwright.llm.errors",
    "LlmClient": "archwright.llm.client",
    "LlmError": "archwright.llm.errors",
    "LlmSettings": "archwright.llm.config",
    "Message": "archwright.llm.request",
    "ModelRef": "archwright.llm.config",
    "NotConfigured": "archwright.llm.errors",
    "OutputInvalid": "archwright.llm.structured",
    "PermanentError": "archwright.llm.errors",
    "Redactor": "archwright.llm.redact",
    "Request": "archwright.llm.request",
    "Response": "archwright.llm.request",
    "RetryPolicy": "archwright.llm.config",
    "Structured": "archwright.llm.structured",
    "TransientError": "archwright.llm.errors",
    "Usage": "archwright.llm.request",
    "complete_structured": "archwright.llm.structured",
    "decode_json": "archwright.llm.structured",
    "load_settings": "archwright.llm.config",
    "open_client": "archwright.llm.config",
    "parse_architecture": "archwright.llm.structured",
    "parse_model_ref": "archwright.llm.config",
    "parse_requirements": "archwright.llm.structured",
    "quote": "archwright.llm.untrusted",
}

__all__ = [
    "DATA_RULES",
    "KINDS",
    "AllTiersFailed",
    "BadOutput",
    "BreakerPolicy",
    "BudgetExceeded",
    "CircuitOpen",
    "Clock",
    "DeadlineExceeded",
    "LlmClient",
    "LlmError",
    "LlmSettings",
    "Message",
    "ModelRef",
    "NotConfigured",
    "OutputInvalid",
    "PermanentError",
    "Redactor",
    "Request",
    "Response",
    "RetryPolicy",
    "Structured",
    "TransientError",
    "Usage",
    "complete_structured",
    "decode_json",
    "load_settings",
    "open_client",
    "parse_architecture",
    "parse_model_ref",
    "parse_requirements",
    "quote",
]

__getattr__ = lazy_exports(__name__, _HOME)
