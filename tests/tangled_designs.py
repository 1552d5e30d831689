"""Random tangled designs for the journey tests: calls in both directions (sometimes a
cycle), pairs called twice in both modes, calls into monitoring, two clients."""

from __future__ import annotations

import random

from archwright.model import Architecture


def tangled(seed: int, n: int) -> Architecture:
    """Random calls in both directions (sometimes a cycle), pairs called twice in both
    modes, calls into monitoring, two clients: every tie and branch of the walk."""
    rng = random.Random(seed)
    names = [f"s{i:03d}" for i in range(n)]
    rng.shuffle(names)
    comps = [{"id": "web", "kind": "client"}, {"id": "app", "kind": "client"}]
    comps += [{"id": "metrics", "kind": "monitoring"}]
    comps += [{"id": name, "kind": "service"} for name in names]
    conns = [{"source": "web", "target": names[0]}, {"source": "app", "target": names[1]}]
    backwards = rng.random() < 0.5
    for i in range(n):
        for j in rng.sample(range(n), 3):
            if j <= i and not (backwards and rng.random() < 0.01):
                continue
            mode = "sync" if rng.random() < 0.7 else "async"
            conns.append({"id": f"c{len(conns)}", "source": names[i], "target": names[j]})
            conns[-1]["mode"] = mode
            if rng.random() < 0.1:
                other = "async" if mode == "sync" else "sync"
                conns.append(
                    {"id": f"c{len(conns)}", "source": names[i], "target": names[j], "mode": other}
                )
        if rng.random() < 0.2:
            conns.append({"source": names[i], "target": "metrics"})
    return Architecture.model_validate({"name": "t", "components": comps, "connections": conns})
