"""The one interface every vendor implements, and the HTTP plumbing they share.

A provider turns a `Request` into one HTTP call and the answer into a `Response`; it
does not retry, cache or count money (the client does). Failures are classified here,
where the status code is known: 429, 5xx, timeouts and refused connections are
`TransientError` (with Retry-After when the server sent one), other 4xx `PermanentError`.
Messages name the status and host only, plus the server's error text after redaction.
"""

from __future__ import annotations

import email.utils
import math
from datetime import UTC, datetime
from typing import Any, Protocol

from archwright.llm.bounded_json import JsonRefused, loads_bounded
from archwright.llm.errors import BadOutput, PermanentError, TransientError
from archwright.llm.redact import Redactor, host_of
from archwright.llm.request import Request, Response
from archwright.llm.transport import BoundedSender

DEFAULT_MAX_BYTES = 2_000_000
"""2 MB: a 4,096-token answer is about 20 kB; anything near this is not an answer."""


class Provider(Protocol):
    """`complete` makes exactly one call; `name` and `endpoint` identify it for the cache."""

    name: str
    endpoint: str

    def complete(self, request: Request, seconds: float | None = None) -> Response:
        """One call, bounded by `seconds` in total (the provider's timeout when None)."""
        ...

    def close(self) -> None: ...


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class HttpCaller:
    """POSTs JSON within a total deadline and turns every failure into one of our errors."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        timeout_s: float,
        redact: Redactor,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.base_url = base_url
        self.host = host_of(base_url)
        self.timeout_s = timeout_s
        self.redact = redact
        self._sender = BoundedSender(headers, self.host, max_bytes)

    def post(
        self,
        path: str,
        body: dict[str, Any],
        params: dict[str, str] | None = None,
        *,
        seconds: float | None = None,
    ) -> Any:
        """The decoded JSON answer; `seconds` bounds the whole exchange (default timeout_s)."""
        allowed = self.timeout_s if seconds is None else min(self.timeout_s, seconds)
        reply = self._sender.post(f"{self.base_url}{path}", body, params, allowed)
        status = reply.status
        if status == 429 or status >= 500:
            raise TransientError(
                f"HTTP {status} from {self.host}{self._detail(reply.body)}",
                retry_after=retry_after_seconds(reply.retry_after),
            )
        if status >= 400:
            raise PermanentError(f"HTTP {status} from {self.host}{self._detail(reply.body)}")
        try:
            return loads_bounded(reply.body.decode("utf-8"))
        except UnicodeDecodeError:
            raise BadOutput(f"{self.host} answered HTTP {status} with a non-UTF-8 body") from None
        except JsonRefused as exc:
            raise BadOutput(f"{self.host} answered HTTP {status}, unusable JSON: {exc}") from None

    def _detail(self, body: bytes) -> str:
        """The server's own error message, short and redacted (servers echo headers)."""
        try:
            data = loads_bounded(body.decode("utf-8"))
        except (UnicodeDecodeError, JsonRefused):
            return ""
        message: Any = data.get("error", "") if isinstance(data, dict) else ""
        if isinstance(message, dict):
            message = message.get("message", "")
        # Redact before cutting: a cut through a secret would hide it from the patterns.
        text = self.redact(" ".join(str(message)[:20_000].split()))[:200]
        return f": {text}" if text else ""

    def close(self) -> None:
        self._sender.close()


def field(data: Any, *path: str | int) -> Any:
    """data[path...] or BadOutput naming what was missing (answers from the wire are untyped)."""
    cur = data
    for step in path:
        try:
            cur = cur[step]
        except (KeyError, IndexError, TypeError):
            where = ".".join(str(p) for p in path)
            raise BadOutput(f"the answer has no {where}") from None
    return cur


def count(data: Any, key: str) -> int:
    value = data.get(key, 0) if isinstance(data, dict) else 0
    return value if isinstance(value, int) and value >= 0 else 0
