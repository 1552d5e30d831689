"""Who may call the API: a bearer token, or a signed session cookie plus a CSRF header.

- Loopback without a token: the browser gets a session cookie on its first call to
  `GET /api/session`; that is what state changes are checked against, so a page on
  another site cannot make the user's browser change projects (it can neither read the
  CSRF token nor send the custom header without a CORS preflight we never grant).
- With a token (required beyond loopback): API clients send `Authorization: Bearer`;
  the UI posts the token once to `POST /api/session` and then uses the cookie.

Cookies are HttpOnly, SameSite=Strict and Secure beyond loopback. Their signing key is
derived from the token, so every replica accepts every replica's cookies; nothing about
a session is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from fastapi import Request, Response

from archwright.web.errors import ApiError
from archwright.web.settings import Settings

COOKIE = "aw_session"
CSRF_HEADER = "x-csrf-token"
SESSION_SECONDS = 12 * 3600
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class Gate:
    """Signs and checks sessions for one server."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        seed = settings.token.encode() if settings.token else secrets.token_bytes(32)
        self._key = hashlib.sha256(b"archwright-session\0" + seed).digest()

    def _sign(self, text: str) -> str:
        return hmac.new(self._key, text.encode(), hashlib.sha256).hexdigest()

    def issue(self, response: Response) -> str:
        """Set a fresh session cookie; return its CSRF token."""
        value = f"{int(time.time()) + SESSION_SECONDS}.{secrets.token_hex(8)}"
        cookie = f"{value}.{self._sign(value)}"
        response.set_cookie(
            COOKIE,
            cookie,
            max_age=SESSION_SECONDS,
            httponly=True,
            samesite="strict",
            secure=self.settings.secure_cookies,
            path="/",
        )
        return self.csrf_for(cookie)

    def csrf_for(self, cookie: str) -> str:
        return self._sign("csrf\0" + cookie)

    def session_ok(self, cookie: str | None) -> bool:
        if not cookie or cookie.count(".") != 2:
            return False
        expiry, nonce, mac = cookie.split(".")
        if not hmac.compare_digest(mac, self._sign(f"{expiry}.{nonce}")):
            return False
        return expiry.isdigit() and int(expiry) > time.time()

    def token_ok(self, given: str) -> bool:
        token = self.settings.token
        return bool(token) and hmac.compare_digest(given.encode(), (token or "").encode())

    def bearer(self, request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        return value.strip() if scheme.lower() == "bearer" else None

    async def check(self, request: Request) -> None:
        """Refuse the request unless it carries a token or a session (+CSRF for changes).

        Async because it is a few microseconds of HMAC: a plain function would be sent to
        the thread pool, and under load every request waited for a thread twice."""
        given = self.bearer(request)
        if given is not None:
            if self.settings.token and self.token_ok(given):
                return
            raise ApiError(401, "the token is not valid")
        cookie = request.cookies.get(COOKIE)
        if not self.session_ok(cookie):
            raise ApiError(401, "sign in first: send the token as a bearer or open a session")
        if request.method in _UNSAFE:
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent.encode(), self.csrf_for(cookie or "").encode()):
                raise ApiError(403, "missing or wrong CSRF token (header X-CSRF-Token)")
