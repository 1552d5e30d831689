"""What several formats of one export derive from the same design is computed once inside
`one_topology()` (the scaffold's README and the design document share one flowchart,
the OpenAPI format and the scaffold one document per service), and afresh outside it,
so a design changed between two exports is never answered from the first (issue 17)."""

from __future__ import annotations

from archwright.exporters._topology import once_per_export, one_topology, topology
from archwright.exporters.mermaid import flowchart
from archwright.exporters.openapi import document
from archwright.model import Architecture, Component, Connection, Kind


def _design(label: str = "Orders") -> Architecture:
    return Architecture(
        name="shop", components=[Component(id="orders", kind=Kind.SERVICE, name=label)]
    )


def test_computed_once_per_object_and_arguments_inside_the_scope() -> None:
    calls: list[tuple[str, str]] = []

    @once_per_export
    def tagged(arch: Architecture, tag: str) -> str:
        calls.append((arch.name, tag))
        return f"{arch.name}:{tag}"

    a, b = _design(), _design()
    with one_topology():
        assert [tagged(a, "x"), tagged(a, "x"), tagged(a, "y"), tagged(b, "x")] == [
            "shop:x",
            "shop:x",
            "shop:y",
            "shop:x",
        ]
    assert calls == [("shop", "x"), ("shop", "y"), ("shop", "x")]
    tagged(a, "x")
    tagged(a, "x")
    assert len(calls) == 5  # outside the scope: every call computes


def test_exporters_share_within_one_export_only() -> None:
    arch = _design()
    comp = arch.components[0]
    with one_topology():
        assert flowchart(arch) is flowchart(arch)
        assert topology(arch) is topology(arch)
        assert document(comp, "orders") is document(comp, "orders")
        assert document(comp, "orders") is not document(comp, "other")
    assert document(comp, "orders") is not document(comp, "orders")
    assert document(comp, "orders") == document(comp, "orders")


def test_a_changed_design_is_drawn_again_in_the_next_export() -> None:
    with one_topology():
        first = flowchart(_design("Orders"))
    with one_topology():
        second = flowchart(_design("Payments"))
    assert "Orders" in first
    assert "Payments" in second
    assert "Orders" not in second


def test_connection_settings_are_worked_out_once_and_handed_out_as_copies() -> None:
    arch = Architecture(
        name="shop",
        components=[
            Component(id="orders", kind=Kind.SERVICE),
            Component(id="db", kind=Kind.SQL_DB, technology="postgresql"),
        ],
        connections=[Connection(source="orders", target="db")],
    )
    topo = topology(arch)
    first = topo.env_for("orders")
    assert first == {"DB_URL": "postgresql://db:5432"}
    first["DB_URL"] = "changed by a caller"
    assert topo.env_for("orders") == {"DB_URL": "postgresql://db:5432"}
