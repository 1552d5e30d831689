"""Why a call to a model failed, sorted by what the caller should do about it.

`TransientError` is worth retrying (429, 5xx, timeouts, refused connections);
`PermanentError` is not (400, 401, 404: retrying only burns quota). `CircuitOpen` and
`BudgetExceeded` stop calls before they are made. Every message is built by us from
status codes and host names and passed through redaction, so no key can ride along.
"""

from __future__ import annotations


class LlmError(Exception):
    """Base of every failure of the LLM layer; the message is safe to print."""


class NotConfigured(LlmError):
    """No provider was chosen, or the chosen one lacks what it needs (e.g. its key)."""


class TransientError(LlmError):
    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(LlmError):
    pass


class CircuitOpen(LlmError):
    pass


class BudgetExceeded(LlmError):
    pass


class BadOutput(LlmError):
    """The model answered, but not with anything we could use."""


class DeadlineExceeded(LlmError):
    """The command's total time for model calls is spent: no tier is tried any more."""
