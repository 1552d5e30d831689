"""The rate limit is kept per client: behind a trusted proxy the client is read from
X-Forwarded-For; from any other peer the header is ignored, so it cannot be spoofed.

A real server on a loopback socket (the peer is 127.0.0.1, as nginx on the same host)."""

from __future__ import annotations

import httpx
from web_client import live_server

from archwright.web.limits import client_address

LIMIT = {"rate_per_minute": 60, "rate_burst": 5}


def _statuses(client: httpx.Client, forwarded: list[str]) -> list[int]:
    return [
        client.get("/api/health", headers={"X-Forwarded-For": f}).status_code for f in forwarded
    ]


def test_an_untrusted_peer_cannot_pick_its_bucket_with_the_header(db_url: str) -> None:
    with live_server(db_url, **LIMIT) as client:  # trusts no proxy
        spoofed = [f"198.51.100.{i}" for i in range(1, 9)]
        statuses = _statuses(client, spoofed)
    # live_server's own calls (health, session) took tokens from the same bucket.
    assert statuses.count(200) < 5 and statuses[-3:] == [429] * 3, statuses


def test_a_proxy_not_in_the_list_is_not_believed(db_url: str) -> None:
    with live_server(db_url, trusted_proxies=("10.9.9.9",), **LIMIT) as client:
        statuses = _statuses(client, [f"198.51.100.{i}" for i in range(1, 9)])
    assert statuses.count(200) < 5 and statuses[-3:] == [429] * 3, statuses


def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(db_url: str) -> None:
    with live_server(db_url, trusted_proxies=("127.0.0.1/32",), **LIMIT) as client:
        alice = _statuses(client, ["203.0.113.5"] * 6)
        # nginx appends the address it saw; what the client wrote to the left is ignored.
        bob = _statuses(client, [f"203.0.113.{i}, 192.0.2.7" for i in range(10, 16)])
        carol = _statuses(client, ["192.0.2.99"])
    assert alice == [200] * 5 + [429]
    assert bob == [200] * 5 + [429], "a forged left-hand entry does not give a new bucket"
    assert carol == [200]


def _scope(peer: str, forwarded: str | None) -> dict[str, object]:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return {"client": (peer, 1234), "headers": headers}


def test_the_client_is_the_nearest_untrusted_hop() -> None:
    import ipaddress

    proxies = (ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128"))
    cases = [
        (("10.0.0.2", "1.1.1.1, 2.2.2.2"), "2.2.2.2"),
        (("10.0.0.2", "1.1.1.1, 2.2.2.2, 10.0.0.9"), "2.2.2.2"),  # a chain of our proxies
        (("10.0.0.2", None), "10.0.0.2"),  # no header: the proxy itself
        (("10.0.0.2", "10.1.1.1"), "10.0.0.2"),  # only proxies in it
        (("10.0.0.2", "not-an-address"), "10.0.0.2"),
        (("::1", "2001:db8::1"), "2001:db8::1"),
        (("192.0.2.1", "2.2.2.2"), "192.0.2.1"),  # untrusted peer: header ignored
    ]
    for (peer, forwarded), expected in cases:
        assert client_address(_scope(peer, forwarded), proxies) == expected, (peer, forwarded)
    assert client_address(_scope("10.0.0.2", "2.2.2.2"), ()) == "10.0.0.2"
