"""`archwright export ARCH --to FORMAT -o DIR` for the diagram formats, end to end."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THREE_TIER = ROOT / "examples" / "three_tier.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


@pytest.mark.validator
def test_export_dot_renders_with_graphviz(tmp_path: Path) -> None:
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    res = run("export", str(THREE_TIER), "--to", "dot", "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    out = tmp_path / "architecture.dot"
    assert res.stdout.strip() == str(out.resolve())
    svg = subprocess.run(
        [dot, "-Tsvg", str(out)], capture_output=True, text=True, timeout=120, check=True
    )
    assert "<svg" in svg.stdout and "Orders database" in svg.stdout


@pytest.mark.validator
def test_export_svg_and_png(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    assert run("export", str(THREE_TIER), "--to", "svg", "-o", str(tmp_path)).returncode == 0
    assert run("export", str(THREE_TIER), "--to", "png", "-o", str(tmp_path)).returncode == 0
    svg = (tmp_path / "architecture.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "Shop API" in svg
    assert (tmp_path / "architecture.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_export_svg_without_graphviz_is_one_line_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    res = run("export", str(THREE_TIER), "--to", "svg", "-o", str(tmp_path / "out"), env=env)
    assert res.returncode == 2
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("archwright: ")
    assert "Graphviz" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", ["mermaid", "d2", "plantuml", "structurizr", "drawio"])
def test_export_text_formats_write_one_file(fmt: str, tmp_path: Path) -> None:
    res = run("export", str(THREE_TIER), "--to", fmt, "-o", str(tmp_path))
    assert res.returncode == 0, res.stderr
    written = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".archwright"))
    assert len(written) == 1 and written[0].split(".")[0] in ("architecture", "workspace")
