"""Addresses in configuration values, and which deployed component they name.

A call leaves traces in configuration: `REDIS_ADDR=redis-cart:6379`, a JDBC URL, an
nginx `proxy_pass`, a connection string `Server=sqldata;...`, a Kubernetes Service DNS
name `carts.sock-shop.svc.cluster.local:80`. This module finds those traces in a value
and resolves their host against the names deployed (service names, hostnames, container
names, aliases), keeping what names nothing for the loss report.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from archwright.importers._techmap import protocol_for_port, protocol_for_scheme
from archwright.model import Protocol

_URL = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?:[^@\s/]*@)?"
    r"(?P<host>\[[^\]]+\]|[^:/\s;,'\"?#@\]\[)(}{]+)(?::(?P<port>\d{1,5}))?"
)
_CONN = re.compile(
    r"(?:^|;)\s*(?:server|host|data source|address|addr|hostname)\s*=\s*(?:tcp:)?"
    r"(?P<host>[A-Za-z0-9_.-]+)(?:[,:](?P<port>\d{1,5}))?\s*(?=;|$)",
    re.IGNORECASE,
)
_HOST_PORT = re.compile(
    r"(?<![\w./@:=-])(?P<host>[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*):(?P<port>\d{2,5})(?![\w.])"
)
_BARE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*$")
ADDRESS_KEY = re.compile(
    r"(addr|address|host|url|uri|endpoint|server|connection|conn_str|dsn|broker|bootstrap|"
    r"upstream|proxy_pass|target|_svc$|_service$|^service$)",
    re.IGNORECASE,
)
_LOCAL = frozenset({"localhost", "0.0.0.0", "127.0.0.1", "::", "::1", "host.docker.internal"})
_CLUSTER_SUFFIXES = (".svc.cluster.local", ".svc", ".cluster.local")
_HEALTH_PATH = re.compile(r"/(hc|health|healthz|readyz|livez|ping|status)/?$", re.IGNORECASE)
_INTERPOLATION = re.compile(r"\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}")


@dataclass(frozen=True)
class Address:
    """A host (and port, scheme) written in a value: a call's trace in the configuration."""

    host: str
    port: int | None
    scheme: str | None
    health_check: bool = False

    def protocol(self) -> Protocol | None:
        if self.scheme:
            found = protocol_for_scheme(self.scheme.split(":")[-1])
            if found is not None:
                return found
        return protocol_for_port(self.port)


def is_address_key(key: str) -> bool:
    """Whether the last segment of a dotted key names an address (`REDIS_HOST`, `url`)."""
    return bool(ADDRESS_KEY.search(key.rsplit(".", 1)[-1]))


def addresses_in(value: str, key: str = "") -> list[Address]:
    """Every address written in `value`; a bare name counts only under an address-like key."""
    text = _INTERPOLATION.sub(" ", value) if "${" not in value else _defaults(value)
    found: list[Address] = []
    spans: list[tuple[int, int]] = []
    for m in _URL.finditer(text):
        host = m.group("host")
        rest = text[m.end() : m.end() + 80].split()[0] if text[m.end() :].strip() else ""
        found.append(
            Address(
                host,
                _int(m.group("port")),
                m.group("scheme").lower(),
                bool(_HEALTH_PATH.search(rest.split("?")[0])) or _health_key(key),
            )
        )
        spans.append(m.span())
    for m in _CONN.finditer(text):
        found.append(Address(m.group("host"), _int(m.group("port")), None, _health_key(key)))
        spans.append(m.span())
    for m in _HOST_PORT.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        found.append(Address(m.group("host"), _int(m.group("port")), None, _health_key(key)))
        spans.append(m.span())
    if not found:  # a bare name: `REDIS_HOST=redis`, or a cluster DNS name anywhere
        named = bool(key) and is_address_key(key)
        for word in re.split(r"[\s,]+", text.strip()):
            if not _BARE.match(word) or word.replace(".", "").isdigit():
                continue
            if named or word.lower().endswith(_CLUSTER_SUFFIXES):
                found.append(Address(word, None, None, _health_key(key)))
    return [a for a in found if not _ignorable(a.host)]


def _defaults(value: str) -> str:
    """`${X:-fallback}` and `${X:fallback}` → fallback (the value a default deployment uses)."""

    def pick(m: re.Match[str]) -> str:
        inner = m.group(0)[2:-1]
        for sep in (":-", "-", ":"):
            if sep in inner:
                return inner.split(sep, 1)[1]
        return " "

    return re.sub(r"\$\{[^{}]*\}", pick, value)


def _health_key(key: str) -> bool:
    last = key.rsplit(".", 1)[-1]
    return bool(re.search(r"(hc$|health)", last, re.IGNORECASE))


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _ignorable(host: str) -> bool:
    h = host.strip("[]").lower()
    if h in _LOCAL or not h:
        return True
    if not (h[0].isdigit() or ":" in h):  # only these can be IP literals
        return False
    try:
        ipaddress.ip_address(h)
        return True
    except ValueError:
        return False


class NameIndex:
    """Host names → component id, with Kubernetes DNS forms understood."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self.namespaces: set[str] = set()

    def add(self, name: str, component_id: str) -> None:
        self._names.setdefault(name.lower(), component_id)

    def resolve(self, host: str) -> str | None:
        h = host.lower().rstrip(".")
        if h in self._names:
            return self._names[h]
        for suffix in _CLUSTER_SUFFIXES:
            if h.endswith(suffix):
                h = h[: -len(suffix)]
                break
        if h in self._names:
            return self._names[h]
        first, _, rest = h.partition(".")
        if rest and ("." not in rest) and (rest in self.namespaces or not self.namespaces):
            return self._names.get(first)
        return None

    def looks_internal(self, host: str) -> bool:
        """A name a cluster or compose network would resolve (not a public domain)."""
        h = host.lower()
        if "." not in h:
            return True
        return h.endswith((*_CLUSTER_SUFFIXES, ".local", ".internal")) or (
            h.count(".") == 1 and h.split(".")[1] in self.namespaces
        )
