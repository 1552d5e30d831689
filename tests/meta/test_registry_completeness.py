"""Fail closed: everything registered is tested, and everything tested is registered.

A format whose module is deleted must turn the suite red, not skip; a new format that
no test exercises must turn it red too. "Tested" is read from the test suite itself:
the format lists the golden tests are parametrized over (read from their source with
`ast`, so nothing is imported twice), the golden folders on disk, the formats the CLI
tests export by name, and the importer formats named by fixture folders.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from archwright.exporters import registry as exporters
from archwright.importers import registry as importers

TESTS = Path(__file__).resolve().parent.parent
EXPORT_TESTS = TESTS / "exporters"
IMPORT_TESTS = TESTS / "importers"


def _list_in(path: Path, name: str) -> list[str]:
    """The literal list assigned to `name` at the top of a test module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(v) for v in value]
    raise AssertionError(f"{path.name} no longer defines {name}")


def _golden_parametrized() -> set[str]:
    text = _list_in(EXPORT_TESTS / "test_diagrams_golden.py", "TEXT_FORMATS")
    infra = _list_in(EXPORT_TESTS / "test_infra_validators.py", "INFRA_FORMATS")
    return set(text) | set(infra)


def _exported_by_cli_tests() -> set[str]:
    found: set[str] = set()
    for path in EXPORT_TESTS.glob("test_*.py"):
        found |= set(re.findall(r'"--to",\s*"([a-z0-9-]+)"', path.read_text(encoding="utf-8")))
    return found


def test_every_exporter_is_tested_and_every_tested_exporter_exists() -> None:
    registered = set(exporters.formats())
    golden = _golden_parametrized()
    tested = golden | _exported_by_cli_tests()
    assert registered - tested == set(), "registered exporters no test exercises"
    assert tested - registered == set(), "tested formats with no exporter (deleted?)"
    folders = {p.name for p in (EXPORT_TESTS / "golden").iterdir() if p.is_dir()}
    assert golden - folders == set(), "golden tests with no golden folder"
    assert folders - golden == set(), "golden folders no test compares"


def test_every_exporter_loads() -> None:
    for fmt in exporters.formats():
        module = exporters.load(fmt)
        assert module.EXPORTER.name == fmt


def _fixture_formats() -> set[str]:
    found = set()
    for expected in (IMPORT_TESTS / "fixtures").glob("*/expected.yaml"):
        data = yaml.safe_load(expected.read_text(encoding="utf-8"))
        found.add(str(data["format"]))
    return found


def _imported_by_tests() -> set[str]:
    """Importer modules the importer tests use directly or through the registry."""
    found: set[str] = set()
    for path in IMPORT_TESTS.glob("test_*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"from archwright\.importers import (\w+)", text))
        found |= set(re.findall(r'registry\.load\("([a-z-]+)"\)', text))
    helpers = {name for name in found if name.startswith("_")}  # private helpers
    return found - helpers - {"registry", "importer", "drift"}


def test_every_importer_is_tested_and_every_tested_importer_exists() -> None:
    registered = set(importers.formats())
    tested = _fixture_formats() | _imported_by_tests()
    assert registered - tested == set(), "registered importers with no fixture or test"
    assert tested - registered == set(), "tested import formats with no importer (deleted?)"
    for fmt in registered:
        assert importers.load(fmt).IMPORTER is not None
