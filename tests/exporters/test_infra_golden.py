"""Golden files: every infrastructure export of every example, byte for byte.

`pytest --update-golden` rewrites them; the diff of tests/exporters/golden/ is what a
reviewer reads. Extra or missing files fail too, so a renamed output is noticed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_infra_validators import INFRA_FORMATS

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.model import Architecture

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("fmt", INFRA_FORMATS)
def test_golden(
    fmt: str,
    example_path: Path,
    golden: Callable[[Path, str], None],
    request: pytest.FixtureRequest,
) -> None:
    assert fmt in registry.formats(), f"no {fmt} exporter (its module is missing)"
    arch = load_architecture(example_path)
    files = registry.load(fmt).render(arch)
    assert files, f"{fmt} produced nothing for {example_path.stem}"
    if fmt == "scaffold":  # its own files only; the rest is each format's golden
        files = {k: v for k, v in files.items() if k not in _included_in_scaffold(arch)}
    folder = GOLDEN / fmt / example_path.stem
    for rel, text in sorted(files.items()):
        golden(folder / rel, text)
    if not request.config.getoption("--update-golden"):
        on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert on_disk == set(files), f"stale golden files: {sorted(on_disk - set(files))}"


@pytest.mark.parametrize("fmt", INFRA_FORMATS)
def test_output_is_deterministic(fmt: str, example_path: Path) -> None:
    assert fmt in registry.formats(), f"no {fmt} exporter (its module is missing)"
    module = registry.load(fmt)
    arch = load_architecture(example_path)
    assert module.render(arch) == module.render(arch)


def _included_in_scaffold(arch: Architecture) -> dict[str, str]:
    """What the scaffold copies from other exporters, at its paths in the repository."""
    from archwright.exporters.scaffold import INCLUDED

    out: dict[str, str] = {}
    for fmt, (prefix, _) in INCLUDED.items():
        if fmt in registry.formats():
            rendered = registry.load(fmt).render(arch)
            out.update({prefix + rel: text for rel, text in rendered.items()})
    return out


def test_scaffold_includes_every_format_under_its_folder(example_path: Path) -> None:
    arch = load_architecture(example_path)
    files = registry.load("scaffold").render(arch)
    included = _included_in_scaffold(arch)
    assert included
    for rel, text in included.items():
        assert files.get(rel) == text, rel
    topo_services = [k for k in files if k.startswith("services/") and k.endswith("/Dockerfile")]
    assert topo_services, "one Dockerfile per service"
