"""Composite availability: hand-computed cases, exact against Monte Carlo, the SLO budget."""

from __future__ import annotations

import math

import pytest
from simulate_helpers import make_arch, station

from archwright.simulate.availability import Block, Unit, availability, exact, monte_carlo


def test_series_of_parallel_replicas_is_exact() -> None:
    a = 0.99
    blocks = [Block((Unit("x", 2, 1, a, ("", "")),)), Block((Unit("y", 3, 1, a, ("",) * 3),))]
    assert exact(blocks, 0.9999) == pytest.approx((1 - (1 - a) ** 2) * (1 - (1 - a) ** 3))


def test_k_of_n_is_a_binomial_tail() -> None:
    a = 0.95
    blocks = [Block((Unit("x", 3, 2, a, ("",) * 3),))]
    assert exact(blocks, 1.0) == pytest.approx(3 * a**2 * (1 - a) + a**3)


def test_zones_correlate_replicas() -> None:
    a, z = 0.999, 0.99
    spread = [Block((Unit("x", 2, 1, a, ("z1", "z2")),))]
    packed = [Block((Unit("x", 2, 1, a, ("z1", "z1")),))]
    assert exact(spread, z) == pytest.approx(1 - (1 - z * a) ** 2)
    assert exact(packed, z) == pytest.approx(z * (1 - (1 - a) ** 2))
    # Two components sharing one zone are not independent: conditioning on the zone is.
    shared = [Block((Unit("x", 1, 1, a, ("z1",)),)), Block((Unit("y", 1, 1, a, ("z1",)),))]
    assert exact(shared, z) == pytest.approx(z * a * a)


def test_fallback_is_a_parallel_alternative() -> None:
    a = 0.9
    blocks = [Block((Unit("main", 1, 1, a, ("",)), Unit("spare", 1, 1, a, ("",))))]
    assert exact(blocks, 1.0) == pytest.approx(1 - (1 - a) ** 2)


def test_exact_agrees_with_monte_carlo_on_the_examples(example_path: object) -> None:
    from archwright.archfile import load_architecture

    arch = load_architecture(example_path)  # type: ignore[arg-type]
    exact_result = availability(arch, 5.0)
    sampled = availability(arch, 5.0, method="monte_carlo", samples=400_000, seed=3)
    for name, item in exact_result["journeys"].items():
        assert item["method"] == "exact"
        mc = sampled["journeys"][name]
        assert mc["method"] == "monte_carlo"
        lo, hi = mc["ci95"]
        width = hi - lo
        assert lo - width <= item["availability"] <= hi + width, name


def test_monte_carlo_is_used_when_a_component_appears_twice() -> None:
    a = 0.99
    twice = [
        Block((Unit("x", 1, 1, a, ("",)), Unit("shared", 1, 1, a, ("",)))),
        Block((Unit("shared", 1, 1, a, ("",)),)),
    ]
    assert exact(twice, 1.0) is None
    p, (lo, hi) = monte_carlo(twice, 1.0, samples=200_000, seed=2)
    # By hand: shared up (a) makes both blocks up; shared down fails block 2.
    assert lo <= a <= hi
    assert p == pytest.approx(a, abs=1e-3)


def test_slo_and_error_budget() -> None:
    arch = make_arch(
        [station("api", 10, 5, replicas=1, availability=0.99)],
        [{"source": "client", "target": "api"}],
        requirements={"slo": {"availability": 99.9}},
    )
    result = availability(arch, 10.0)
    journey = result["journeys"]["client (default)"]
    assert journey["availability"] == pytest.approx(0.99)
    assert journey["error_budget_min_per_month"] == pytest.approx(43.2)  # 0.1% of 30 days
    assert journey["downtime_min_per_month"] == pytest.approx(432.0)
    assert journey["meets_slo"] is False
    assert journey["budget_used"] == pytest.approx(10.0)


def test_load_sets_how_many_replicas_are_needed() -> None:
    arch = make_arch(
        [station("api", 10, 100, replicas=3, availability=0.9)],
        [{"source": "client", "target": "api"}],
    )
    light = availability(arch, 50.0)  # 5 erlangs: one replica of 10 slots carries it
    heavy = availability(arch, 150.0)  # 15 erlangs: two replicas needed
    assert light["journeys"]["client (default)"]["blocks"][0][0]["needed"] == 1
    assert heavy["journeys"]["client (default)"]["blocks"][0][0]["needed"] == 2
    a = 0.9
    assert heavy["journeys"]["client (default)"]["availability"] == pytest.approx(
        3 * a**2 * (1 - a) + a**3
    )
    assert not math.isclose(
        light["journeys"]["client (default)"]["availability"],
        heavy["journeys"]["client (default)"]["availability"],
    )


def test_weakest_lists_the_least_available_single_points_first() -> None:
    """Named by availability, not by name: a one-replica "zeta" at 0.9 is weaker than a
    one-replica "alpha" at 0.999 although it sorts after it."""
    arch = make_arch(
        [
            station("alpha", 10, 5, availability=0.999),
            station("zeta", 10, 5, availability=0.9),
        ],
        [{"source": "client", "target": "alpha"}, {"source": "alpha", "target": "zeta"}],
    )
    (journey,) = availability(arch, 1.0)["journeys"].values()
    assert journey["weakest"][:2] == ["zeta", "alpha"]


def test_pairwise_sum_is_numpys_sum_to_the_last_bit() -> None:
    """`exact` sums its zone scenarios without numpy; the figure must be `np.sum`'s."""
    import random

    import numpy as np

    from archwright.simulate.availability import pairwise_sum

    rng = random.Random(7)
    for n in [*range(0, 140), 255, 256, 257, 1000, 4095, 4096]:
        values = [rng.random() * 10.0 ** rng.randint(-9, 9) for _ in range(n)]
        assert pairwise_sum(values) == float(np.sum(np.array(values, dtype=float))), n


def test_availability_and_sweep_of_a_small_design_do_not_import_numpy() -> None:
    """numpy's import was most of `availability`, `sweep`, `review` and the audit's REL014
    on a small model (issue 16); exact figures, the replicas needed and the failure
    fractions are plain floats."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml"
    script = (
        "import sys; from archwright.archfile import load_architecture;"
        "from archwright.simulate.availability import availability;"
        "from archwright.simulate.load import default_rps;"
        f"arch = load_architecture({str(example)!r});"
        "from archwright.simulate.sweep import sweep;"
        "result = availability(arch, default_rps(arch));"
        "ranked = sweep(arch, default_rps(arch));"
        "print(result['overall']['method'], ranked[0]['rank'], 'numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["share-weighted", "1", "False"]
