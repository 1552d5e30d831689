"""Capacity (queueing), chaos (failure propagation), availability and the failure sweep.

The public entry points, each taking an `Architecture` and returning plain data shaped
for JSON (SPEC §4): `simulate`, `chaos` (with `Scenario`), `availability`, `sweep`; and
the discrete-event reference `run` (with `DesConfig`) over a `build(arch)` network.
Importing one of them loads numpy. Each is imported from its module on first use
(`archwright.lazy`): `archwright simulate` no longer imports the discrete-event
simulator, chaos and the sweep with the package (0.04 G instructions, issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archwright.lazy import lazy_exports

if TYPE_CHECKING:
    from archwright.simulate.availability import availability
    from archwright.simulate.chaos import ChaosInputError, Scenario, chaos, parse_slow
    from archwright.simulate.des import DesConfig, DesStats, run
    from archwright.simulate.flow import Network, build
    from archwright.simulate.load import default_rps, simulate
    from archwright.simulate.sweep import sweep

_HOME = {
    "availability": "archwright.simulate.availability",
    "ChaosInputError": "archwright.simulate.chaos",
    "Scenario": "archwright.simulate.chaos",
    "chaos": "archwright.simulate.chaos",
    "parse_slow": "archwright.simulate.chaos",
    "DesConfig": "archwright.simulate.des",
    "DesStats": "archwright.simulate.des",
    "run": "archwright.simulate.des",
    "Network": "archwright.simulate.flow",
    "build": "archwright.simulate.flow",
    "default_rps": "archwright.simulate.load",
    "simulate": "archwright.simulate.load",
    "sweep": "archwright.simulate.sweep",
}

__all__ = [
    "ChaosInputError",
    "DesConfig",
    "DesStats",
    "Network",
    "Scenario",
    "availability",
    "build",
    "chaos",
    "default_rps",
    "parse_slow",
    "run",
    "simulate",
    "sweep",
]

__getattr__ = lazy_exports(__name__, _HOME)
