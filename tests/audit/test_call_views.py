"""The context's views of the calls (`sync_calls`, `sync_out`, `app_calls`) answer what
the rules asked of every connection before (issue 16), and `Rule.finding` reads the ids
of a list of targets of every kind."""

from __future__ import annotations

from typing import Any

from archwright.audit.context import Context
from archwright.audit.rule import Category, Rule
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture, Severity


def _context() -> Context:
    components: list[dict[str, Any]] = [
        {"id": "web", "kind": "client"},
        {"id": "api", "kind": "service"},
        {"id": "orders", "kind": "service"},
        {"id": "jobs", "kind": "queue"},
        {"id": "worker", "kind": "worker"},
        {"id": "db", "kind": "sql_db"},
    ]
    connections: list[dict[str, Any]] = [
        {"source": "web", "target": "api"},
        {"source": "api", "target": "orders"},
        {"source": "api", "target": "jobs", "protocol": "sqs"},  # asynchronous
        {"source": "jobs", "target": "worker", "protocol": "sqs"},
        {"source": "worker", "target": "orders", "mode": "async"},
        {"source": "orders", "target": "db"},
        {"source": "api", "target": "db"},
    ]
    arch = Architecture.model_validate(
        {"name": "views", "components": components, "connections": connections}
    )
    return Context(arch, load_catalog())


def test_sync_calls_are_the_synchronous_connections_in_model_order() -> None:
    ctx = _context()
    assert [c.id for c in ctx.sync_calls] == [
        "web->api",
        "api->orders",
        "orders->db",
        "api->db",
    ]
    assert ctx.sync_calls == [c for c in ctx.connections if c.is_sync]


def test_sync_out_groups_them_by_caller() -> None:
    ctx = _context()
    assert {k: [c.id for c in v] for k, v in ctx.sync_out.items()} == {
        "web": ["web->api"],
        "api": ["api->orders", "api->db"],
        "orders": ["orders->db"],
    }
    for cid, calls in ctx.out.items():
        assert ctx.sync_out.get(cid, []) == [c for c in calls if c.is_sync]


def test_app_calls_join_two_of_our_apps_whatever_the_mode() -> None:
    ctx = _context()
    assert [c.id for c in ctx.app_calls] == ["api->orders", "worker->orders"]


def test_a_finding_names_each_target_once_in_order() -> None:
    ctx = _context()
    rule = Rule("TST001", "test.rule", Category.RELIABILITY, Severity.LOW, "s", "r", "f")
    conn = ctx.connections[1]
    finding = rule.finding([ctx.components["orders"], "db", conn, "api", "db"], "m")
    assert finding.targets == ("api", "api->orders", "db", "orders")
    assert rule.finding(("db",), "m").targets == ("db",)
    assert rule.finding(iter([conn]), "m").targets == ("api->orders",)
