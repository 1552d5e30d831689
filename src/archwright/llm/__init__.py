"""The optional LLM enhancer: providers behind one interface, used carefully.

Nothing here is needed to design or audit: every caller has an offline path and says
when the LLM was not used. What is here treats the model as an unreliable remote
dependency (timeouts, retries of transient failures only, a breaker per provider,
cheaper tiers, a budget, a cache, redacted logs) and its output as untrusted input
(schema validation, a bounded repair loop, no execution).
"""

from archwright.llm.client import AllTiersFailed, Clock, LlmClient, open_client
from archwright.llm.config import (
    KINDS,
    BreakerPolicy,
    LlmSettings,
    ModelRef,
    RetryPolicy,
    load_settings,
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
