"""The audit judges the journeys `simulate` and `availability` compute: a design with no
journeys gets them from one definition (`model.journeys.default_journeys`), not from a
second walk of the audit's own (the audit once kept its `sync_depth` walk, which breaks
cycles at other edges and named other default journeys on tangled designs)."""

from __future__ import annotations

import itertools

from archwright.audit.context import Context
from archwright.kb.catalog import load_catalog
from archwright.model.journeys import SMALL_GRAPH, default_journeys
from tangled_designs import tangled


def test_the_audit_reads_the_default_journeys_of_the_model() -> None:
    catalog = load_catalog()
    differed = 0
    for size, seed in itertools.product((12, 40, SMALL_GRAPH + 30), range(8)):
        arch = tangled(seed, size)
        ctx = Context(arch, catalog)
        expected = default_journeys(arch)
        assert [(j.name, j.steps, j.share) for j in ctx.journeys] == [
            (j.name, j.steps, j.share) for j in expected
        ], (size, seed)
        differed += any(ctx.sync_depth[j.steps[0]] != j.steps for j in expected)
    # the old walk answered differently on some of these designs, so this test can fail
    assert differed, "no design where the audit's own walk differs: the test proves nothing"
