"""The supply-chain snapshots hold together: every product and technology they name
exists, every fact has a source, ranges are ordered, and findings name the snapshot."""

from __future__ import annotations

import pytest

from archwright.audit import audit
from archwright.kb.catalog import load_catalog
from archwright.kb.supply_chain import (
    end_of_life,
    parse_image,
    parse_version,
    registries,
    vulnerabilities,
)
from archwright.model import Architecture, Component, Kind


def test_technologies_named_are_in_the_catalog() -> None:
    catalog = load_catalog()
    named = [t for p in end_of_life().products for t in p.technologies]
    named += [t for r in vulnerabilities().products.values() for t in r.technologies]
    assert named
    assert [t for t in named if t not in catalog] == []


def test_advisories_name_known_products_and_ordered_ranges() -> None:
    data = vulnerabilities()
    for advisory in data.advisories:
        assert advisory.product in data.products, advisory.id
        for r in advisory.affected:
            low, high = parse_version(r.introduced), parse_version(r.fixed)
            assert low is not None and high is not None and low < high, advisory.id


def test_cycles_are_unique_and_end_in_order() -> None:
    for product in end_of_life().products:
        cycles = [parse_version(c.cycle) for c in product.cycles]
        assert len(set(cycles)) == len(cycles), product.name
        eols = [c.eol for c in product.cycles]
        assert eols == sorted(eols), product.name


@pytest.mark.parametrize(
    ("text", "registry", "repository", "tag", "pinned"),
    [
        ("postgres", "docker.io", "library/postgres", "", False),
        ("docker.io/library/postgres:16", "docker.io", "library/postgres", "16", False),
        ("localhost:5000/a/b:1", "localhost:5000", "a/b", "1", False),
        ("ghcr.io/o/r:2@sha256:" + "0" * 64, "ghcr.io", "o/r", "2", True),
        ("registry.example.com:5000/team/api", "registry.example.com:5000", "team/api", "", False),
    ],
)
def test_image_references(
    text: str, registry: str, repository: str, tag: str, pinned: bool
) -> None:
    ref = parse_image(text)
    assert (ref.registry, ref.repository, ref.tag, ref.pinned) == (
        registry,
        repository,
        tag,
        pinned,
    )


def test_registry_patterns_do_not_match_lookalikes() -> None:
    known = registries()
    assert known.trusted("123456789012.dkr.ecr.us-east-1.amazonaws.com")
    assert not known.trusted("gcr.io.evil.example")
    assert not known.trusted("evil-ghcr.io")


def test_findings_name_the_snapshot_date() -> None:
    arch = Architecture(
        name="x",
        components=[
            Component(id="db", kind=Kind.SQL_DB, properties={"image": "postgres:12.3"}),
        ],
    )
    report = audit(arch, only=["supply-chain"])
    by_rule = {f.rule_id: f.message for f in report.findings}
    assert {"SUP001", "SUP002", "SUP005"} <= set(by_rule)
    assert str(end_of_life().snapshot) in by_rule["SUP001"]
    assert str(vulnerabilities().snapshot) in by_rule["SUP005"]
    assert "CVE-2024-10979" in by_rule["SUP005"]
