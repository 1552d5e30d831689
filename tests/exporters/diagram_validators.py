"""The real tools that accept or reject each diagram format, as plain functions.

Each `check_<format>(text)` returns None when the tool accepts the text, or the tool's
complaint. `need_<tool>()` skips the calling test with the reason when the tool is not
installed (CI installs them all: see .ci/run).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
TIMEOUT = 180

# What PlantUML draws instead of a diagram when it fails without a non-zero exit code.
PLANTUML_ERROR_MARKERS = ("An error has occured", "Syntax Error?", "java.lang.")


def need_dot() -> str:
    exe = shutil.which("dot")
    if exe is None:
        pytest.skip("Graphviz `dot` is not installed (apt-get install graphviz)")
    return exe


def need_plantuml() -> str:
    exe = shutil.which("plantuml")
    if exe is None:
        pytest.skip("plantuml is not installed (apt-get install plantuml)")
    return exe


def need_node_tool(script: str, package: str) -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs npm)")
    if not (TOOLS / "node_modules" / package).is_dir():
        pytest.skip(f"npm package {package} is not installed (npm ci --prefix tools)")
    return [node, str(TOOLS / script)]


def dot_svg(text: str) -> str:
    """The SVG `dot -Tsvg` draws; AssertionError with dot's message when it refuses."""
    done = subprocess.run(
        [need_dot(), "-Tsvg"], input=text, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    return done.stdout


def check_dot(text: str) -> str | None:
    done = subprocess.run(
        [need_dot(), "-Tsvg"], input=text, capture_output=True, text=True, timeout=TIMEOUT
    )
    if done.returncode != 0 or done.stderr.strip():
        return done.stderr.strip() or f"exit {done.returncode}"
    return None


def plantuml_svg(text: str) -> tuple[str | None, str]:
    """(complaint or None, SVG). `-failfast2` makes syntax errors exit non-zero; errors
    the renderer hits later still exit 0 with an error picture, so the SVG is scanned."""
    exe = need_plantuml()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "diagram.puml"
        src.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [exe, "-tsvg", "-failfast2", "-charset", "UTF-8", str(src)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        svg_path = src.with_suffix(".svg")
        svg = svg_path.read_text(encoding="utf-8") if svg_path.exists() else ""
    if done.returncode != 0:
        return (done.stderr.strip() or done.stdout.strip() or f"exit {done.returncode}"), svg
    if not svg:
        return "plantuml wrote no SVG", svg
    for marker in PLANTUML_ERROR_MARKERS:
        if marker in svg:
            return f"plantuml drew an error picture ({marker})", svg
    return None, svg


def check_plantuml(text: str) -> str | None:
    return plantuml_svg(text)[0]


def d2_svg(text: str) -> tuple[str | None, str]:
    cmd = need_node_tool("d2check.mjs", "@terrastruct/d2")
    done = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        return (done.stderr.strip() or f"exit {done.returncode}"), ""
    return None, done.stdout


def check_d2(text: str) -> str | None:
    return d2_svg(text)[0]


def check_mermaid(text: str) -> str | None:
    cmd = need_node_tool("mermaidcheck.mjs", "mermaid")
    done = subprocess.run(cmd, input=text, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        return done.stderr.strip() or f"exit {done.returncode}"
    return None


def check_drawio(text: str) -> str | None:
    """Well-formed XML with the structure draw.io loads: an mxGraphModel whose cells have
    unique ids, existing parents, and edges between existing vertices with a geometry."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        return f"not well-formed XML: {exc}"
    if root.tag != "mxfile":
        return f"root element is <{root.tag}>, not <mxfile>"
    model = root.find("./diagram/mxGraphModel/root")
    if model is None:
        return "no diagram/mxGraphModel/root"
    cells = model.findall("mxCell")
    ids = [c.get("id") for c in cells]
    if len(ids) != len(set(ids)) or None in ids:
        return "cell ids are missing or repeated"
    if ids[:2] != ["0", "1"]:
        return "the first two cells must be the root cells 0 and 1"
    vertices = {c.get("id") for c in cells if c.get("vertex") == "1"}
    for cell in cells[1:]:
        if cell.get("parent") not in ids:
            return f"cell {cell.get('id')} has an unknown parent"
        if cell.get("vertex") == "1" or cell.get("edge") == "1":
            geometry = cell.find("mxGeometry")
            if geometry is None or geometry.get("as") != "geometry":
                return f"cell {cell.get('id')} has no geometry"
        if cell.get("edge") == "1" and not (
            cell.get("source") in vertices and cell.get("target") in vertices
        ):
            return f"edge {cell.get('id')} does not join two vertices"
    return None
