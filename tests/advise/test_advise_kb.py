"""Integrity of the trade-off knowledge (kb/tradeoffs/*.yaml): every name a rule, probe
or family mentions exists, every option scores every dimension of its family, and
aliases never collide (a collision would silently pick whichever file sorts first)."""

from __future__ import annotations

from collections import Counter

from archwright.kb import load_catalog
from archwright.kb.tradeoffs import load_tradeoffs

KB = load_tradeoffs()
DIMS = {d.id for d in KB.dimensions}
OPTION_NAMES = {o.name for o in KB.options}


def test_ids_are_unique() -> None:
    for items in (KB.dimensions, KB.families, KB.rules):
        counts = Counter(i.id for i in items)
        assert [k for k, n in counts.items() if n > 1] == []
    counts = Counter(n for o in KB.options for n in (o.name, *o.aliases))
    assert [k for k, n in counts.items() if n > 1] == []


def test_pattern_names_do_not_shadow_catalog_technologies() -> None:
    catalog = load_catalog()
    shadowed = [n for o in KB.options for n in (o.name, *o.aliases) if catalog.find(n)]
    assert shadowed == []


def test_every_option_scores_its_family_dimensions() -> None:
    for option in KB.options:
        family = KB.family(option.family)
        assert family is not None, option.name
        assert set(family.dimensions) <= set(option.scores), option.name
        assert set(option.scores) <= DIMS, option.name
        assert all(s.reason.strip() for s in option.scores.values())


def test_every_family_offers_a_choice() -> None:
    per_family = Counter(o.family for o in KB.options)
    assert all(per_family[f.id] >= 2 for f in KB.families)
    assert all(set(f.dimensions) <= DIMS for f in KB.families)


def test_rules_name_existing_dimensions_and_options() -> None:
    for rule in KB.rules:
        assert set(rule.weights) <= DIMS, rule.id
        assert all(w > 0 for w in rule.weights.values()), rule.id
        for adj in rule.adjust:
            assert adj.dimension in DIMS, rule.id
            assert adj.option == "*" or adj.option in OPTION_NAMES, (rule.id, adj.option)
        assert rule.weights or rule.adjust, rule.id
        assert all(KB.family(f) for f in rule.families), rule.id


def test_required_tenancy_models_and_forgotten_considerations() -> None:
    for name in ("shared-schema", "schema-per-tenant", "database-per-tenant"):
        assert KB.find_option(name) is not None
    text = " ".join(c for o in KB.options for c in o.considerations).lower()
    for topic in (
        "connection pooling",
        "data export",
        "noisy neighbour",
        "backup/restore",
        "migrations across n schemas",
    ):
        assert topic in text, topic


def test_technology_scoring_names_known_dimensions() -> None:
    tech = KB.technology
    assert set(tech.dimensions) <= DIMS
    assert set(tech.select_weights) <= DIMS
    assert set(tech.architecture_dimensions) <= DIMS
    assert set(tech.architecture_bands) == set(tech.architecture_dimensions)


def test_role_fit_names_catalog_technologies_and_kinds() -> None:
    from archwright.kb.catalog import load_catalog
    from archwright.model import Kind

    catalog = load_catalog()
    tables = [KB.technology.role_fit, KB.technology.role_misfit]
    for table in tables:
        for kind, names in table.items():
            assert kind in {k.value for k in Kind}, kind
            for name in names:
                assert catalog.find(name) is not None, name


def test_every_scorer_weight_is_explained_in_the_data() -> None:
    """A comment line precedes each weight of `select_weights` (why it weighs what it does)."""
    from importlib.resources import files

    lines = (files("archwright.kb") / "tradeoffs" / "technology.yaml").read_text().splitlines()
    start = lines.index("  select_weights:")
    seen = set()
    for before, line in zip(lines[start:], lines[start + 1 :], strict=False):
        if not line.startswith("    ") or line.strip().startswith("#"):
            if not line.startswith("    "):
                break
            continue
        seen.add(line.split(":")[0].strip())
        assert before.strip().startswith("#"), f"weight without its reason: {line.strip()}"
    assert seen == set(KB.technology.select_weights)


def test_job_misfit_names_pattern_jobs_and_catalog_technologies() -> None:
    """A job is one a pattern's component serves; each misfit is a catalog technology
    with a public source in its reason."""
    from archwright.kb.catalog import load_catalog
    from archwright.kb.patterns import load_patterns

    catalog = load_catalog()
    jobs = {pc.serves for p in load_patterns().patterns for pc in p.components if pc.serves}
    assert KB.technology.job_misfit
    for job, names in KB.technology.job_misfit.items():
        assert job in jobs, job
        for name, why in names.items():
            assert catalog.find(name) is not None, name
            assert "https://" in why, name
