"""Scrubbing personal data and secrets from anything we write or print.

`Redactor` is the one redaction function: the CLI's stdout and stderr, review markdown,
the call log, the cache and every error message pass through it. Patterns catch the
common shapes (emails, phone numbers, card numbers passing the Luhn check, API-key-looking
tokens, bearer headers, credentials in URLs); `Redactor` also knows the exact secret
values in use and finds them in any encoding a server or model is likely to echo them
in: URL-encoded (`sk%2D...`, upper or lower hex, once or twice), JSON `\\u00XX` escapes and
base64.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_DASH = r"(?:-|%(?:25)?2[dD])"
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@:\[\]]+:[^/\s@]+@")
_KEY_LIKE = re.compile(
    rf"\b(sk{_DASH}(?:ant{_DASH})?[A-Za-z0-9_%-]{{8,}}|AKIA[0-9A-Z]{{16}}|"
    r"gh[pousr]_[A-Za-z0-9]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})"
)
_KEY_ASSIGN = re.compile(
    r"(?i)\b(api[_-]?key|x-api-key|authorization|token|secret|password)(\"?\s*[:=]\s*)"
    r"(\"?)(?!\[secret\]|bearer\b|basic\b)[^\s\",]{6,}"
)
_CARD = re.compile(r"\b(?:\d[ -]?){12,18}\d\b")
# International numbers start with +; national ones need the usual separators, so that
# plain long numbers (ids, counts, timestamps) are left alone.
_PHONE = re.compile(
    r"(?<![\w.+])(?:\+\d{1,3}[ .-]?(?:\(?\d{1,4}\)?[ .-]?){1,4}\d{2,4}"
    r"|\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4})(?![\w.])"
)


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[card]" if 13 <= len(digits) <= 19 and _luhn(digits) else match.group(0)


def host_of(url: str) -> str:
    """`host[:port]` of a URL without any `user:password@` part, for messages and logs."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return netloc or url.rpartition("@")[2]


def url_credentials(url: str) -> list[str]:
    """The secret parts of a URL's userinfo (`user:pass`, `pass`), raw and decoded."""
    userinfo, at, _ = urlsplit(url).netloc.rpartition("@")
    if not at or not userinfo:
        return []
    password = userinfo.partition(":")[2]
    found = {userinfo, unquote(userinfo), password, unquote(password)}
    return sorted(s for s in found if s)


def _encoded_char(ch: str) -> str:
    """A pattern for one character as itself, %XX (either case, once or twice) or \\u00XX."""
    code = ord(ch)
    if code > 0xFF:
        return re.escape(ch)
    hexes = "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in f"{code:02x}")
    return rf"(?:{re.escape(ch)}|%(?:25)?{hexes}|\\u00{hexes})"


def _variants(secret: str) -> str:
    """One pattern for a secret in every encoding we look for."""
    encoded = "".join(_encoded_char(ch) for ch in secret)
    b64 = {
        base64.b64encode(secret.encode()).decode().rstrip("=")[:-1],
        base64.urlsafe_b64encode(secret.encode()).decode().rstrip("=")[:-1],
    }
    return "|".join([encoded, *(re.escape(b) for b in sorted(b64) if len(b) >= 8)])


class Redactor:
    """Redacts patterns plus the exact `secrets` given (API keys, URL credentials)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Short values would redact ordinary words; real keys are long.
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)
        self._exact = (
            re.compile("|".join(f"(?:{_variants(s)})" for s in self.secrets))
            if self.secrets
            else None
        )

    def __call__(self, text: str) -> str:
        text = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}[secret]@", text)
        if self._exact is not None:
            text = self._exact.sub("[secret]", text)
        text = _BEARER.sub(lambda m: f"{m.group(1)} [secret]", text)
        text = _KEY_LIKE.sub("[secret]", text)
        text = _KEY_ASSIGN.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}[secret]", text)
        text = _EMAIL.sub("[email]", text)
        text = _CARD.sub(_card, text)
        return _PHONE.sub("[phone]", text)
