"""Scrubbing personal data and secrets from anything we write (logs, errors, cache).

Patterns catch the common shapes (emails, phone numbers, card numbers passing the Luhn
check, API-key-looking tokens, bearer headers); `Redactor` also knows the exact secret
values in use, so a key with an unusual shape is removed too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_KEY_LIKE = re.compile(
    r"\b(sk-[A-Za-z0-9_-]{8,}|sk-ant-[A-Za-z0-9_-]{8,}|AKIA[0-9A-Z]{16}|"
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


class Redactor:
    """Redacts patterns plus the exact `secrets` given (values of API-key variables)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Short values would redact ordinary words; real keys are long.
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        text = _BEARER.sub(lambda m: f"{m.group(1)} [secret]", text)
        text = _KEY_LIKE.sub("[secret]", text)
        text = _KEY_ASSIGN.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}[secret]", text)
        text = _EMAIL.sub("[email]", text)
        text = _CARD.sub(_card, text)
        return _PHONE.sub("[phone]", text)
