"""Importer name lookup and address finding, case by case (issue 17's planted bugs).

Each case pins one branch of `NameIndex.resolve`, `looks_internal` and `addresses_in`
that mutation testing showed the fixture tests did not tell apart.
"""

from __future__ import annotations

import pytest

from archwright.importers._edges import NameIndex, addresses_in, is_address_key
from archwright.model import Protocol


def _index(namespaces: set[str] | None = None) -> NameIndex:
    index = NameIndex()
    index.add("Carts", "carts")
    index.add("carts-db", "carts_db")
    index.add("carts", "other")  # first name wins
    index.namespaces = set(namespaces or ())
    return index


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("carts", "carts"),
        ("CARTS.", "carts"),
        ("carts.svc.cluster.local", "carts"),
        ("carts.svc", "carts"),
        ("carts.cluster.local", "carts"),
        ("carts.sock-shop", "carts"),  # <service>.<namespace>, no namespace known: accepted
        ("carts.sock-shop.svc.cluster.local", "carts"),
        ("carts.a.b", None),  # three labels are not <service>.<namespace>
        ("orders", None),
        ("carts-db", "carts_db"),
    ],
)
def test_resolve_without_known_namespaces(host: str, expected: str | None) -> None:
    assert _index().resolve(host) == expected


def test_resolve_checks_the_namespace_when_some_are_known() -> None:
    index = _index({"sock-shop"})
    assert index.resolve("carts.sock-shop") == "carts"
    assert index.resolve("carts.elsewhere") is None


@pytest.mark.parametrize(
    ("host", "internal"),
    [
        ("carts", True),
        ("carts.svc.cluster.local", True),
        ("db.local", True),
        ("db.internal", True),
        ("carts.sock-shop", True),
        ("carts.other", False),
        ("api.example.com", False),
    ],
)
def test_looks_internal(host: str, internal: bool) -> None:
    assert _index({"sock-shop"}).looks_internal(host) is internal


def test_addresses_in_urls_connection_strings_and_host_ports() -> None:
    (url,) = addresses_in("postgres://u:p@orders-db:5432/orders")
    assert (url.host, url.port, url.scheme) == ("orders-db", 5432, "postgres")
    assert url.protocol() is Protocol.SQL
    (conn,) = addresses_in("Server=sqldata;Database=x;User Id=sa")
    assert (conn.host, conn.port) == ("sqldata", None)
    (hp,) = addresses_in("redis-cart:6379")
    assert (hp.host, hp.port) == ("redis-cart", 6379)
    assert hp.protocol() is Protocol.REDIS


def test_bare_names_count_only_under_an_address_key() -> None:
    assert [a.host for a in addresses_in("redis", "REDIS_HOST")] == ["redis"]
    assert addresses_in("redis", "LOG_LEVEL") == []
    assert [a.host for a in addresses_in("carts.svc.cluster.local")] == ["carts.svc.cluster.local"]
    assert is_address_key("spring.datasource.url") and not is_address_key("timeout")


def test_local_and_ip_hosts_are_ignored_and_health_paths_marked() -> None:
    assert addresses_in("http://localhost:8080/x") == []
    assert addresses_in("http://10.0.0.1:8080/x") == []
    assert addresses_in("http://1.2.3.4:8080/x") == []  # an IP whose second character is '.'
    assert addresses_in("http://[2001:db8::1]:8080/x") == []
    (health,) = addresses_in("http://carts:80/health")
    assert health.health_check
    (plain,) = addresses_in("http://carts:80/items")
    assert not plain.health_check
    (default,) = addresses_in("${CARTS_URL:-http://carts:80}")
    assert default.host == "carts"


@pytest.mark.parametrize("value", ["cache/0", "redis@primary", "db;name", "10.0", "6379"])
def test_a_word_that_is_not_a_host_name_is_no_address_even_under_an_address_key(
    value: str,
) -> None:
    """A bare name must look like a DNS name (a letter, then letters, digits, `_`, `-`,
    dots): a path, a user@host without a scheme, a number is not a host, whatever the key."""
    assert addresses_in(value, "REDIS_HOST") == []
    assert [a.host for a in addresses_in("cache", "REDIS_HOST")] == ["cache"]


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("${CARTS_URL:-http://carts:80}", "carts"),  # default if unset or empty
        ("${CARTS_URL-http://orders:80}", "orders"),  # default if unset
        ("${CARTS_URL:http://users:80}", "users"),  # Spring's ${key:default}
    ],
)
def test_an_interpolation_stands_for_its_default(value: str, host: str) -> None:
    assert [(a.host, a.port) for a in addresses_in(value)] == [(host, 80)]


def test_an_interpolation_without_a_default_names_nothing() -> None:
    assert addresses_in("${CARTS_URL}", "CARTS_URL") == []
    assert addresses_in("$(CARTS_URL)", "CARTS_URL") == []
    assert addresses_in("{{ .Values.cartsUrl }}", "CARTS_URL") == []


@pytest.mark.parametrize(
    ("value", "key", "health"),
    [
        ("carts:80", "CARTS_HEALTH_URL", True),
        ("carts:80", "probe.carts_hc", True),
        ("carts:80", "hc.carts_url", False),  # only the key's last segment counts
        ("carts:80", "CARTS_URL", False),
        ("http://carts:80/healthz?full=1", "", True),
        ("http://carts:80/ping/", "", True),
        ("http://carts:80/health/items", "", False),  # a path below health is not the check
    ],
)
def test_a_health_check_is_marked_by_its_key_or_its_path(
    value: str, key: str, health: bool
) -> None:
    (found,) = addresses_in(value, key)
    assert found.host == "carts" and found.health_check is health


def test_a_host_starting_with_a_digit_is_kept_unless_it_is_an_ip() -> None:
    assert [a.host for a in addresses_in("http://3scale-gw:80/x")] == ["3scale-gw"]
    assert addresses_in("http://10.1.2.3/x") == []
    assert addresses_in("http://[::1]:80/x") == []
    assert addresses_in("http://[fe80::1]:80/x") == []  # an IPv6 literal led by a letter
    assert addresses_in("http://0.0.0.0:80/x") == []


def test_an_unknown_scheme_takes_the_protocol_of_its_port() -> None:
    (found,) = addresses_in("custom://cache:6379")
    assert (found.scheme, found.port) == ("custom", 6379)
    assert found.protocol() is Protocol.REDIS
    (known,) = addresses_in("postgres://db:6379")
    assert known.protocol() is Protocol.SQL  # a known scheme wins over the port
