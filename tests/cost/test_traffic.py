"""The one load function: the worked example of docs/model.md, hand-computed; every engine
reading the same arrivals; the recorded load as the default; validate's traffic warnings."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from archwright.archfile import load_architecture
from archwright.cli.app import app
from archwright.cost.traffic import (
    FlowRole,
    Unsettled,
    arrival_rates,
    flow_graph,
    flows,
    propagate,
)
from archwright.cost.traffic_checks import check_traffic
from archwright.kb.catalog import load_catalog
from archwright.model import Architecture
from archwright.simulate.flow import arrivals, build
from loop_designs import loop

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

# docs/model.md, "Traffic semantics": the worked example.
WORKED = {
    "name": "worked example",
    "components": [
        {"id": "users", "kind": "client"},
        {"id": "gateway", "kind": "api_gateway"},
        {"id": "auth", "kind": "identity"},
        {"id": "catalog", "kind": "service"},
        {"id": "orders", "kind": "service"},
        {"id": "cache", "kind": "cache", "hit_ratio": 0.9},
        {"id": "db", "kind": "sql_db"},
        {"id": "psp", "kind": "payment"},
        {"id": "psp-backup", "kind": "payment"},
        {"id": "metrics", "kind": "monitoring"},
        {"id": "cdn", "kind": "cdn", "hit_ratio": 0.95},
        {"id": "assets", "kind": "object_store"},
    ],
    "connections": [
        {"source": "users", "target": "gateway", "share": 0.6},
        {"source": "users", "target": "cdn", "share": 0.4},
        {"source": "gateway", "target": "auth"},
        {"source": "gateway", "target": "catalog", "share": 0.7},
        {"source": "gateway", "target": "orders", "share": 0.3},
        {"source": "catalog", "target": "cache", "calls": 2, "fallback": "db"},
        {"source": "orders", "target": "db", "calls": 3},
        {"source": "orders", "target": "psp", "share": 0.5, "fallback": "psp-backup"},
        {"source": "catalog", "target": "metrics"},
        {"source": "cdn", "target": "assets"},
    ],
}


def worked() -> Architecture:
    return Architecture.model_validate(WORKED)


def test_worked_example_by_hand() -> None:
    rates = arrival_rates(worked(), 1000)
    assert rates == pytest.approx(
        {
            "users": 1000,
            "gateway": 600,  # share 0.6
            "cdn": 400,  # share 0.4
            "assets": 20,  # read-through: 400 x (1 - 0.95)
            "auth": 600,  # a side call on every request
            "catalog": 420,  # routing: 600 x 0.7
            "orders": 180,  # routing: 600 x 0.3
            "cache": 840,  # fan-out: 420 x 2 calls
            "db": 624,  # cache-aside misses 840 x 0.1 = 84, plus orders' 180 x 3 = 540
            "psp": 90,  # 180 x 0.5
            "psp-backup": 0,  # a fallback: called only when psp fails
            "metrics": 0,  # telemetry: out of the request path
        }
    )


def test_derived_flows_name_their_role() -> None:
    roles: dict[tuple[str, str], set[FlowRole]] = {}
    for f in flows(worked()):
        roles.setdefault((f.source, f.target), set()).add(f.role)
    # The cache's misses, and its hits too when the cache is down.
    assert roles[("catalog", "db")] == {FlowRole.MISS, FlowRole.STANDBY}
    assert roles[("orders", "psp-backup")] == {FlowRole.STANDBY}
    telemetry = next(f for f in flows(worked()) if f.target == "metrics")
    assert telemetry.rate == 0 and not telemetry.sync  # no load, latency or dependency


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_simulate_arrivals_equal_arrival_rates(path: Path) -> None:
    arch = load_architecture(path)
    net = build(arch)
    peak = arch.requirements.scale.peak_rps or 100.0
    simulated, _ = arrivals(net, peak)
    shared = arrival_rates(arch, peak)
    assert np.allclose(simulated, [shared[c] for c in net.ids], rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_sustain_their_recorded_peak(path: Path) -> None:
    result = CliRunner().invoke(app, ["simulate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    peak = load_architecture(path).requirements.scale.peak_rps
    assert peak and doc["rps"] == peak
    assert doc["max_rps"] is None or doc["max_rps"] >= peak
    assert all(j["latency_ms"]["p99"] is not None for j in doc["journeys"].values())
    assert doc["load_basis"].startswith("recorded peak")


def test_cost_prices_the_recorded_average_and_says_so() -> None:
    arch = load_architecture(ROOT / "examples" / "three_tier.yaml")
    result = CliRunner().invoke(app, ["cost", str(ROOT / "examples" / "three_tier.yaml")])
    assert result.exit_code == 0
    peak = arch.requirements.scale.peak_rps
    assert f"average {peak * 0.5:g} requests/s" in " ".join(result.stdout.split())


def test_audit_load_is_the_recorded_peak() -> None:
    from archwright.audit.context import Context

    arch = load_architecture(ROOT / "examples" / "three_tier.yaml")
    ctx = Context(arch, load_catalog())
    peak = arch.requirements.scale.peak_rps or 0
    assert ctx.load == pytest.approx(arrival_rates(arch, peak))


def _warnings(data: dict[str, object]) -> list[str]:
    return [f"{p.path}: {p.message}" for p in check_traffic(Architecture.model_validate(data))]


def test_validate_warns_about_routing_over_one() -> None:
    data = {
        "name": "g",
        "components": [
            {"id": "u", "kind": "client"},
            {"id": "gw", "kind": "api_gateway"},
            {"id": "a", "kind": "service"},
            {"id": "b", "kind": "service"},
            {"id": "idp", "kind": "identity"},
        ],
        "connections": [
            {"source": "u", "target": "gw"},
            {"source": "gw", "target": "a"},
            {"source": "gw", "target": "b"},
            {"source": "gw", "target": "idp"},
        ],
    }
    found = _warnings(data)
    assert len(found) == 1 and found[0].startswith("components[1]: api_gateway 'gw' calls a, b")
    assert "adding up to 2" in found[0]
    conns = data["connections"]
    assert isinstance(conns, list)
    conns[1]["share"], conns[2]["share"] = 0.5, 0.5  # routing: adds up to 1
    assert _warnings(data) == []


def test_validate_warns_about_cycles_telemetry_and_fallbacks() -> None:
    data = {
        "name": "c",
        "components": [
            {"id": "u", "kind": "client"},
            {"id": "a", "kind": "service"},
            {"id": "b", "kind": "service"},
            {"id": "m", "kind": "monitoring"},
            {"id": "llm", "kind": "llm"},
            {"id": "llm2", "kind": "llm"},
        ],
        "connections": [
            {"source": "u", "target": "a"},
            {"source": "a", "target": "b"},
            {"source": "b", "target": "a", "share": 0.1},
            {"source": "a", "target": "m"},
            {"source": "a", "target": "llm", "fallback": "llm2"},
            {"source": "a", "target": "llm2", "share": 0.05},
        ],
    }
    found = _warnings(data)
    assert any(w.startswith("connections[1]: synchronous calls form a cycle") for w in found)
    assert any(
        w.startswith("connections[3]: synchronous call from 'a' into monitoring") for w in found
    )
    assert any(
        w.startswith("connections[5]: 'llm2' is the fallback of connections[4]") for w in found
    )
    assert len(found) == 3


def test_validate_prints_traffic_warnings_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "name: w\ncomponents:\n  - {id: u, kind: client}\n  - {id: a, kind: service}\n"
        "  - {id: m, kind: logging}\nconnections:\n  - {source: u, target: a}\n"
        "  - {source: a, target: m}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert f"{path}:8: warning: connections[1]: synchronous call from 'a' into logging" in (
        result.stderr
    )


def test_examples_have_no_traffic_warnings() -> None:
    for path in EXAMPLES:
        assert check_traffic(load_architecture(path)) == [], path.name


def test_telemetry_is_not_a_step_of_any_journey() -> None:
    from archwright.model.graph import ArchGraph

    data = {
        "name": "t",
        "components": [
            {"id": "u", "kind": "client"},
            {"id": "a", "kind": "service"},
            {"id": "m", "kind": "monitoring"},
        ],
        "connections": [{"source": "u", "target": "a"}, {"source": "a", "target": "m"}],
    }
    journeys = ArchGraph(Architecture.model_validate(data)).default_journeys()
    assert [j.steps for j in journeys] == [["u", "a"]]


KINDS = ["service", "cache", "sql_db", "monitoring", "queue", "worker", "llm"]


@st.composite
def random_arch(draw: st.DrawFn) -> Architecture:
    """Acyclic models with routing shares, fan-out, caches with and without fallbacks."""
    n = draw(st.integers(2, 8))
    kinds = [draw(st.sampled_from(KINDS)) for _ in range(n)]
    comps: list[dict[str, object]] = [{"id": "u", "kind": "client"}]
    for i, kind in enumerate(kinds):
        comp: dict[str, object] = {"id": f"c{i}", "kind": kind}
        if kind == "cache":
            comp["hit_ratio"] = draw(st.sampled_from([0.0, 0.5, 0.9]))
        comps.append(comp)
    conns: list[dict[str, object]] = [{"source": "u", "target": "c0"}]
    for j in range(1, n):
        for i in range(j):
            if draw(st.booleans()):
                conn: dict[str, object] = {
                    "source": f"c{i}",
                    "target": f"c{j}",
                    "share": draw(st.sampled_from([0.1, 0.5, 1.0])),
                    "calls": draw(st.sampled_from([1, 2, 3])),
                    "mode": draw(st.sampled_from(["sync", "async"])),
                }
                later = [f"c{k}" for k in range(j + 1, n)]
                if later and draw(st.booleans()):
                    conn["fallback"] = draw(st.sampled_from(later))
                conns.append(conn)
    return Architecture.model_validate({"name": "p", "components": comps, "connections": conns})


@settings(max_examples=60, deadline=None)
@given(random_arch(), st.floats(1, 10_000))
def test_every_engine_reads_the_same_arrivals(a: Architecture, rps: float) -> None:
    shared = arrival_rates(a, rps)
    net = build(a)
    simulated, warnings = arrivals(net, rps)
    assert warnings == []
    assert np.allclose(simulated, [shared[c] for c in net.ids], rtol=1e-9, atol=1e-9)
    # Linear in the load, never negative; telemetry carries nothing.
    double = arrival_rates(a, 2 * rps)
    assert all(double[c] == pytest.approx(2 * shared[c]) and shared[c] >= 0 for c in shared)
    kinds = {c.id: c.kind.value for c in a.components}
    assert all(shared[c] == 0 for c, k in kinds.items() if k == "monitoring")


def _with_relay(share: float | None) -> Architecture:
    data = json.loads(json.dumps(WORKED))
    data["components"] += [
        {"id": "relay", "kind": "worker", **({"share": share} if share is not None else {})},
        {"id": "bus", "kind": "queue"},
    ]
    data["connections"] += [
        {"source": "relay", "target": "db"},
        {"source": "relay", "target": "bus", "calls": 2},
    ]
    return Architecture.model_validate(data)


def test_a_poller_works_at_its_share_and_its_calls_carry_load() -> None:
    """docs/model.md, "Pollers": an outbox relay nothing calls, with `share: 0.18` (one
    publish per order), does 0.18 × edge rps of work, on top of the entry shares."""
    plain = arrival_rates(worked(), 1000.0)
    rates = arrival_rates(_with_relay(0.18), 1000.0)
    assert rates["relay"] == pytest.approx(180.0)
    assert rates["bus"] == pytest.approx(360.0)  # two publishes per relayed row
    assert rates["db"] == pytest.approx(plain["db"] + 180.0)
    assert rates["gateway"] == pytest.approx(plain["gateway"])  # entries not diluted
    # Simulate reads the same arrivals.
    net = build(_with_relay(0.18))
    sim, _ = arrivals(net, 1000.0)
    assert sim[net.index["bus"]] == pytest.approx(360.0)


@pytest.mark.parametrize("share", [None, 0.0])
def test_a_poller_without_share_does_no_request_work(share: float | None) -> None:
    rates = arrival_rates(_with_relay(share), 1000.0)
    assert rates["relay"] == 0.0 and rates["bus"] == 0.0


def test_a_public_component_nobody_calls_stays_an_entry_point() -> None:
    data = json.loads(json.dumps(WORKED))
    data["components"].append({"id": "hook", "kind": "service", "public": True, "share": 0.5})
    rates = arrival_rates(Architecture.model_validate(data), 1000.0)
    # Entry shares are normalised: users (unset) and hook (0.5) split the traffic.
    assert rates["hook"] == pytest.approx(500.0)
    assert rates["users"] == pytest.approx(500.0)


def test_the_designed_outbox_relay_publishes_downstream() -> None:
    from archwright.generate import design
    from archwright.kb.specs import load_specs

    spec = next(s for s in load_specs().specs if s.name == "e-commerce")
    arch = design(spec.requirements, name=spec.title).architecture
    relay = next(c for c in arch.components if "relay" in c.id)
    assert relay.share is not None and relay.share > 0
    peak = float(arch.requirements.scale.peak_rps or 0)
    rates = arrival_rates(arch, peak)
    assert rates[relay.id] == pytest.approx(relay.share * peak)
    published = [c.target for c in arch.connections if c.source == relay.id]
    buses = [t for t in published if t != relay.id and rates[t] > 0]
    assert buses, f"{relay.id} publishes nothing downstream: {published}"


def test_the_load_line_names_the_peak_or_the_average_asked_for() -> None:
    """An engine sized for the peak must say the peak (200), one on the average say it (50)."""
    from archwright.cost.traffic import design_load

    arch = Architecture.model_validate(
        {
            "name": "t",
            "requirements": {"scale": {"peak_rps": 200, "avg_rps": 50}},
            "components": [],
        }
    )
    load = design_load(arch)
    assert load.describe("peak") == "recorded peak 200 requests/s (requirements.scale.peak_rps)"
    assert load.describe("average") == "average 50 requests/s (requirements.scale.avg_rps)"
    empty = design_load(Architecture.model_validate({"name": "t", "components": []}))
    assert (empty.describe("peak"), empty.describe("average")) == (
        "no recorded peak",
        "no recorded load",
    )


def test_a_cache_with_a_fallback_sends_misses_and_when_down_its_hits() -> None:
    """catalog calls the cache twice per request at a 0.9 hit ratio: 2 × 0.1 = 0.2 calls
    miss to db; when the cache is down its hits, 2 × 0.9 = 1.8, go there too, so db
    then takes all 2. A fallback without a cache takes the whole call: psp's 0.5 share."""
    by_role = {(f.source, f.target, f.role): f for f in flows(worked())}
    miss = by_role[("catalog", "db", FlowRole.MISS)]
    standby = by_role[("catalog", "db", FlowRole.STANDBY)]
    assert (miss.rate, miss.calls) == pytest.approx((0.2, 0.2))
    assert (standby.rate, standby.calls) == pytest.approx((1.8, 1.8))
    assert miss.rate + standby.rate == pytest.approx(2.0)
    psp = by_role[("orders", "psp-backup", FlowRole.STANDBY)]
    assert (psp.rate, psp.calls) == pytest.approx((0.5, 1.0))
    # a derived flow is named after the declared one and what it carries
    assert miss.id.endswith(" (miss)") and standby.id.endswith(" (fallback)")
    assert psp.id.endswith(" (fallback)")
    assert miss.id.removesuffix(" (miss)") == standby.id.removesuffix(" (fallback)")


def test_a_loop_that_never_settles_is_reported_with_the_rates_of_its_200th_pass() -> None:
    """docs/model.md: a loop of gain 1 never settles; it is reported after 200 passes
    with the rates that pass left. 1 req/s enters a; each pass sets a = 1 + b and then
    b = a, so after pass n both are n: 200 req/s each after the 200th."""
    found = propagate(flow_graph(loop(1.0)), 1.0)
    assert found.rates == [1.0, 200.0, 200.0]
    assert not found.settled
    assert found.unsettled == (Unsettled(("a", "b"), 200),)
    (line,) = found.warnings
    assert "calls cycle through a, b" in line and "lower bound, not an answer" in line


def test_a_loop_that_settles_names_no_cycle() -> None:
    found = propagate(flow_graph(loop(0.5)), 1.0)
    assert found.settled and found.unsettled == () and found.warnings == []


def test_the_cost_of_a_loop_that_never_settles_says_so_in_json_and_table(
    tmp_path: Path,
) -> None:
    """Issue 17: the 200th pass was priced as if it were the load. The estimate now
    carries the one line of `Unsettled`, and `cost` prints it in both formats; a loop
    that settles prints none."""
    for back, expected in ((1.0, 1), (0.5, 0)):
        data = loop(back).model_dump(mode="json", exclude_none=True)
        data["requirements"] = {"scale": {"avg_rps": 10}}
        path = tmp_path / f"loop{back}.json"
        path.write_text(json.dumps(data), "utf-8")
        runner = CliRunner()
        done = runner.invoke(app, ["cost", str(path), "--format", "json", "--cloud", "aws"])
        assert done.exit_code == 0, done.output
        warnings = json.loads(done.stdout)["warnings"]
        assert len(warnings) == expected
        table = runner.invoke(app, ["cost", str(path), "--cloud", "aws"])
        assert table.exit_code == 0, table.output
        shown = " ".join(table.stdout.split())
        if expected:
            assert warnings[0].startswith("load did not settle: calls cycle through a, b")
            assert f"warning: {warnings[0]}" in shown
        else:
            assert "did not settle" not in shown


def test_a_pass_that_moves_no_rate_by_more_than_the_tolerance_settles_theloop() -> None:
    """docs/model.md: a loop has settled when no rate moved by more than 1e-9 of its
    previous value, or by more than 1e-21 req/s while that value is under 1e-12 req/s;
    a move of exactly the tolerance counts as settled. With c = 1e-9 × 1e-12 req/s
    entering a loop of gain ½: the first pass sets a = c (unchanged, it started at its
    entry rate) and b = 0 + c, a move of exactly c from 0, so iteration stops there and
    both rates are c (the fixed point 2c is below the stated precision). At 1 req/s the
    same loop settles within 1e-9 per pass, a few parts in 1e9 below its fixed point of
    2 req/s."""
    c = 1e-9 * 1e-12
    assert arrival_rates(loop(0.5), c) == {"u": c, "a": c, "b": c}
    at_one = arrival_rates(loop(0.5), 1.0)
    assert at_one["a"] == at_one["b"] == pytest.approx(2.0, rel=5e-9)
    assert at_one["a"] < 2.0


@pytest.mark.parametrize("avg_rps", [0.5, 1.0, 10.0])
def test_the_estimate_names_a_loop_that_never_settles_at_any_positive_average_load(
    avg_rps: float,
) -> None:
    """A loop of gain 1 grows at every positive rate, however small: the cost estimate
    carries its one "did not settle" line at half a request a second as at ten. At no
    load nothing flows, so nothing is reported."""
    from archwright.cost.estimate import estimate

    found = estimate(loop(1.0, {"avg_rps": avg_rps}), load_catalog(), "aws").warnings
    assert len(found) == 1 and found[0].startswith("load did not settle: calls cycle through a, b")
    assert estimate(loop(0.5, {"avg_rps": avg_rps}), load_catalog(), "aws").warnings == []


@pytest.mark.parametrize("rps", [0.0, -5.0])
def test_at_no_load_nothing_arrives_anywhere_and_no_loop_is_named(rps: float) -> None:
    """No request entering (or a negative rate, which no engine should pass) is no load at
    every component, entry points included, even on a loop of gain 1 that grows at any
    positive rate: zero stays zero, so there is no cycle to name."""
    from archwright.cost.traffic import arrivals as load

    for arch in (worked(), loop(1.0)):
        found = load(arch, rps)
        assert found.rates == dict.fromkeys(found.rates, 0.0)
        assert set(found.rates) == {c.id for c in arch.components}
        assert found.warnings == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=12).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                max_size=30,
            ),
            st.permutations(range(n)),
        )
    )
)
def test_scc_order_of_an_acyclic_graph_is_the_condensation_order(
    graph: tuple[int, list[tuple[int, int]], list[int]],
) -> None:
    """`scc_order` answers a graph without cycles by Kahn's order of its nodes: the same
    list, ties and repeated pairs included, as Tarjan's condensation gives it."""
    from archwright.cost.traffic import _condensation_order, _kahn, scc_order

    n, raw, rank = graph
    # Each pair from lower to higher rank, which closes no cycle; the ranks shuffle the
    # node numbers, so the order is not the numbers' own.
    pairs = [(rank[min(a, b)], rank[max(a, b)]) for a, b in raw if a != b]
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in pairs:
        succ[a].append(b)
    assert _kahn(n, succ) is not None
    assert scc_order(n, pairs) == _condensation_order(n, succ, pairs)


def test_scc_order_of_a_cyclic_graph_falls_back_to_the_condensation() -> None:
    """A cycle, or a component calling itself, stops Kahn's order short: Tarjan's groups."""
    from archwright.cost.traffic import _kahn, scc_order

    assert _kahn(3, [[1], [0], []]) is None
    assert scc_order(3, [(0, 1), (1, 0), (2, 0)]) == [[2], [0, 1]]
    assert _kahn(2, [[0], [1]]) is None
    assert scc_order(2, [(0, 0), (1, 0)]) == [[1], [0]]
