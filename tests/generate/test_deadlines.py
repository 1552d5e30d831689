"""Generated designs: timeouts shrink along each call chain and only one layer retries."""

from __future__ import annotations

from archwright.audit import audit
from archwright.generate import design
from archwright.generate.deadlines import shrink_along_chains
from archwright.model import Architecture

CHAIN = {
    "name": "chain",
    "components": [
        {"id": "lb", "kind": "load_balancer"},
        {"id": "api", "kind": "service"},
        {"id": "db", "kind": "sql_db"},
        {"id": "llm", "kind": "llm"},
    ],
    "connections": [
        {"source": "lb", "target": "api", "timeout_ms": 1000, "retries": 2},
        {"source": "api", "target": "db", "timeout_ms": 1000, "retries": 2},
        {"source": "api", "target": "llm", "timeout_ms": 10000, "retries": 1},
    ],
}


def test_outer_hop_waits_for_every_attempt_below_and_does_not_retry() -> None:
    arch = Architecture.model_validate(CHAIN)
    shrink_along_chains(arch)
    by = {(c.source, c.target): c for c in arch.connections}
    # The slowest call below: the model, 2 attempts of 10 s, plus 20% for the API's work.
    assert by[("lb", "api")].timeout_ms == 24_000
    assert by[("lb", "api")].retries == 0
    assert by[("api", "db")].retries == 2 and by[("api", "db")].timeout_ms == 1000


def test_generated_designs_have_no_retry_amplification_or_timeout_inversion() -> None:
    result = design("A chat app for 2M daily users with search and push notifications")
    rules = {f.rule_id for f in audit(result.architecture).active}
    assert not rules & {"REL007", "REL016"}
