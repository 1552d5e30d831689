"""The one interface every vendor implements, and the HTTP plumbing they share.

A provider turns a `Request` into one HTTP call and the answer into a `Response`; it
does not retry, cache or count money (the client does). Failures are classified here,
where the status code is known: 429, 5xx, timeouts and refused connections are
`TransientError` (with Retry-After when the server sent one), other 4xx `PermanentError`.
Messages name the status and host only, plus the server's error text after redaction.
"""

from __future__ import annotations

import email.utils
import json
import time
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from archwright.llm.errors import BadOutput, PermanentError, TransientError
from archwright.llm.redact import Redactor
from archwright.llm.request import Request, Response


class Provider(Protocol):
    """`complete` makes exactly one call; `name` and `endpoint` identify it for the cache."""

    name: str
    endpoint: str

    def complete(self, request: Request) -> Response: ...

    def close(self) -> None: ...


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: either delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = datetime.now(UTC).timestamp() if now is None else now
    return max(0.0, when.timestamp() - current)


class HttpCaller:
    """POSTs JSON with a timeout and turns every failure into one of our errors."""

    def __init__(
        self, base_url: str, headers: dict[str, str], timeout_s: float, redact: Redactor
    ) -> None:
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc or base_url
        self.redact = redact
        self._client = httpx.Client(
            headers=headers, timeout=httpx.Timeout(timeout_s), follow_redirects=False
        )

    def post(self, path: str, body: dict[str, Any], params: dict[str, str] | None = None) -> Any:
        url = f"{self.base_url}{path}"
        started = time.monotonic()
        try:
            reply = self._client.post(url, json=body, params=params)
        except httpx.TimeoutException:
            waited = time.monotonic() - started
            raise TransientError(f"timed out after {waited:.1f}s calling {self.host}") from None
        except httpx.TransportError as exc:
            raise TransientError(f"cannot reach {self.host} ({type(exc).__name__})") from None
        status = reply.status_code
        if status == 429 or status >= 500:
            raise TransientError(
                f"HTTP {status} from {self.host}{self._detail(reply)}",
                retry_after=retry_after_seconds(reply.headers.get("retry-after")),
            )
        if status >= 400:
            raise PermanentError(f"HTTP {status} from {self.host}{self._detail(reply)}")
        try:
            return reply.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BadOutput(
                f"{self.host} answered HTTP {status} with a body that is not JSON"
            ) from None

    def _detail(self, reply: httpx.Response) -> str:
        """The server's own error message, short and redacted (servers echo headers)."""
        try:
            data = reply.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return ""
        message: Any = data.get("error", "") if isinstance(data, dict) else ""
        if isinstance(message, dict):
            message = message.get("message", "")
        text = " ".join(str(message).split())[:200]
        return f": {self.redact(text)}" if text else ""

    def close(self) -> None:
        self._client.close()


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
