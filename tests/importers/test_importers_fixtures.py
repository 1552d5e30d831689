"""Every fixture: the services found, and the call edges the project's docs describe.

`documented_edges` come from each project's own documentation. The ones the files do not
show as an address (hard-coded in source code) are listed in `not_in_files`; everything
else must be found as a confirmed call, and nothing beyond docs + `also_found` may be
confirmed. Calls guessed from `depends_on` are listed with their level in `inferred`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from edge_metrics import cases, measure, ratio, table, totals

from archwright.importers import registry
from conftest import FIXTURES

CASES = sorted(p for p in FIXTURES.iterdir() if (p / "expected.yaml").is_file())


def _load(folder: Path) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((folder / "expected.yaml").read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_fixture_services_and_documented_edges(folder: Path) -> None:
    expected = _load(folder)
    assert (folder / "SOURCE.txt").is_file()
    result = registry.load(expected["format"]).parse(folder)
    arch = result.architecture
    assert sorted(c.id for c in arch.components) == sorted(expected["services"])
    documented = {tuple(e) for e in expected["documented_edges"]}
    hidden = {tuple(e["edge"]) for e in expected["not_in_files"]}
    assert hidden <= documented
    found = {(c.source, c.target) for c in arch.connections}
    confirmed = {
        (c.source, c.target) for c in arch.connections if c.properties["confidence"] == "confirmed"
    }
    want = (documented - hidden) | {tuple(e) for e in expected["also_found"]}
    assert confirmed == want
    guessed = {
        (c.source, c.target, c.properties["confidence"])
        for c in arch.connections
        if c.properties["confidence"] != "confirmed"
    }
    assert guessed == {tuple(e) for e in expected.get("inferred") or []}
    startup = {(s["before"], s["after"]) for s in arch.properties.get("startup_order", [])}
    for entry in expected["not_in_files"]:
        if entry.get("startup_order"):
            src, dst = entry["edge"]
            assert (dst, src) in startup, f"{src}->{dst} should be kept as start-up ordering"
    # every inferred edge carries its evidence
    for conn in arch.connections:
        assert conn.properties["evidence"], conn.id
    assert {(e.source, e.target) for e in result.evidence} == found
    if "public" in expected:
        assert sorted(c.id for c in arch.components if c.public) == expected["public"]
    for edge, protocol in (expected.get("protocols") or {}).items():
        assert next(c for c in arch.connections if c.id == edge).protocol.value == protocol


def test_voting_app_depends_on_is_a_likely_call_not_a_confirmed_one() -> None:
    result = registry.load("compose").parse(FIXTURES / "example-voting-app-compose")
    arch = result.architecture
    assert {c.properties["confidence"] for c in arch.connections} == {"likely"}
    assert {"before": "redis", "after": "vote", "also_calls": False} in arch.properties[
        "startup_order"
    ]
    vote = next(c for c in arch.connections if c.id == "vote->redis")
    assert vote.properties["evidence"] == [
        "docker-compose.yml: services.vote.depends_on = redis (start-up order only)"
    ]
    missing = [x.detail for x in result.losses if x.category == "missing_calls"]
    assert missing == [
        "6 services and 0 calls found; 5 inferred from depends_on (likely/possible): the "
        "hostnames are probably compiled into the code; run `import repo` on the source"
    ]


def test_voting_app_kubernetes_says_what_is_missing() -> None:
    result = registry.load("kubernetes").parse(FIXTURES / "example-voting-app-k8s")
    assert result.architecture.connections == []
    assert [x.detail for x in result.losses if x.category == "missing_calls"] == [
        "5 services and 0 calls found: the hostnames are probably compiled into the code; "
        "run `import repo` on the source"
    ]


def test_measured_recall_precision_and_startup_share() -> None:
    rows = [measure(p) for p in cases()]
    names = {r.project for r in rows}
    for required in (
        "example-voting-app-compose",
        "example-voting-app-k8s",
        "sock-shop-compose",
        "sock-shop-k8s",
        "eshoponcontainers",
        "deathstarbench-socialnetwork",
        "awesome-compose-react-express-mongodb",
    ):
        assert required in names
    all_ = totals(rows)
    assert ratio(all_.shown_found, all_.shown, 0) >= 0.9, table(rows)
    assert ratio(all_.confirmed_true, all_.confirmed, 0) >= 0.98, table(rows)
    assert all_.startup_only > 0  # the share below is measured on real start-up links
    assert ratio(all_.startup_likely, all_.startup_only, 1) <= 0.15, table(rows)
