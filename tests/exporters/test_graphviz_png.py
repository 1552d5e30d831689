"""How the PNG export asks Graphviz for its image: cairo draws it, gd writes it as a
palette (a third of the bytes, half of `dot`'s time), and a Graphviz without the gd
plugin falls back to `dot -Tpng` (exporters/_graphviz.py, `_SPECS`)."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.exporters import _graphviz, png
from archwright.exporters.exporter import ExportError

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = ROOT / "examples" / "three_tier.yaml"
PALETTE, RGB, RGBA = 3, 2, 6  # PNG colour types (IHDR byte 9)


def _colour_type(data: bytes) -> int:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert width > 100 and height > 100 and depth == 8
    return int(colour)


def _drawn() -> bytes:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    return png.render(load_architecture(THREE_TIER))["architecture.png"]


@pytest.mark.validator
def test_png_is_written_as_a_palette_by_gd() -> None:
    assert _colour_type(_drawn()) == PALETTE


@pytest.mark.validator
def test_png_falls_back_to_dots_own_writer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_graphviz, "_SPECS", {"png": ("png:cairo:no-such-writer", "png")})
    assert _colour_type(_drawn()) in (RGB, RGBA)  # cairo's own writer: true colour


@pytest.mark.validator
def test_png_refused_by_every_writer_is_one_export_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_graphviz, "_SPECS", {"png": ("no-such-format", "nor-this-one")})
    with pytest.raises(ExportError) as raised:
        _drawn()
    message = str(raised.value)
    assert message.startswith("Graphviz dot failed: ") and "nor-this-one" in message
    assert "\n" not in message
