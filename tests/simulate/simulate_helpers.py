"""Small architectures built in code for the simulation tests."""

from __future__ import annotations

from typing import Any

from archwright.model import Architecture


def make_arch(
    components: list[dict[str, Any]], connections: list[dict[str, Any]], **extra: Any
) -> Architecture:
    """An architecture from plain dicts; a `client` entry point is added when absent."""
    comps = list(components)
    if not any(c["kind"] == "client" for c in comps):
        comps.insert(0, {"id": "client", "kind": "client"})
    conns = [{"protocol": "http", **c} for c in connections]
    return Architecture.model_validate(
        {"name": "test", "components": comps, "connections": conns, **extra}
    )


def station(
    cid: str, servers: int, service_ms: float, replicas: int = 1, **more: Any
) -> dict[str, Any]:
    """A service with `replicas × servers` slots and a mean own service time."""
    return {
        "id": cid,
        "kind": "service",
        "replicas": replicas,
        "concurrency": servers,
        "service_time_ms": service_ms,
        **more,
    }
