"""Limits on every request, before any endpoint runs: Host, body size, request rate.

A pure ASGI middleware, so a refused request never reaches FastAPI's body parsing:
an oversized upload is cut off at the limit (not read whole first) and a flood is
refused with 429 and Retry-After.
"""

from __future__ import annotations

import ipaddress
import json
import math
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from archwright.web.settings import Settings

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
        b"frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
_MAX_CLIENTS = 10_000
_MAX_HOPS = 32

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in proxies)


def client_address(scope: Scope, proxies: tuple[Network, ...]) -> str:
    """Who sent the request, for the rate limit: the peer, unless the peer is a trusted
    proxy, in which case the nearest address in X-Forwarded-For that is not one.

    The header is read right to left because each proxy appends the address it saw: the
    entries left of the first untrusted one were written by the client and prove nothing.
    From an untrusted peer the header is ignored, so a client cannot pick its own bucket.
    """
    peer = str((scope.get("client") or ("unknown", 0))[0])
    if not proxies or not _trusted(peer, proxies):
        return peer
    forwarded = b",".join(v for k, v in scope.get("headers", []) if k == b"x-forwarded-for")
    hops = [h.strip() for h in forwarded.decode("latin-1").split(",") if h.strip()]
    for hop in reversed(hops[-_MAX_HOPS:]):
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # not an address: the proxy did not write it; keep the peer's
    return peer


class TooLarge(Exception):
    pass


class RateLimiter:
    """A token bucket per client address, refilled at `per_minute`, holding `burst`."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > _MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def _refusal(status: int, message: str, extra: list[tuple[bytes, bytes]]) -> list[Message]:
    payload = json.dumps({"error": message, "problems": []}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        *extra,
        *SECURITY_HEADERS,
    ]
    return [
        {"type": "http.response.start", "status": status, "headers": headers},
        {"type": "http.response.body", "body": payload},
    ]


class Guard:
    """Host check, rate limit, body cap and security headers around the whole app."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_minute, settings.rate_burst)
        self.proxies = settings.proxy_networks()

    def _host_ok(self, scope: Scope) -> bool:
        host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        allowed = {*_LOOPBACK_NAMES, self.settings.host, *self.settings.trusted_hosts}
        return name in allowed or "*" in self.settings.trusted_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = self._refuse(scope)
        if problem is not None:
            for message in problem:
                await send(message)
            return
        try:
            body = await self._read_body(scope, receive)
        except TooLarge:
            limit = self.settings.max_body_bytes
            for message in _refusal(413, f"the request body is larger than {limit:,} bytes", []):
                await send(message)
            return
        await self.app(scope, _replay(body, receive), _with_headers(send))

    def _refuse(self, scope: Scope) -> list[Message] | None:
        if not self._host_ok(scope):
            return _refusal(421, "unexpected Host header", [])
        wait = self.limiter.take(client_address(scope, self.proxies))
        if wait > 0:
            retry = str(max(1, math.ceil(wait))).encode()
            return _refusal(429, "too many requests; slow down", [(b"retry-after", retry)])
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (
            not length.isdigit() or int(length) > self.settings.max_body_bytes
        ):
            limit = self.settings.max_body_bytes
            return _refusal(413, f"the request body is larger than {limit:,} bytes", [])
        return None

    async def _read_body(self, scope: Scope, receive: Receive) -> bytes:
        if scope.get("method", "GET") in ("GET", "HEAD", "OPTIONS"):
            return b""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.settings.max_body_bytes:
                raise TooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers: list[Any] = list(message.get("headers", []))
            present = {k.lower() for k, _ in headers}
            headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
