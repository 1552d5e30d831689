"""`archwright.package_data` gives what the library readers it replaced gave: the folder
`importlib.resources` finds, and the values `yaml.safe_load` builds, for every YAML file
the package ships outside the kb (the kb has its own cache, checked in tests/kb)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

import archwright
from archwright.package_data import folder, parsed_yaml, text

SRC = Path(archwright.__file__).parent
FILES = sorted(
    p.relative_to(SRC) for p in SRC.rglob("*.yaml") if "kb" not in p.relative_to(SRC).parts
)


def _package_and_parts(rel: Path) -> tuple[str, tuple[str, ...]]:
    """The deepest package holding `rel`, and the path below it."""
    parts = rel.parts
    for cut in range(len(parts) - 1, 0, -1):
        if (SRC.joinpath(*parts[:cut]) / "__init__.py").is_file():
            return "archwright." + ".".join(parts[:cut]), parts[cut:]
    return "archwright", parts


def test_the_package_ships_the_files_the_readers_read() -> None:
    assert len(FILES) >= 15  # the walk sees them: settings, prices, prompts, data, ...


@pytest.mark.parametrize("rel", FILES, ids=str)
def test_each_data_file_reads_as_the_library_reads_it(rel: Path) -> None:
    package, parts = _package_and_parts(rel)
    found = folder(package)
    assert isinstance(found, Path) and found == Path(str(resources.files(package)))
    body = resources.files(package).joinpath(*parts).read_text(encoding="utf-8")
    assert text(package, *parts) == body
    assert parsed_yaml(package, *parts) == yaml.safe_load(body)
