"""Entry points the CLI calls: load what the names point to, run the analysis."""

from __future__ import annotations

from typing import Any

from archwright.advise.options import default_dimensions, looks_like_file, needs_of_options, resolve
from archwright.advise.reading import read_context
from archwright.advise.tradeoff import TradeoffError, evaluate
from archwright.kb.tradeoffs import Probe
from archwright.model import Architecture, Requirements


def run_tradeoff(
    names: list[str],
    spec: Requirements | None,
    dimensions: list[str] | None,
    architectures: dict[str, Architecture] | None = None,
    what_if: list[str] | None = None,
    horizon: float | None = None,
) -> dict[str, Any]:
    """`archwright tradeoff`: options by name (files already parsed into `architectures`).

    The requirements' prose description is read by `design`'s reader (`read_context`),
    and technologies that cannot meet the role's needs there (its clients' protocol, a
    job, data kept on premises) are ruled out as `design` and `select` narrow by them;
    `horizon` is the years of stated growth the scalability ceiling looks ahead."""
    from archwright.kb import load_catalog
    from archwright.kb.tradeoffs import load_tradeoffs

    kb = load_tradeoffs()
    archs = architectures or {}
    candidates = resolve(names, kb, load_catalog(), archs)
    if spec is None and archs:
        # The first architecture file named: the order the user chose, not how the paths
        # happen to sort (`./b.yaml` before `a.yaml` changed the cloud prices were read on).
        spec = archs[next(n for n in names if n in archs)].requirements
    ctx = read_context(spec, kb)
    if horizon is not None:
        ctx = ctx.with_fact("analysis.horizon_years", horizon)
    dims = list(dict.fromkeys(dimensions)) if dimensions else default_dimensions(candidates, kb)
    unknown = [d for d in dims if kb.dimension(d) is None]
    if unknown:
        known = ", ".join(d.id for d in kb.dimensions)
        raise TradeoffError(f"unknown dimension {', '.join(unknown)} (known: {known})")
    dims = list(dict.fromkeys(kb.dimension(d).id for d in dims))  # type: ignore[union-attr]
    probes = [parse_what_if(w) for w in what_if or []]
    return evaluate(candidates, dims, ctx, kb, probes, needs_of_options(names, load_catalog(), kb))


_LIST_FACTS = {"compliance", "team.experience", "team.existing_stack"}


def parse_what_if(text: str) -> Probe:
    """`fact=value` (e.g. `team.size=3`, `compliance=HIPAA,PCI-DSS`) as a probe."""
    from archwright.archfile import UnsafeInput, loads_yaml

    fact, sep, raw = text.partition("=")
    fact, raw = fact.strip(), raw.strip()
    if not sep or not fact or not raw:
        raise TradeoffError(f"--what-if {text!r}: expected FACT=VALUE, e.g. team.size=3")
    if fact in _LIST_FACTS:
        value: Any = sorted(p.strip() for p in raw.split(",") if p.strip())
        if fact == "compliance":  # hipaa, pci -> HIPAA, PCI-DSS, as in a requirements file
            try:
                value = sorted(str(c) for c in Requirements(compliance=value).compliance)
            except ValueError:
                raise TradeoffError(f"--what-if {text!r}: unknown compliance regime") from None
    else:
        try:
            value = loads_yaml(raw)
        except UnsafeInput:
            value = raw
        if not isinstance(value, str | int | float | bool):
            value = raw
    return Probe(fact=fact, set=value, label=f"what if {fact} = {raw}")


def file_options(names: list[str]) -> list[str]:
    """The names that are architecture files (a known technology alias such as
    'bitnami/rabbitmq' is not, though it has a slash), as written: the candidates are
    looked up by the name given (`./a.yaml` is not `a.yaml`)."""
    from archwright.kb import load_catalog
    from archwright.kb.tradeoffs import load_tradeoffs

    catalog, kb = load_catalog(), load_tradeoffs()
    return [
        n
        for n in names
        if looks_like_file(n) and catalog.find(n) is None and kb.find_option(n) is None
    ]
