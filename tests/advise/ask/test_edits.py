"""Edits in words, one test per kind: the diff, the before/after figures (checked against
the engines run on the written file), the atomic write, and that refusing leaves the
file byte-identical."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archwright.archfile import load_architecture
from archwright.audit import audit
from archwright.cli.app import app
from archwright.cost import monthly_cost
from archwright.kb import load_catalog
from archwright.model import Architecture
from archwright.simulate.availability import availability
from archwright.simulate.chaos import Scenario, chaos
from archwright.simulate.load import default_rps, simulate

ROOT = Path(__file__).resolve().parents[3]

# (example, question, lines the diff must add, lines it must remove)
EDITS = {
    "read_replica": (
        "three_tier",
        "add a read replica to db",
        ["+  read_replicas: 2"],
        ["-  read_replicas: 1"],
    ),
    "async": (
        "event_driven_orders",
        "make inventory -> inventory-db async",
        ["+  mode: async"],
        ["-  mode: sync"],
    ),
    "cache": (
        "three_tier",
        "put a cache in front of db",
        ["+- id: db-cache", "+  fallback: db"],
        ["-  target: db"],
    ),
    "second_region": (
        "three_tier",
        "fail over to a second region",
        ["+    - eu-central-1", "+- id: api-eu-central-1"],
        [],
    ),
    "replicas": ("three_tier", "scale api to 5 replicas", ["+  replicas: 5"], ["-  replicas: 3"]),
    "circuit_breaker": (
        "three_tier",
        "add a circuit breaker between api and db",
        ["+  circuit_breaker: true"],
        [],
    ),
    # the cache's reads go to the database it fronted; the journey now ends there
    "remove": (
        "three_tier",
        "remove the cache",
        ["+  calls: 1.2", "+  - db"],
        ["-- id: cache", "-  target: cache", "-  fallback: db", "-  share: 0.2", "-  - cache"],
    ),
    # an edge component is passed through: the browser now calls the load balancer
    "remove-edge": (
        "three_tier",
        "remove the cdn",
        ["+- id: browser->lb", "+  target: lb"],
        ["-- id: cdn", "-- id: browser->cdn", "-- id: cdn->lb", "-  - cdn"],
    ),
    "technology": (
        "three_tier",
        "switch db to dynamodb",
        ["+  kind: nosql_db", "+  technology: aws-dynamodb"],
        ["-  kind: sql_db", "-  technology: aws-rds-postgresql", "-  protocol: sql"],
    ),
    "technology-broker": (
        "event_driven_orders",
        "use kafka instead of sqs",
        ["+  technology: kafka", "+  protocol: kafka"],
        ["-  technology: aws-sqs", "-  protocol: sqs"],
    ),
    "timeouts": (
        "three_tier",
        "set a 2 s timeout on api -> db",
        ["+  timeout_ms: 2000.0"],
        ["-  timeout_ms: 1000.0"],
    ),
    "timeouts-retries": (
        "event_driven_orders",
        "add 3 retries to inventory -> inventory-db",
        ["+  retries: 3"],
        ["-  retries: 2"],
    ),
}
# What the connection edits are measured on besides the common table: the callee failed.
FAILED_CALLEE = {"timeouts": ("api", "db"), "timeouts-retries": ("inventory", "inventory-db")}
# The component whose own cost and capacity a technology edit reports.
SUBJECT = {"technology": "db", "technology-broker": "dlq"}


def ask(*args: str, stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["ask", *args], input=stdin)
    return result.exit_code, result.output


def engine_figures(path: Path, kind: str = "") -> dict[str, float | int | str | None]:
    arch = load_architecture(path)
    sim = simulate(arch, None, 1.0)
    figures: dict[str, float | int | str | None] = {
        "monthly cost": monthly_cost(arch, load_catalog(), None).monthly_total,
        "max_rps": sim["max_rps"],
        "availability": availability(arch, default_rps(arch))["overall"]["percent"],
        "findings": len(audit(arch).active),
    }
    for name, journey in sim["journeys"].items():
        figures[f"P99 {name}"] = journey["latency_ms"]["p99"]
    if kind in SUBJECT:
        cid = SUBJECT[kind]
        figures[f"{cid} monthly cost"] = (
            monthly_cost(arch, load_catalog(), None).components[cid].monthly
        )
        figures[f"{cid} saturates at"] = sim["components"][cid]["saturates_at_rps"]
    if kind in FAILED_CALLEE:
        source, target = FAILED_CALLEE[kind]
        result = chaos(arch, Scenario(fail=[target]), default_rps(arch))
        caller = result["components"][source]
        when = f"when {target} fails"
        figures[f"{when}: {source}"] = f"{caller['status']} ({caller['cause']})"
        figures[f"{when}: load offered to {target}"] = result["components"][target]["load_factor"]
        figures[f"{when}: journeys failed"] = sum(
            j["status"] == "failed" for j in result["journeys"].values()
        )
    return figures


KINDS = sorted(EDITS)


@pytest.mark.parametrize("kind", KINDS)
def test_refusing_leaves_the_file_byte_identical(tmp_path: Path, kind: str) -> None:
    example, question, _, _ = EDITS[kind]
    path = tmp_path / "arch.yaml"
    shutil.copyfile(ROOT / "examples" / f"{example}.yaml", path)
    before = path.read_bytes()
    code, out = ask(question, "--arch", str(path), stdin="n\n")
    assert code == 0, out
    assert "Apply this edit" in out and "not applied" in out
    assert path.read_bytes() == before
    code, out = ask(question, "--arch", str(path))  # end of input counts as no
    assert code == 0, out
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arch.yaml"]


@pytest.mark.parametrize("kind", KINDS)
def test_edit_diff_deltas_and_write(tmp_path: Path, kind: str) -> None:
    example, question, added, removed = EDITS[kind]
    path = tmp_path / "arch.yaml"
    shutil.copyfile(ROOT / "examples" / f"{example}.yaml", path)
    before = engine_figures(path, kind)
    code, out = ask(question, "--arch", str(path), "--yes", "--format", "json")
    assert code == 0, out
    data = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert data["intent"] == f"edit.{kind.split('-')[0]}" and data["applied"] is True
    diff = data["edit"]["diff"].splitlines()
    for line in added:
        assert line in diff, f"{line!r} not in the diff"
    for line in removed:
        assert line in diff, f"{line!r} not in the diff"
    after = engine_figures(path, kind)  # the engines on the file as written
    deltas = {d["metric"]: d for d in data["edit"]["deltas"]}
    assert set(deltas) == set(before) | set(after)
    for metric, d in deltas.items():
        assert d["before"] == before.get(metric, "absent"), metric
        assert d["after"] == after.get(metric, "absent"), metric
    assert path.read_text(encoding="utf-8") == data["edit"]["new_text"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_write_leaves_the_file_and_no_temporary(
    tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    example, question, _, _ = EDITS[kind]
    path = tmp_path / "arch.yaml"
    shutil.copyfile(ROOT / "examples" / f"{example}.yaml", path)
    before = path.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("archwright.archfile.io.os.replace", refuse)
    result = CliRunner().invoke(app, ["ask", question, "--arch", str(path), "--yes"])
    assert result.exit_code != 0
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arch.yaml"]


def test_a_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    from archwright.advise.ask import StaleFile, answer, apply_edit

    path = tmp_path / "arch.yaml"
    shutil.copyfile(ROOT / "examples" / "three_tier.yaml", path)
    original = path.read_bytes()
    reply = answer("add a read replica to db", load_architecture(path), arch_name=str(path))
    assert reply.edit is not None
    path.write_bytes(original + b"# edited elsewhere\n")
    with pytest.raises(StaleFile):
        apply_edit(reply.edit, path, original)
    assert path.read_bytes().endswith(b"# edited elsewhere\n")


@pytest.mark.parametrize(
    ("example", "question", "reason"),
    [
        (
            "event_driven_orders",
            "make orders -> payments async",
            "no direct call between orders and payments; they are linked through "
            "orders -> events -> payments: orders -> events (async, kafka); "
            "events -> payments (async, kafka); every hop is already asynchronous",
        ),
        ("three_tier", "make web -> db async", "linked through web -> api -> db"),
        ("three_tier", "add a read replica to api", "not a datastore"),
        (
            "three_tier",
            "add a circuit breaker between web and api",
            "already has a circuit breaker",
        ),
        ("three_tier", "make the checkout async", "which call?"),
        (
            "three_tier",
            "remove the api",
            "removing api breaks 2 journey(s) with no other path: 'browse catalogue' "
            "(browser -> cdn -> lb -> web -> api -> cache); 'checkout' "
            "(browser -> cdn -> lb -> web -> api -> db)",
        ),
        (
            "three_tier",
            "switch db to kafka",
            "kafka is a stream/queue; db is a sql_db and its role takes sql_db, nosql_db",
        ),
        (
            "three_tier",
            "switch db to azure-cosmos-db",
            "azure-cosmos-db runs on azure; this model runs on aws",
        ),
        ("three_tier", "switch db to postgres", "db already runs aws-rds-postgresql"),
        ("three_tier", "set a timeout on api -> db", "what should api -> db get?"),
        ("three_tier", "set a 1 s timeout on api -> db", "already has a 1,000 ms timeout"),
        ("three_tier", "add 2 retries to web -> api", "already has a 2,000 ms timeout, 2 retries"),
    ],
)
def test_an_edit_that_does_not_fit_is_refused_with_the_reason(
    example: str, question: str, reason: str
) -> None:
    from archwright.advise.ask import answer

    reply = answer(question, load_architecture(ROOT / "examples" / f"{example}.yaml"))
    assert reply.edit is None
    assert reason in reply.text


def test_a_technology_change_re_speaks_its_calls_as_design_would() -> None:
    """The call into the new technology speaks the catalog's protocol for it, through
    the rule `design` wires calls with."""
    from archwright.advise.ask import answer
    from archwright.generate.assemble import spoken_protocol

    catalog = load_catalog()
    reply = answer("switch db to dynamodb", load_architecture(ROOT / "examples/three_tier.yaml"))
    assert reply.edit is not None
    after = load_architecture_text(reply.edit.new_text)
    by_id = after.components_by_id()
    call = next(c for c in after.connections if c.id == "api->db")
    assert catalog.get("aws-dynamodb").protocol is not None
    assert call.protocol is catalog.get("aws-dynamodb").protocol.name  # https, not sql
    assert call.protocol is spoken_protocol(by_id["api"], by_id["db"], catalog)
    assert by_id["db"].kind.value == "nosql_db"  # the primary database role takes NoSQL
    assert any("ADR-001" in p and "no longer holds" in p for p in reply.pushback)
    assert any("trade-off engine" in p for p in reply.pushback)


def test_retries_are_argued_with_the_retry_storm_the_chaos_engine_sees() -> None:
    from archwright.advise.ask import answer

    arch = load_architecture(ROOT / "examples/event_driven_orders.yaml")
    reply = answer("retry notifier -> email 5 times", arch)
    assert reply.edit is not None
    after = load_architecture_text(reply.edit.new_text)
    offered = chaos(after, Scenario(fail=["email"]), default_rps(after))["components"]["email"]
    assert offered["load_factor"] == 6.0  # 1 + 5 attempts: no breaker on the call
    storm = next(p for p in reply.pushback if p.startswith("Retry amplification"))
    assert "up to 6 attempts per call" in storm and "offers it 6x its load" in storm


def test_a_timeout_longer_than_the_journey_target_is_named() -> None:
    from archwright.advise.ask import answer

    reply = answer(
        "set a 5 s timeout on api -> db", load_architecture(ROOT / "examples/three_tier.yaml")
    )
    assert reply.edit is not None
    assert any(
        p.startswith("Journey checkout targets a P99 of 800 ms") and "5,000 ms" in p
        for p in reply.pushback
    )


def load_architecture_text(text: str) -> Architecture:
    from archwright.archfile import parse_architecture

    return parse_architecture(text)


@pytest.mark.parametrize(
    ("question", "component", "field", "value"),
    [
        ("remove a replica from api", "api", "replicas", 2),
        ("remove 2 replicas from api", "api", "replicas", 1),
        ("scale down web to 2 replicas", "web", "replicas", 2),
        ("add two more replicas to web", "web", "replicas", 5),
        ("scale api to 5 replicas", "api", "replicas", 5),
        ("remove a read replica from db", "db", "read_replicas", 0),
        ("add 2 read replicas to db", "db", "read_replicas", 3),
    ],
)
def test_replica_edits_add_take_away_or_set(
    question: str, component: str, field: str, value: int
) -> None:
    """'remove a replica' takes one away: it never removes the component, nor adds."""
    from archwright.advise.ask import answer

    reply = answer(question, load_architecture(ROOT / "examples/three_tier.yaml"))
    assert reply.edit is not None, reply.text
    after = load_architecture_text(reply.edit.new_text)
    assert getattr(after.components_by_id()[component], field) == value


def test_taking_away_the_last_replica_is_refused() -> None:
    from archwright.advise.ask import answer

    reply = answer(
        "remove 3 replicas from api", load_architecture(ROOT / "examples/three_tier.yaml")
    )
    assert reply.edit is None
    assert "api has 3 replica(s); to take it out, say 'remove api'" in reply.text


def test_a_self_hosted_pick_on_a_managed_model_names_the_managed_twin() -> None:
    from archwright.advise.ask import answer

    arch = load_architecture(ROOT / "examples/event_driven_orders.yaml")
    assert arch.requirements.constraints.managed_preferred is True
    reply = answer("use kafka instead of sqs", arch)
    assert reply.edit is not None
    assert load_catalog().get("kafka").equivalents["aws"] == "aws-msk"
    assert any("the catalog's equivalent on aws is aws-msk" in p for p in reply.pushback)
    again = answer("switch events to kafka", arch)  # events runs aws-msk already
    assert again.edit is None and "events already runs aws-msk" in again.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("add 3 retries to inventory -> inventory-db", "Retry amplification: 3 retries"),
        ("set 2 retries on gateway -> orders", "The circuit breaker on gateway -> orders opens"),
        ("no retries on notifier -> email", "With no retries, a brief blip of email"),
    ],
)
def test_retry_edits_argue_by_whether_a_breaker_guards_the_call(
    question: str, opening: str
) -> None:
    from archwright.advise.ask import answer

    reply = answer(question, load_architecture(ROOT / "examples/event_driven_orders.yaml"))
    assert reply.edit is not None, reply.text
    assert any(p.startswith(opening) for p in reply.pushback), reply.pushback
