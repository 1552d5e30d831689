"""`_moves` (cost/estimate.py): a component is priced again at an end of its usage range
only when its volume or its pool differs there from the point; the skip saves 2 of 3
pricings of a large model, and must never skip a volume that moved."""

from __future__ import annotations

from archwright.cost.estimate import _moves
from archwright.kb.transfer import Volume

# A co-sender of 1e16 GB absorbs a move of 0.01 GB in floating point: the pool's sums at
# the point and at the end are the same float while the volume itself moved.
POOL = {"pool_gb": 1e16, "pool_low_gb": 1e16, "pool_high_gb": 1e16}


def test_a_volume_that_moves_at_an_end_is_repriced_there_even_when_its_pool_does_not() -> None:
    assert 1e16 + 0.01 == 1e16  # the premise: the pool cannot show the move
    lower = Volume(out_gb=2.0, out_low_gb=1.99, out_high_gb=2.0, **POOL)
    higher = Volume(out_gb=2.0, out_low_gb=2.0, out_high_gb=2.01, **POOL)
    assert _moves(lower, "low") and not _moves(lower, "high")
    assert _moves(higher, "high") and not _moves(higher, "low")


def test_a_pool_that_moves_reprices_a_volume_that_does_not() -> None:
    """A sender without a range shares the tiers of a co-sender that has one."""
    steady = Volume(out_gb=2.0, out_low_gb=2.0, out_high_gb=2.0, pool_gb=10.0)
    assert _moves(Volume(**{**vars(steady), "pool_low_gb": 9.0, "pool_high_gb": 10.0}), "low")
    assert _moves(Volume(**{**vars(steady), "pool_low_gb": 10.0, "pool_high_gb": 11.0}), "high")
    assert not _moves(Volume(**{**vars(steady), "pool_low_gb": 10.0, "pool_high_gb": 10.0}), "low")
    assert not _moves(None, "high")
