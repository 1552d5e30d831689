"""Integrity of the importers' data tables and registry."""

from __future__ import annotations

from importlib import resources

import yaml

from archwright.importers import registry
from archwright.model import Kind, Protocol


def _data(name: str) -> dict:  # type: ignore[type-arg]
    text = (resources.files("archwright.kb") / "importers" / name).read_text("utf-8")
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def test_registry_lists_every_importer() -> None:
    assert registry.formats() == ["compose", "kubernetes", "repo", "terraform"]
    for fmt in registry.formats():
        module = registry.load(fmt)
        assert module.IMPORTER.name == fmt


def test_techmap_values_are_model_vocabulary() -> None:
    data = _data("techmap.yaml")
    seen: set[str] = set()
    for entry in data["images"]:
        Kind(entry["kind"])
        Protocol(entry["protocol"])
        for name in entry["match"]:
            assert name not in seen, f"{name} mapped twice"
            seen.add(name)
    for table in ("ports", "schemes", "port_names"):
        for value in data[table].values():
            Protocol(value)
    for entry in data["names"]:
        Kind(entry["kind"])


def test_tfmap_and_libmap_values_are_model_vocabulary() -> None:
    for entry in _data("tfmap.yaml")["resources"].values():
        Kind(entry["kind"])
        Protocol(entry["protocol"])
    lib = _data("libmap.yaml")
    for entry in lib["technologies"].values():
        Kind(entry["kind"])
        Protocol(entry["protocol"])
    for table in lib["libraries"].values():
        for tech in table.values():
            assert tech in lib["technologies"]
    for tech in [*lib["sdk_clients"].values(), *lib["host_aliases"].values()]:
        assert tech in lib["technologies"]


def test_task_queues_engines_and_schemes_name_known_technologies() -> None:
    lib = _data("libmap.yaml")
    tables = [lib["django_engines"], lib["scheme_aliases"]]
    for eco, queues in lib["task_queues"].items():
        assert eco in lib["libraries"], eco
        for spec in queues.values():
            assert spec["broker"] in lib["technologies"]
            assert isinstance(spec["redis_only"], bool)
            assert not spec["redis_only"] or spec["broker"] == "redis"
    for table in tables:
        for tech in table.values():
            assert tech in lib["technologies"]


def test_orm_types_are_logical_column_types() -> None:
    exported = (resources.files("archwright.exporters") / "data" / "column_types.yaml").read_text(
        "utf-8"
    )
    logical = set(yaml.safe_load(exported))
    orm = _data("ormmap.yaml")
    assert set(orm["django"].values()) <= logical
    assert {pair[1] for pair in orm["type_words"]} <= logical


def test_network_types_are_neither_components_nor_glue() -> None:
    tf = _data("tfmap.yaml")
    glue = tuple(tf["glue_prefixes"])
    for rtype in tf["network_types"]:
        assert rtype not in tf["resources"]
        assert not rtype.startswith(glue)
