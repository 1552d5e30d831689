"""How one server runs: where its store is, who may use it, and its limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

TOKEN_ENV = "ARCHWRIGHT_TOKEN"
TRUSTED_PROXIES_ENV = "ARCHWRIGHT_TRUSTED_PROXIES"
JOB_LEASE_S = 15.0
"""Seconds without a heartbeat after which a running job counts as lost (its replica
died): thirty beats at the streaming loop's half-second tick, so a busy replica is not
taken for dead. Replicas' clocks are compared, so they must agree to well within it."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    """One server's configuration; every replica of a deployment uses the same values.

    `token`: required whenever the server listens beyond loopback; sessions are signed
    with a key derived from it, so any replica accepts a cookie another one issued.
    """

    db_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body_bytes: int = 3_000_000
    rate_per_minute: int = 600
    rate_burst: int = 120
    trusted_hosts: tuple[str, ...] = ()
    """Extra Host header values accepted (a load balancer's name); loopback names always."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses or CIDR networks of reverse proxies whose X-Forwarded-For is believed
    when keying the rate limit by client; from any other peer the header is ignored."""
    job_lease_s: float = JOB_LEASE_S

    def proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        """`trusted_proxies` parsed; ValueError naming the first that is not an address."""
        networks = []
        for given in self.trusted_proxies:
            try:
                networks.append(ipaddress.ip_network(given.strip(), strict=False))
            except ValueError:
                raise ValueError(
                    f"trusted proxy {given[:60]!r} is not an IP address or network (CIDR)"
                ) from None
        return tuple(networks)

    @property
    def secure_cookies(self) -> bool:
        """Cookies marked Secure beyond loopback (TLS ends at the load balancer there)."""
        return not is_loopback(self.host)

    def check(self) -> None:
        """Refuse a configuration that would expose projects to anyone who can connect."""
        if not is_loopback(self.host) and not self.token:
            raise ValueError(
                f"listening on {self.host} needs a token: pass --token or set {TOKEN_ENV}"
            )
        if self.token is not None and len(self.token) < 16:
            raise ValueError("the token is shorter than 16 characters")
        self.proxy_networks()
        if not 1.0 <= self.job_lease_s <= 3600.0:
            raise ValueError("the job lease must be 1 to 3600 seconds")
