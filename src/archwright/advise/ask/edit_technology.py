"""Edits in words: change the technology a component runs ("switch db to dynamodb").

What may replace what is the role's business, as in `design`: a technology fits when the
catalog says it serves the component's kind, or another kind the component's role takes
(the pattern's `also_kinds`: a primary database may be SQL or NoSQL, a job queue a queue
or a stream); the component then takes that kind, exactly as `design` titles a role by
the kind it chose. It must also run where the model runs (`kb.scoring.runs_on`). Each
call to or from the component is re-spoken in the protocol `design` would wire
(`generate.assemble.spoken_protocol`), and the component's own cost and capacity before
and after come from the cost engine and the simulator.
"""

from __future__ import annotations

from archwright.advise.ask.asked import Asked
from archwright.advise.ask.edits import Edited, EditRefused, copy, valid
from archwright.advise.ask.pushback import against_tradeoff
from archwright.advise.ask.result import Delta
from archwright.advise.ask.rules import load_rules
from archwright.advise.ask.slots import fill, named_directly, running
from archwright.advise.ask.words import normalize
from archwright.advise.run import run_tradeoff
from archwright.advise.tradeoff import TradeoffError
from archwright.cost import monthly_cost
from archwright.generate.assemble import spoken_protocol
from archwright.kb.catalog import Catalog, Technology
from archwright.kb.patterns import load_patterns
from archwright.kb.scoring import runs_on
from archwright.model import Architecture, Component, Kind
from archwright.simulate.load import simulate


def change_technology(a: Asked) -> Edited:
    target, tech = _what(a)
    kind = _fitting_kind(target, tech, a.arch)
    cloud = a.arch.requirements.constraints.cloud
    if cloud is not None and not runs_on(tech, kind, cloud):
        raise EditRefused(
            f"{tech.name} runs on {tech.cloud}; this model runs on {cloud} "
            "(requirements.constraints.cloud)"
        )
    new = copy(a.arch)
    comp = new.components_by_id()[target.id]
    comp.technology, comp.kind = tech.name, kind
    by_id = new.components_by_id()
    respoken = []
    for conn in new.connections:
        if target.id in (conn.source, conn.target):
            spoken = spoken_protocol(by_id[conn.source], by_id[conn.target], a.catalog)
            if spoken is not None and spoken is not conn.protocol:
                respoken.append(f"{conn.id} {conn.protocol.value} -> {spoken.value}")
                conn.protocol = spoken
    after = valid(new)
    summary = f"{target.id}: technology {target.technology or 'none'} -> {tech.name}"
    if kind is not target.kind:
        summary += f", kind {target.kind.value} -> {kind.value}"
    if respoken:
        summary += f"; calls re-spoken: {', '.join(respoken)}"
    return Edited(
        after,
        summary,
        _own_figures(a.arch, after, target.id, a.catalog),
        tuple(_against(a, target, tech, kind)),
    )


def _what(a: Asked) -> tuple[Component, Technology]:
    """The component to change and the technology it gets.

    A component named by its id, name or kind word is the target, and the new technology
    is the one named that it does not run. Named only through technologies ("use kafka
    instead of sqs"), the one replaced is the first named, or the one after `old_after`
    words; the target is the component running it."""
    techs = list(a.slots.technologies)
    if not techs:
        raise EditRefused("to which technology? Say e.g. 'switch db to dynamodb'")
    by_id = a.arch.components_by_id()
    named = named_directly(a.question, a.arch, load_rules())
    direct = [cid for cid in a.slots.components if cid in named]
    if direct:
        target = by_id[direct[0]]
        fresh = [t for t in techs if target.id not in running(a.arch, a.catalog, t)]
        if not fresh:
            same = ", ".join(t for t in techs if t != target.technology)
            raise EditRefused(
                f"{target.id} already runs {target.technology}"
                + (f" (the catalog's {same} on its cloud)" if same else "")
            )
        return target, a.catalog.get(fresh[-1])
    old = _replaced(a, techs)
    fresh = [t for t in techs if t != old]
    if not fresh:
        raise EditRefused(
            f"which component, and to what? Say e.g. 'switch {a.arch.components[-1].id} to "
            f"{techs[0]}'. Components: {a.component_list()}"
        )
    holders = running(a.arch, a.catalog, old)
    if len(holders) != 1:
        where = f"{', '.join(holders)} run it" if holders else "no component runs it"
        raise EditRefused(f"which component should stop running {old}? {where}")
    return by_id[holders[0]], a.catalog.get(fresh[0])


def _replaced(a: Asked, techs: list[str]) -> str:
    text = normalize(a.question)
    rules = load_rules()
    for words in rules.old_after:
        at = text.find(words)
        if at >= 0:
            after = fill(text[at + len(words) :], a.arch, a.catalog, rules, ("technologies",))
            if after.technologies:
                return after.technologies[0]
    return techs[0]


def role_kinds(comp: Component) -> tuple[Kind, ...]:
    """The kinds the component's role may take: its pattern role's when `design` made it
    (`properties.pattern`), else every role of the library whose kind it has."""
    library = load_patterns()
    pattern = library.find(str(comp.properties.get("pattern", "")))
    roles = [pc for pc in pattern.components if pc.id == comp.id] if pattern else []
    if not roles:
        roles = [pc for p in library.patterns for pc in p.components if pc.kind is comp.kind]
    kinds = [comp.kind, *(k for pc in roles for k in (pc.kind, *pc.also_kinds))]
    return tuple(dict.fromkeys(kinds))


def _fitting_kind(comp: Component, tech: Technology, arch: Architecture) -> Kind:
    if tech.serves:
        raise EditRefused(f"{tech.name} is for {', '.join(tech.serves)} only")
    serves_as = (tech.kind, *tech.also)
    if comp.kind in serves_as:
        return comp.kind
    allowed = role_kinds(comp)
    for kind in serves_as:
        if kind in allowed:
            return kind
    raise EditRefused(
        f"{tech.name} is a {'/'.join(k.value for k in serves_as)}; {comp.id} is a "
        f"{comp.kind.value} and its role takes {', '.join(k.value for k in allowed)}"
    )


def _own_figures(
    before: Architecture, after: Architecture, cid: str, catalog: Catalog
) -> tuple[Delta, ...]:
    """The component's own monthly cost (cost engine) and the load at which it saturates
    (simulator), before and after."""
    cost = [monthly_cost(m, catalog, None) for m in (before, after)]
    sims = [simulate(m, None, 1.0)["components"].get(cid, {}) for m in (before, after)]
    return (
        Delta(
            f"{cid} monthly cost",
            cost[0].components[cid].monthly,
            cost[1].components[cid].monthly,
            cost[1].currency,
        ),
        Delta(
            f"{cid} saturates at",
            sims[0].get("saturates_at_rps"),
            sims[1].get("saturates_at_rps"),
            "req/s",
        ),
    )


def _against(a: Asked, target: Component, tech: Technology, kind: Kind) -> list[str]:
    out = []
    if kind is not target.kind:
        tables = len(target.entities)
        out.append(
            f"{target.id} stops being a {target.kind.value} and becomes a {kind.value}"
            + (f": its {tables} entities' schema and queries must be redone" if tables else "")
            + "; that is a data migration, not a configuration change."
        )
    constraints = a.arch.requirements.constraints
    twins = {str(k): v for k, v in tech.equivalents.items()}
    managed = twins.get(str(constraints.cloud)) if constraints.cloud else None
    if constraints.managed_preferred and tech.cloud is None and managed:
        out.append(
            f"{tech.name} is self-hosted and the model prefers managed services: the catalog's "
            f"equivalent on {constraints.cloud} is {managed} ('switch {target.id} to {managed}')."
        )
    for d in a.arch.decisions:
        if target.id in d.targets and d.chosen and d.chosen != tech.name:
            out.append(
                f"{d.id} ({d.title}) chose {d.chosen} for {target.id}; it no longer holds — "
                "record the change (`archwright adr`)."
            )
    if target.technology and target.technology != tech.name:
        try:
            result = run_tradeoff([target.technology, tech.name], a.requirements, None)
        except TradeoffError:
            return out
        if result["recommendation"] != tech.name:
            totals = ", ".join(f"{n} {v:g}" for n, v in result["totals"].items())
            out.append(
                f"The trade-off engine prefers {result['recommendation']} to {tech.name} "
                f"in this context (scores {totals}); run `archwright tradeoff "
                f"{target.technology} {tech.name}` for the matrix."
            )
        out += against_tradeoff(result)
    return out
