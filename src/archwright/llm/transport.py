"""One HTTP exchange with hard bounds: a total deadline and a body-size ceiling.

httpx's timeout applies to each socket operation, so a server that sends one byte every
few seconds never trips it, and `response.json()` buffers whatever arrives. Here the
exchange runs in a worker thread that streams the body and stops at `max_bytes`; the
caller waits at most `seconds` for it. When the deadline passes, the socket is shut
down (which wakes a blocked read at once) and the worker is abandoned: it owns its
httpx client and closes it when it wakes. A thread cannot be killed, but it can be made
to stop reading.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from archwright.llm.errors import BadOutput, PermanentError, TransientError


@dataclass(frozen=True)
class Reply:
    """What came back: the status, the headers we use, and the (bounded) body."""

    status: int
    retry_after: str | None
    body: bytes


@dataclass
class _Exchange:
    """State shared between the caller and the worker of one exchange."""

    done: threading.Event = field(default_factory=threading.Event)
    cancelled: bool = False
    response: httpx.Response | None = None
    reply: Reply | None = None
    error: Exception | None = None


class TooLarge(Exception):
    pass


class Cancelled(Exception):
    pass


def _read_body(response: httpx.Response, max_bytes: int, state: _Exchange) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and len(declared) < 20 and int(declared) > max_bytes:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if state.cancelled:
            raise Cancelled
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _work(
    client: httpx.Client, request: httpx.Request, seconds: float, max_bytes: int, state: _Exchange
) -> None:
    try:
        request.extensions["timeout"] = httpx.Timeout(seconds).as_dict()
        response = client.send(request, stream=True)
        state.response = response
        try:
            body = _read_body(response, max_bytes, state)
        finally:
            response.close()
        state.reply = Reply(response.status_code, response.headers.get("retry-after"), body)
    except Exception as exc:  # every failure is handed to the caller to classify
        state.error = exc
    finally:
        if state.cancelled:
            client.close()  # abandoned: nobody else will use this client again
        state.done.set()


def _shut_down(response: httpx.Response | None) -> None:
    """Wake a read blocked on this response's socket (best effort)."""
    if response is None:
        return
    stream: Any = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


class BoundedSender:
    """Sends requests through one httpx client; replaces it after an abandoned exchange."""

    def __init__(self, headers: dict[str, str], host: str, max_bytes: int) -> None:
        self.headers = headers
        self.host = host
        self.max_bytes = max_bytes
        self._client = self._new_client()

    def _new_client(self) -> httpx.Client:
        return httpx.Client(headers=self.headers, follow_redirects=False)

    def post(
        self, url: str, body: dict[str, Any], params: dict[str, str] | None, seconds: float
    ) -> Reply:
        """The reply within `seconds` in total, or one of our errors saying what went wrong."""
        if seconds <= 0:
            raise TransientError(f"no time left to call {self.host}")
        client = self._client
        request = client.build_request("POST", url, json=body, params=params)
        state = _Exchange()
        worker = threading.Thread(
            target=_work, args=(client, request, seconds, self.max_bytes, state), daemon=True
        )
        worker.start()
        if not state.done.wait(seconds):
            state.cancelled = True
            _shut_down(state.response)
            self._client = self._new_client()
            raise TransientError(
                f"timed out after {seconds:.1f}s calling {self.host} (no complete answer)"
            )
        if state.error is not None:
            raise self._classify(state.error, seconds) from None
        assert state.reply is not None
        return state.reply

    def _classify(self, exc: Exception, seconds: float) -> Exception:
        if isinstance(exc, TooLarge):
            limit = f"{self.max_bytes / 1e6:.1f} MB" if self.max_bytes >= 100_000 else "limit"
            return BadOutput(f"{self.host} sent an answer over the {limit} limit")
        if isinstance(exc, httpx.TimeoutException):
            return TransientError(f"timed out after {seconds:.1f}s calling {self.host}")
        if isinstance(exc, httpx.DecodingError):
            return BadOutput(f"{self.host} sent a body that does not match its content-encoding")
        if isinstance(exc, httpx.TransportError):
            return TransientError(f"cannot reach {self.host} ({type(exc).__name__})")
        if isinstance(exc, httpx.HTTPError):
            return PermanentError(f"HTTP exchange with {self.host} failed ({type(exc).__name__})")
        return BadOutput(f"{self.host} sent an answer we cannot read ({type(exc).__name__})")

    def close(self) -> None:
        self._client.close()
