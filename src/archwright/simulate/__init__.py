"""Capacity (queueing), chaos (failure propagation), availability and the failure sweep.

The public entry points, each taking an `Architecture` and returning plain data shaped
for JSON (SPEC §4): `simulate`, `chaos` (with `Scenario`), `availability`, `sweep`; and
the discrete-event reference `run` (with `DesConfig`) over a `build(arch)` network.
Importing this package loads numpy; the CLI imports it only inside its commands.
"""

from archwright.simulate.availability import availability
from archwright.simulate.chaos import ChaosInputError, Scenario, chaos, parse_slow
from archwright.simulate.des import DesConfig, DesStats, run
from archwright.simulate.flow import Network, build
from archwright.simulate.load import default_rps, simulate
from archwright.simulate.sweep import sweep

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
