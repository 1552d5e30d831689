"""Every fixture: the services found, and the call edges the project's docs describe.

`documented_edges` come from each project's own documentation. The ones the files do not
show (addresses hard-coded in source code) are listed in `not_in_files`; everything else
must be found as a call, and nothing beyond docs + `also_found` may be reported as one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

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
    want = (documented - hidden) | {tuple(e) for e in expected["also_found"]}
    assert found == want
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


def test_voting_app_depends_on_is_not_a_call() -> None:
    arch = registry.load("compose").parse(FIXTURES / "example-voting-app-compose").architecture
    assert arch.connections == []
    assert {"before": "redis", "after": "vote", "also_calls": False} in arch.properties[
        "startup_order"
    ]
