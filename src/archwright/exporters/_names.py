"""Identifiers for every target language, derived from model ids that may hold anything.

A model id is free text (`../x`, `${evil}`, `"; drop`, emoji). Every exporter needs a
name that is valid where it goes: a DNS-1123 label for Kubernetes, a Terraform
identifier, a Python identifier, a path segment. Sanitizing alone can map two ids to
the same name (`a b` and `a-b`), so a `Namer` keeps the mapping per namespace and adds a
short hash of the original id whenever the plain slug is taken, was changed by
sanitizing into something another id could also produce, or is empty. The hash makes
the suffix stable: the same model always gives the same names.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def stable_hash(text: str, length: int = 6) -> str:
    """A short hex digest of `text`, identical across runs and machines."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return [w for w in _NON_ALNUM.split(folded.lower()) if w]


def kebab(text: str, max_len: int = 63) -> str:
    """`Order Service v2` → `order-service-v2` (may be empty for text with no ASCII)."""
    return "-".join(_ascii_words(text))[:max_len].strip("-")


def snake(text: str, max_len: int = 63) -> str:
    """`Order Service v2` → `order_service_v2` (may be empty)."""
    return "_".join(_ascii_words(text))[:max_len].strip("_")


def dns_label(text: str, max_len: int = 63) -> str:
    """A DNS-1123 label: lower-case alphanumerics and `-`, starting with a letter."""
    slug = kebab(text, max_len)
    if slug and not slug[0].isalpha():
        slug = ("x-" + slug)[:max_len].strip("-")
    return slug


def identifier(text: str, max_len: int = 60) -> str:
    """A Terraform/Python/SQL identifier: `[a-z_][a-z0-9_]*`, never a Python keyword."""
    slug = snake(text, max_len)
    if slug and slug[0].isdigit():
        slug = "x_" + slug
    if keyword.iskeyword(slug) or keyword.issoftkeyword(slug):
        slug += "_"
    return slug


@lru_cache(maxsize=200_000)
def env_name(text: str) -> str:
    """An environment variable name: `orders-db` → `ORDERS_DB`. Kept per text: compose,
    Kubernetes and the services each name the same components' settings (14,000 names
    at 5,000 components; issue 17)."""
    return (identifier(text) or "x").upper()


class Namer:
    """Unique, stable names for ids within one namespace (one output file or folder).

    `name(id)` returns the same answer for the same id; two ids that sanitize alike get
    distinct names (the second and later ones in sorted order carry a hash suffix).
    """

    def __init__(
        self,
        ids: Iterable[str],
        slug: Callable[[str], str],
        *,
        separator: str = "-",
        max_len: int = 63,
        reserved: Iterable[str] = (),
    ) -> None:
        self._names: dict[str, str] = {}
        taken = set(reserved)
        for original in sorted(set(ids)):
            base = slug(original)[: max_len - 7].strip(separator) or ""
            candidate = base
            if not candidate or candidate in taken:
                suffix = stable_hash(original)
                candidate = f"{base}{separator}{suffix}" if base else slug(f"x{suffix}")
            while candidate in taken:  # a hash collision with a reserved name: extend
                candidate = candidate + separator + stable_hash(candidate, 4)
            taken.add(candidate)
            self._names[original] = candidate

    def __call__(self, original: str) -> str:
        return self._names[original]

    def items(self) -> list[tuple[str, str]]:
        return sorted(self._names.items())


def dns_namer(ids: Iterable[str], reserved: Iterable[str] = ()) -> Namer:
    """DNS labels short enough to take a suffix such as `-credentials` and stay <= 63."""
    return Namer(ids, dns_label, max_len=40, reserved=reserved)


def ident_namer(ids: Iterable[str], reserved: Iterable[str] = ()) -> Namer:
    return Namer(ids, identifier, separator="_", max_len=60, reserved=reserved)
