"""chaos on plain floats: the same decisions and figures as the numpy arrays it replaced."""

from __future__ import annotations

import math
import random
import subprocess
import sys
from pathlib import Path

import numpy as np

from archwright.simulate.capacity import Stations
from archwright.simulate.chaos import (
    NEGLIGIBLE_SHARE,
    PLAIN_SHARES,
    _close,
    _ratios,
    _timeout_shares,
)
from archwright.simulate.queueing import NO_WAIT, SATURATED, Wait, sojourn_survival


def _stations(count: int, seed: int) -> tuple[Stations, list[float]]:
    """Stations of every shape chaos meets (no wait, a wait, saturated, no spread, NaN
    spread, infinite response) and a timeout per station around its tail: from inside
    the shift to ~30 spreads past it, where the share crosses NEGLIGIBLE_SHARE."""
    rng = random.Random(seed)
    hold = [rng.choice([rng.uniform(0.1, 300.0), math.inf, 0.0]) for _ in range(count)]
    scv = [rng.choice([1.0, rng.uniform(0.0, 1.5), 0.0, math.nan]) for _ in range(count)]
    waits = [
        rng.choice([NO_WAIT, SATURATED, Wait(rng.random(), rng.uniform(1e-4, 2.0))])
        for _ in range(count)
    ]
    resp = [rng.choice([h, h + 5.0, math.inf]) for h in hold]
    timeouts = [
        (h if math.isfinite(h) else 100.0) * rng.uniform(0.5, 1.0)
        + rng.uniform(0.0, 30.0) * rng.choice([1.0, 10.0, 100.0])
        for h in hold
    ]
    zeros = [0.0] * count
    state = Stations(zeros, zeros, zeros, hold, scv, zeros, waits, resp, zeros, [])
    return state, timeouts


def _with_arrays(state: Stations, nodes: list[int], timeouts: list[float]) -> list[float]:
    """The shares as chaos found them with numpy before (one vectorised survival)."""
    at = np.asarray(nodes, dtype=np.intp)
    hold_all = np.array(state.holding_ms)
    scv_all = np.array(state.holding_scv)
    with np.errstate(invalid="ignore", over="ignore"):
        sd_all = np.sqrt(np.clip(scv_all, 0.0, 1.0)) * hold_all
        shift = np.where(np.isfinite(hold_all) & np.isfinite(sd_all), hold_all - sd_all, 0.0)
        hold = hold_all[at]
        sd = np.sqrt(np.clip(scv_all[at], 0.0, 1.0)) * hold
        t = np.asarray(timeouts, dtype=float) - shift[at]
    certain = ~np.isfinite(np.array(state.response_ms)[at]) | (t <= 0)
    general = ~certain & ~(sd <= 0)
    out = np.where(certain, 1.0, 0.0)
    picked = np.flatnonzero(general)
    waits = [state.waits[nodes[i]] for i in picked]
    out[picked] = sojourn_survival(
        np.array([w.p_wait for w in waits]),
        np.array([w.theta for w in waits]),
        1.0 / sd[picked],
        t[picked],
    )
    shares: list[float] = out.tolist()
    for i in np.flatnonzero(~certain & ~general):
        wait = state.waits[nodes[i]]
        if wait.p_wait > 0:
            shares[i] = float(wait.p_wait * math.exp(-wait.theta * float(t[i])))
    return shares


def _same_decisions(mine: list[float], theirs: list[float]) -> tuple[int, int]:
    """Every share `_levers` reads (above NEGLIGIBLE_SHARE, or NaN) is numpy's to the
    bit; every other is on the same side of it. Returns (read, negligible) counts."""
    read = negligible = 0
    for a, b in zip(mine, theirs):
        if b <= NEGLIGIBLE_SHARE:
            assert a <= NEGLIGIBLE_SHARE, (a, b)
            negligible += 1
        else:
            assert a == b or (math.isnan(a) and math.isnan(b)), (a, b)
            read += 1
    return read, negligible


def test_plain_shares_decide_as_the_arrays_and_read_numpys_figures() -> None:
    read = negligible = 0
    for seed in range(40):
        state, timeouts = _stations(PLAIN_SHARES, seed)
        nodes = list(range(PLAIN_SHARES))
        counts = _same_decisions(
            _timeout_shares(state, nodes, timeouts), _with_arrays(state, nodes, timeouts)
        )
        read, negligible = read + counts[0], negligible + counts[1]
    assert read > 1000 and negligible > 1000  # both sides of the threshold were met


def test_near_the_threshold_the_plain_share_is_numpys() -> None:
    """Shares of exponential stations around NEGLIGIBLE_SHARE: t = sd·ln(1/share)."""
    count = 200
    rng = random.Random(11)
    hold = [rng.uniform(1.0, 100.0) for _ in range(count)]
    share = [NEGLIGIBLE_SHARE * 10.0 ** rng.uniform(-0.7, 0.5) for _ in range(count)]
    timeouts = [h * math.log(1.0 / s) for h, s in zip(hold, share)]
    zeros = [0.0] * count
    # Short waits (faster than the service), some at a rate within 1e-6 of the service's.
    waits = [
        rng.choice([NO_WAIT, Wait(0.05, rng.uniform(0.5, 5.0)), Wait(0.05, (1 + 1e-6) / h)])
        for h in hold
    ]
    state = Stations(zeros, zeros, zeros, hold, [1.0] * count, zeros, waits, hold, zeros, [])
    nodes = list(range(count))
    read, negligible = _same_decisions(
        _timeout_shares(state, nodes, timeouts), _with_arrays(state, nodes, timeouts)
    )
    assert read > 40 and negligible > 40


def test_many_timed_calls_take_the_arrays_whole() -> None:
    """Past PLAIN_SHARES calls with a spread, every share is numpy's, negligible or not."""
    count = PLAIN_SHARES * 4
    rng = random.Random(99)
    hold = [rng.uniform(1.0, 300.0) for _ in range(count)]
    scv = [rng.uniform(0.05, 1.0) for _ in range(count)]
    waits = [rng.choice([NO_WAIT, Wait(rng.random(), rng.uniform(1e-3, 2.0))]) for _ in hold]
    timeouts = [h * rng.uniform(0.0, 40.0) for h in hold]
    zeros = [0.0] * count
    state = Stations(zeros, zeros, zeros, hold, scv, zeros, waits, hold, zeros, [])
    nodes = list(range(count))
    mine = _timeout_shares(state, nodes, timeouts)
    assert mine == _with_arrays(state, nodes, timeouts)
    assert sum(0 < share <= NEGLIGIBLE_SHARE for share in mine) > 100


def test_close_is_numpys_allclose_and_ratios_its_quotients() -> None:
    rng = random.Random(5)
    specials = [0.0, -0.0, 1.0, math.inf, -math.inf, math.nan, 1e-9, 3.0]
    for _ in range(3000):
        old = [rng.choice([*specials, rng.uniform(-5.0, 5.0)]) for _ in range(3)]
        nudge = [rng.choice([0.0, 1e-9, 1e-8, 1e-6, 1.5e-6, 1e-3]) for _ in range(3)]
        new = [
            rng.choice([a, a + d * max(abs(a), 1.0), b]) for a, d, b in zip(old, nudge, old[::-1])
        ]
        want = bool(np.allclose(np.array(new), np.array(old), rtol=1e-6))
        assert _close(new, old) is want, (new, old)
        before = np.array(old)
        with np.errstate(divide="ignore", invalid="ignore"):
            quotient = np.array(new) / np.where(before > 0, before, 1.0)
        idle = np.where(np.array(new) <= 0, 1.0, math.inf)
        ratio = np.where(before > 0, quotient, idle)
        assert np.array_equal(np.array(_ratios(new, old)), ratio, equal_nan=True)


def test_chaos_of_a_small_design_does_not_import_numpy() -> None:
    """numpy's import was ~0.2 G of chaos's ~1.2 G instructions on 50 components (issue
    16); calls answered well inside their timeouts need no numpy figure."""
    example = Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml"
    script = (
        "import sys; from archwright.archfile import load_architecture;"
        "from archwright.simulate.chaos import Scenario, chaos;"
        "from archwright.simulate.load import default_rps;"
        f"arch = load_architecture({str(example)!r});"
        "result = chaos(arch, Scenario(fail=['cache']), default_rps(arch));"
        "print(result['components']['cache']['status'], 'numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["failed", "False"]
