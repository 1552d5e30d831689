"""Golden files: each diagram format of each example, byte for byte.

`pytest --update-golden` rewrites them; the diff of tests/exporters/golden/ is the
review. Rendering twice gives the same text, so the files cannot flap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.exporters import registry

GOLDEN = Path(__file__).resolve().parent / "golden"
TEXT_FORMATS = ["d2", "dot", "drawio", "mermaid", "plantuml", "structurizr"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_golden(fmt: str, example_path: Path, golden: Callable[[Path, str], None]) -> None:
    files = registry.load(fmt).render(load_architecture(example_path))
    assert len(files) == 1
    ((name, text),) = files.items()
    suffix = Path(name).suffix
    golden(GOLDEN / fmt / f"{example_path.stem}{suffix}", text)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_render_is_deterministic(fmt: str, example_path: Path) -> None:
    module = registry.load(fmt)
    first = module.render(load_architecture(example_path))
    second = module.render(load_architecture(example_path))
    assert first == second


def test_every_diagram_format_is_registered() -> None:
    formats = registry.formats()
    for fmt in [*TEXT_FORMATS, "svg", "png"]:
        assert fmt in formats
        exporter = registry.load(fmt).EXPORTER
        assert exporter.category == "diagram" and exporter.name == fmt
    for fmt in TEXT_FORMATS:
        assert (GOLDEN / fmt).is_dir(), f"no golden folder for {fmt}"
