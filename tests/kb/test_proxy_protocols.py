"""A proxy that balances both HTTP and raw TCP is a candidate for a TCP role.

nginx (its stream module), HAProxy (`mode tcp`), Envoy (the TCP proxy filter) and
Traefik (TCP routers) each speak HTTP and TCP; the catalog names both (`protocol.also`),
so `select load_balancer --speaks tcp` keeps them beside the layer-4 balancers (before:
only aws-nlb and azure-load-balancer, the proxies ruled out as speaking https).
"""

from __future__ import annotations

import pytest

from archwright.kb.catalog import load_catalog
from archwright.kb.scoring import speaking, speaks
from archwright.model import Kind, Protocol

PROXIES = ("nginx", "haproxy", "envoy", "traefik")


@pytest.mark.parametrize("name", PROXIES)
def test_a_proxy_speaks_http_and_tcp(name: str) -> None:
    tech = load_catalog().find(name)
    assert tech is not None and tech.protocol is not None
    assert speaks(tech, frozenset({Protocol.TCP}))
    assert speaks(tech, frozenset({Protocol.HTTPS}))
    assert tech.protocol.name is Protocol.HTTPS  # what a design wires
    assert "http" in tech.protocol.source and "tcp" in tech.protocol.source.lower()


def test_select_for_tcp_keeps_the_proxies_and_not_the_l7_balancers() -> None:
    kept = {
        t.name
        for t in speaking(load_catalog(), (Kind.LOAD_BALANCER,), {Protocol.TCP}).of_kind(
            Kind.LOAD_BALANCER
        )
    }
    assert set(PROXIES) <= kept
    assert "aws-nlb" in kept
    assert "aws-alb" not in kept  # HTTP and HTTPS listeners only
