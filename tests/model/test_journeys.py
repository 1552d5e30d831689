"""Default journeys without networkx (`model.journeys`): the same paths networkx finds,
and a simulate of a design without journeys never imports it."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx

from archwright.archfile import dumps_architecture
from archwright.model import Architecture
from archwright.model.entry_points import entry_points
from archwright.model.graph import ArchGraph
from archwright.model.journeys import (
    SMALL_GRAPH,
    deepest_path,
    default_journeys,
    longest_path,
    sync_graph,
    sync_successors,
)
from tangled_designs import tangled


def _layered(seed: int, n: int) -> Architecture:
    """A random acyclic design: a client, then services calling later ones, some calls
    asynchronous and some into monitoring (neither is on a synchronous path)."""
    rng = random.Random(seed)
    comps = [{"id": "user", "kind": "client"}, {"id": "metrics", "kind": "monitoring"}]
    comps += [{"id": f"s{i:03d}", "kind": "service"} for i in range(n)]
    conns = [{"source": "user", "target": "s000"}]
    for i in range(n):
        for j in rng.sample(range(i + 1, n), min(2, n - i - 1)):
            conns.append(
                {
                    "source": f"s{i:03d}",
                    "target": f"s{j:03d}",
                    "mode": "sync" if rng.random() < 0.7 else "async",
                }
            )
        if rng.random() < 0.2:
            conns.append({"source": f"s{i:03d}", "target": "metrics"})
    return Architecture.model_validate({"name": "r", "components": comps, "connections": conns})


def test_deepest_path_is_as_long_as_networkx_finds() -> None:
    for seed in range(20):
        arch = _layered(seed, 12)
        successors = sync_successors(arch)
        path = deepest_path(successors, "user")
        sync = ArchGraph(arch).sync_subgraph()
        assert "metrics" not in path
        assert all(b in successors[a] for a, b in itertools.pairwise(path))
        reach = sync.subgraph(nx.descendants(sync, "user") | {"user"})
        assert len(path) - 1 == nx.dag_longest_path_length(reach), seed


def test_small_and_large_designs_agree_with_the_graph() -> None:
    small = _layered(1, 30)
    assert default_journeys(small) == ArchGraph(small).default_journeys()
    large = _layered(2, SMALL_GRAPH + 5)
    journeys = default_journeys(large)
    assert journeys == ArchGraph(large).default_journeys()
    sync = ArchGraph(large).sync_subgraph()
    reach = sync.subgraph(nx.descendants(sync, "user") | {"user"})
    assert len(journeys[0].steps) == nx.dag_longest_path_length(reach) + 1


def test_simulate_without_journeys_imports_no_networkx(tmp_path: Path) -> None:
    script = (
        "import json, sys\n"
        "from archwright.archfile import load_architecture\n"
        "from archwright.simulate.load import simulate\n"
        "arch = load_architecture(sys.argv[1])\n"
        "assert not arch.journeys\n"
        "simulate(arch, None, 1.0)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'networkx')))\n"
    )
    model = tmp_path / "arch.yaml"
    model.write_text(dumps_architecture(_layered(3, 20)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", script, str(model)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == []


def _networkx_longest(arch: Architecture, start: str) -> list[str]:
    """The networkx answer large designs used to get (subgraph of what `start` reaches,
    `dag_longest_path` when acyclic): the oracle for the linear `longest_path`."""
    sync = ArchGraph(arch).sync_subgraph()
    sub = sync.subgraph(nx.descendants(sync, start) | {start})
    if nx.is_directed_acyclic_graph(sub):
        return list(nx.dag_longest_path(sub)) or [start]
    return [start, *sorted(sync.successors(start))[:1]]


def test_linear_longest_path_is_the_path_networkx_chose() -> None:
    cyclic = 0
    for seed in range(12):
        arch = tangled(seed, SMALL_GRAPH + 20 + seed)
        succ, pred = sync_graph(arch)
        for start in ("web", "app"):
            expected = _networkx_longest(arch, start)
            assert longest_path(succ, pred, start) == expected, (seed, start)
            sync = ArchGraph(arch).sync_subgraph()
            cyclic += not nx.is_directed_acyclic_graph(
                sync.subgraph(nx.descendants(sync, start) | {start})
            )
        assert [j.steps for j in default_journeys(arch)] == [
            _networkx_longest(arch, e) for e in entry_points(arch)
        ]
    assert cyclic, "no seed made a cycle: the fallback branch went untested"
