from archwright.model import (
    Architecture,
    Auth,
    Compliance,
    Connection,
    Mode,
    Protocol,
    Requirements,
    check,
)
from archwright.model.graph import ArchGraph


def _arch(**extra: object) -> Architecture:
    data: dict[str, object] = {
        "name": "t",
        "components": [
            {"id": "user", "kind": "client"},
            {"id": "lb", "kind": "load_balancer", "public": True},
            {"id": "api", "kind": "service"},
            {"id": "db", "kind": "sql_db"},
            {"id": "q", "kind": "queue"},
            {"id": "worker", "kind": "worker"},
        ],
        "connections": [
            {"source": "user", "target": "lb"},
            {"source": "lb", "target": "api", "protocol": "http"},
            {"source": "api", "target": "db", "protocol": "sql"},
            {"source": "api", "target": "q", "protocol": "amqp"},
            {"source": "q", "target": "worker", "protocol": "amqp"},
            {"source": "worker", "target": "db", "protocol": "sql"},
        ],
    }
    data.update(extra)
    return Architecture.model_validate(data)


def test_connection_defaults_follow_the_protocol() -> None:
    assert Connection(source="a", target="b", protocol=Protocol.KAFKA).mode is Mode.ASYNC
    https = Connection(source="a", target="b")
    assert https.mode is Mode.SYNC and https.tls is True and https.id == "a->b"
    assert Connection(source="a", target="b", protocol=Protocol.HTTP).tls is False
    explicit = Connection(source="a", target="b", protocol=Protocol.AMQP, mode=Mode.SYNC)
    assert explicit.mode is Mode.SYNC
    assert https.auth is Auth.NONE


def test_requirements_normalise_compliance_names() -> None:
    req = Requirements.model_validate({"compliance": ["pci dss", "SOC 2", "gdpr", "HIPAA"]})
    assert req.compliance == [
        Compliance.PCI_DSS,
        Compliance.SOC2,
        Compliance.GDPR,
        Compliance.HIPAA,
    ]


def test_requirements_keep_unknown_keys() -> None:
    req = Requirements.model_validate({"features": ["chat"], "mood": "optimistic"})
    assert req.model_extra == {"mood": "optimistic"}


def test_graph_helpers() -> None:
    g = ArchGraph(_arch())
    assert g.entry_points() == ["user"]
    assert g.callees("api") == ["db", "q"]
    assert g.callers("db") == ["api", "worker"]
    assert g.dependencies("lb") == {"api", "db", "q", "worker"}
    assert g.dependents("db") == {"user", "lb", "api", "q", "worker"}
    # the async hop through the queue is not part of the synchronous chain
    assert g.longest_sync_path("user") == ["user", "lb", "api", "db"]
    journeys = g.default_journeys()
    assert [j.steps for j in journeys] == [["user", "lb", "api", "db"]]


def test_public_component_without_callers_is_an_entry_point() -> None:
    arch = Architecture.model_validate(
        {
            "name": "t",
            "components": [
                {"id": "a", "kind": "api_gateway", "public": True, "share": 0.25},
                {"id": "b", "kind": "api_gateway", "public": True},
                {"id": "c", "kind": "service", "public": True},
            ],
            "connections": [{"source": "a", "target": "c"}],
        }
    )
    g = ArchGraph(arch)
    assert g.entry_points() == ["a", "b"]
    assert g.entry_shares() == {"a": 0.25, "b": 0.75}


def test_cycles_are_found() -> None:
    arch = _arch()
    arch.connections.append(Connection(source="db", target="api", protocol=Protocol.SQL))
    assert any(set(c) == {"api", "db"} for c in ArchGraph(arch).cycles())


def test_check_finds_every_reference_problem() -> None:
    arch = _arch(
        journeys=[{"name": "j", "steps": ["user", "api"]}, {"name": "j", "steps": ["ghost"]}],
        boundaries=[{"id": "z", "members": ["nobody"], "parent": "nowhere"}],
    )
    arch.components.append(arch.components[0].model_copy())
    arch.connections.append(Connection(source="api", target="missing"))
    messages = {str(p) for p in check(arch)}
    assert "components[0].id: duplicate id 'user' (2 times)" in messages
    assert "connections[6].target: no component 'missing'" in messages
    assert "journeys[0].steps[1]: journey goes 'user' -> 'api' but no connection exists" in messages
    assert "journeys[1].steps[0]: no component 'ghost'" in messages
    assert "journeys[0].name: duplicate journey 'j'" in messages
    assert "boundaries[0].members[0]: no component 'nobody'" in messages
    assert "boundaries[0].parent: no boundary 'nowhere'" in messages


def test_check_orders_duplicates_and_reads_suppression_targets() -> None:
    """Duplicates come sorted by id, each at its first place; a suppression may name a
    connection by id, a decision may not (check builds the connection ids only when a
    suppression names targets)."""
    arch = _arch(
        suppressions=[
            {"rule": "REL001", "targets": ["api->db", "ghost"], "reason": "r"},
            {"rule": "REL002", "reason": "r"},
        ],
        decisions=[{"id": "d", "title": "t", "targets": ["api->db"]}],
    )
    arch.components.insert(0, arch.components[5].model_copy())  # worker, first
    arch.components.append(arch.components[2].model_copy())  # lb
    arch.connections.append(arch.connections[1].model_copy())
    messages = [str(p) for p in check(arch)]
    assert messages[:3] == [
        "components[2].id: duplicate id 'lb' (2 times)",
        "components[0].id: duplicate id 'worker' (2 times)",
        "connections[1].id: duplicate connection id 'lb->api'; give each an explicit id",
    ]
    assert "suppressions[0].targets[1]: no target 'ghost'" in messages
    assert not any("suppressions[0].targets[0]" in m for m in messages)
    assert "decisions[0].targets[0]: no component 'api->db'" in messages
    assert check(_arch(suppressions=[{"rule": "REL001", "reason": "r"}])) == []


def test_valid_model_has_no_problems() -> None:
    assert check(_arch()) == []
