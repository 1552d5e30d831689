"""Edits in words: remove a component and its connections ("remove the cache").

What a senior engineer expects of "remove X" is that what X did goes somewhere or is
visibly lost, never silently:

* a call into X with a component `fallback` (a cache-aside read) goes to the fallback
  instead, so "remove the cache" sends the reads to the database it fronted; when the
  caller already calls the fallback, the two calls become one carrying both rates
  (share x calls, docs/model.md);
* an edge component (CDN, WAF, load balancer, gateway, DNS) passes traffic through, so
  its callers are wired to its callees, as `design` wires a front door;
* a journey through X is re-routed over those calls. A journey that cannot be (nothing
  links the step before X to the step after it) is a broken user promise: the edit is
  refused and names each such journey with its path, unless the question says to drop
  journeys too ("remove search and its journey"); then they are dropped and the deltas
  show them as dropped;
* what is left behind is named: components nothing calls any more, brokers nothing reads.
"""

from __future__ import annotations

from itertools import pairwise

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.edits import Edited, EditRefused, copy, target_of, valid
from archwright.advise.ask.result import Delta
from archwright.advise.ask.rules import load_rules
from archwright.advise.ask.words import find_phrase, normalize, tokens
from archwright.generate.assemble import spoken_protocol
from archwright.kb.catalog import Catalog
from archwright.model import KIND_GROUP, Architecture, Connection, Journey, Kind, KindGroup
from archwright.simulate.load import simulate

_BROKERS = (Kind.QUEUE, Kind.STREAM)


def remove_component(a: Asked) -> Edited:
    gone = target_of(a).id
    new = copy(a.arch)
    absorbed = _rewire(new, gone, a.catalog)
    edges = {(c.source, c.target) for c in new.connections}
    kept, broken = _reroute(new.journeys, gone, edges, absorbed)
    if broken and not _drops_journeys(a.question):
        paths = "; ".join(f"'{j.name}' ({' -> '.join(j.steps)})" for j in broken)
        raise EditRefused(
            f"removing {gone} breaks {len(broken)} journey(s) with no other path: {paths}. "
            f"Say 'remove {gone} and its journeys' to drop them too"
        )
    new.journeys = kept
    new.components = [c for c in new.components if c.id != gone]
    for comp in new.components:
        if comp.dead_letter == gone:
            comp.dead_letter = None
    for boundary in new.boundaries:
        boundary.members = [m for m in boundary.members if m != gone]
    for decision in new.decisions:
        decision.targets = [t for t in decision.targets if t != gone]
    _unsuppress(new, gone, {c.id for c in a.arch.connections} - {c.id for c in new.connections})
    after = valid(new)
    summary = f"{gone} removed with its {_touching(a.arch, gone)} connection(s)"
    if absorbed:
        summary += f"; its calls now go to {', '.join(sorted(absorbed))}"
    if broken:
        summary += f"; journeys dropped: {', '.join(j.name for j in broken)}"
    extra = tuple(Delta(f"journey {j.name}", "served", "dropped", "") for j in broken)
    return Edited(after, summary, extra, tuple(_left_behind(a.arch, after, gone, absorbed)))


def _unsuppress(arch: Architecture, gone: str, dropped: set[str]) -> None:
    """Suppressions lose the removed component and calls; one left with no target would
    mean "everywhere", so it goes too."""
    kept = []
    for sup in arch.suppressions:
        targets = [t for t in sup.targets if t != gone and t not in dropped]
        if targets or not sup.targets:
            kept.append(sup.model_copy(update={"targets": targets}))
    arch.suppressions = kept


def _touching(arch: Architecture, cid: str) -> int:
    return sum(1 for c in arch.connections if cid in (c.source, c.target))


def _rewire(arch: Architecture, gone: str, catalog: Catalog) -> set[str]:
    """Calls into `gone` moved to their fallback or, for an edge component, through to
    its callees (the caller's own call, re-spoken for its new target, carrying the rate
    it sent on); every connection touching `gone` then dropped. Returns who absorbed."""
    by_id = arch.components_by_id()
    into = [c for c in arch.connections if c.target == gone]
    out_of = [c for c in arch.connections if c.source == gone]
    passes = KIND_GROUP[by_id[gone].kind] is KindGroup.EDGE
    absorbed: set[str] = set()
    added: list[Connection] = []
    for call in into:
        if call.fallback in by_id and call.fallback not in (call.source, gone):
            onward = [(str(call.fallback), 1.0)]  # every call now goes there
        else:
            onward = [(c.target, c.share * c.calls) for c in out_of if passes]
        for heir, fraction in onward:
            if heir == call.source:
                continue
            rate = call.share * call.calls * fraction
            same = next(
                (
                    c
                    for c in arch.connections + added
                    if (c.source, c.target) == (call.source, heir)
                ),
                None,
            )
            if same is None:  # the caller's own call, aimed at the heir
                same = call.model_copy(update={"id": f"{call.source}->{heir}", "target": heir})
                spoken = spoken_protocol(by_id[call.source], by_id[heir], catalog)
                same.protocol = spoken or call.protocol
                same.fallback, same.share, same.calls = None, 0.0, 1.0
                added.append(same)
            _add_rate(same, rate)
            absorbed.add(heir)
    arch.connections = [c for c in arch.connections + added if gone not in (c.source, c.target)]
    for conn in arch.connections:
        if conn.fallback == gone:
            conn.fallback = None
    return absorbed


def _add_rate(conn: Connection, rate: float) -> None:
    """One call carrying its own rate plus `rate` (calls per request of the caller:
    share x calls, docs/model.md)."""
    total = conn.share * conn.calls + rate
    conn.share = min(1.0, total)
    conn.calls = total / conn.share if conn.share > 0 else 1.0


def _reroute(
    journeys: list[Journey], gone: str, edges: set[tuple[str, str]], absorbed: set[str]
) -> tuple[list[Journey], list[Journey]]:
    """Journeys with `gone` taken out of their path where the calls left allow it; one
    that ended at `gone` ends where its calls went (the cache's reads at the database)."""
    kept: list[Journey] = []
    broken: list[Journey] = []
    for journey in journeys:
        if gone not in journey.steps:
            kept.append(journey)
            continue
        steps = [s for s in journey.steps if s != gone]
        ends_here = journey.steps[-1] == gone
        if ends_here and steps:
            heirs = sorted(h for h in absorbed if (steps[-1], h) in edges and h not in steps)
            steps += heirs[:1]
            ends_here = not heirs  # its destination is gone, nothing took its calls
        linked = all((x, y) in edges for x, y in pairwise(steps))
        if len(steps) >= 2 and linked and journey.steps[0] != gone and not ends_here:
            kept.append(journey.model_copy(update={"steps": steps}))
        else:
            broken.append(journey)
    return kept, broken


def _drops_journeys(question: str) -> bool:
    toks = tokens(normalize(question))
    return any(find_phrase(w, toks, fuzzy=False) for w in load_rules().drop_journey_words)


def _left_behind(
    before: Architecture, after: Architecture, gone: str, absorbed: set[str]
) -> list[str]:
    """Who takes the removed component's work (simulator), and what is left stranded."""
    out = []
    if absorbed:
        old = simulate(before, None, 1.0)["components"]
        new = simulate(after, None, 1.0)["components"]
        for cid in sorted(absorbed):
            if cid in old and cid in new:
                out.append(
                    f"{cid} takes the calls {gone} served: utilization "
                    f"{old[cid]['utilization']:.0%} -> {new[cid]['utilization']:.0%} "
                    f"(simulator)."
                )
    called = {c.target for c in after.connections}
    reads = {c.source for c in after.connections}
    for comp in after.components:
        was_called = any(c.target == comp.id for c in before.connections)
        if was_called and comp.id not in called and comp.kind is not Kind.CLIENT:
            out.append(f"Nothing calls {comp.id} any more; remove it too, or wire it.")
        was_read = any(c.source == comp.id for c in before.connections)
        if comp.kind in _BROKERS and was_read and comp.id not in reads:
            out.append(f"Nothing reads {comp.id} any more: its messages pile up.")
    return out
