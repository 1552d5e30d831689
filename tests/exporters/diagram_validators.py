"""The real tools that accept or reject each diagram format.

The tools are slow to start (D2's WebAssembly module takes tens of seconds on a loaded
machine, PlantUML a JVM, Mermaid a jsdom window), so each tool runs once per test
session over every document the tests need: the three examples, the hostile model and
one deliberately broken file. `results(fmt)` returns {document name: Verdict}; a
`complaint` of None means the tool accepted the document. When a tool is not installed
the calling test is skipped with the reason (CI installs them all: see .ci/run).
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from archwright.archfile import load_architecture
from archwright.exporters import registry

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"
HOSTILE = Path(__file__).resolve().parent / "hostile.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TIMEOUT = 600

# What PlantUML draws instead of a diagram when it fails: a syntax error without
# -failfast2, or a renderer crash, which exits 0 even with -failfast2.
PLANTUML_ERROR_MARKERS = ("Syntax Error?", "An error has occured", "java.lang.")

# One broken input per validator, each a mistake an exporter could plausibly make.
BROKEN: dict[str, str] = {
    "dot": 'digraph "a" {\n  "n1" -> ;\n}\n',
    "plantuml": '@startuml\nrectangle "a" as n1\nn1 --> : "x\n@enduml\n',
    "d2": 'n1: "unterminated\nn1 -> : x {\n',
    "mermaid": 'flowchart LR\n  n1["say "hi""] --> end\n',
    "drawio": '<mxfile><diagram><mxGraphModel><root><mxCell id="0"/></root></mxGraphModel>',
}
# PlantUML exits 0 and draws an error picture when its renderer crashes (here on a
# `&#92;` entity): the check must still report it.
PLANTUML_CRASH = '@startuml\nrectangle "a &#92; b" as n1\n@enduml\n'


@dataclass(frozen=True)
class Verdict:
    complaint: str | None
    svg: str = ""


def documents(fmt: str) -> dict[str, str]:
    """Every document a format's tool is asked about, by name."""
    module = registry.load(fmt)
    docs: dict[str, str] = {}
    for path in [*EXAMPLES, HOSTILE]:
        (text,) = module.render(load_architecture(path)).values()
        docs[path.stem] = text
    docs["broken"] = BROKEN[fmt]
    if fmt == "plantuml":
        docs["crash"] = PLANTUML_CRASH
    return docs


def _need(exe: str, install: str) -> str:
    path = shutil.which(exe)
    if path is None:
        pytest.skip(f"{exe} is not installed ({install})")
    return path


def _node_batch(script: str, package: str, docs: dict[str, str]) -> dict[str, Verdict]:
    node = _need("node", "apt-get install nodejs npm")
    if not (TOOLS / "node_modules" / package).is_dir():
        pytest.skip(f"npm package {package} is not installed (npm ci --prefix tools)")
    done = subprocess.run(
        [node, str(TOOLS / script)],
        input=json.dumps(docs),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    return {name: Verdict(out[name]["error"], out[name].get("svg", "")) for name in docs}


def _dot(docs: dict[str, str]) -> dict[str, Verdict]:
    exe = _need("dot", "apt-get install graphviz")
    verdicts = {}
    for name, text in docs.items():
        done = subprocess.run(
            [exe, "-Tsvg"], input=text, capture_output=True, text=True, timeout=TIMEOUT
        )
        bad = done.returncode != 0 or bool(done.stderr.strip())
        complaint = (done.stderr.strip() or f"exit {done.returncode}") if bad else None
        verdicts[name] = Verdict(complaint, done.stdout)
    return verdicts


def _plantuml(docs: dict[str, str]) -> dict[str, Verdict]:
    """One JVM for all files; each file's SVG is then read for an error picture."""
    exe = _need("plantuml", "apt-get install plantuml")
    verdicts = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {name: Path(tmp) / f"{name}.puml" for name in docs}
        for name, path in paths.items():
            path.write_text(docs[name], encoding="utf-8")
        subprocess.run(
            [exe, "-tsvg", "-charset", "UTF-8", *map(str, paths.values())],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        for name, path in paths.items():
            svg_path = path.with_suffix(".svg")
            svg = svg_path.read_text(encoding="utf-8") if svg_path.exists() else ""
            complaint = None if svg else "plantuml wrote no SVG"
            for marker in PLANTUML_ERROR_MARKERS:
                if marker in svg:
                    complaint = f"plantuml drew an error picture ({marker})"
            verdicts[name] = Verdict(complaint, svg)
    return verdicts


def plantuml_failfast_exit(text: str) -> int:
    """Exit code of `plantuml -failfast2` on one file (non-zero on a syntax error)."""
    exe = _need("plantuml", "apt-get install plantuml")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "diagram.puml"
        src.write_text(text, encoding="utf-8")
        done = subprocess.run(
            [exe, "-tsvg", "-failfast2", str(src)], capture_output=True, timeout=TIMEOUT
        )
    return done.returncode


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


def _drawio(docs: dict[str, str]) -> dict[str, Verdict]:
    return {name: Verdict(check_drawio(text)) for name, text in docs.items()}


_RUNNERS: dict[str, Callable[[dict[str, str]], dict[str, Verdict]]] = {
    "dot": _dot,
    "plantuml": _plantuml,
    "d2": lambda docs: _node_batch("d2check.mjs", "@terrastruct/d2", docs),
    "mermaid": lambda docs: _node_batch("mermaidcheck.mjs", "mermaid", docs),
    "drawio": _drawio,
}
VALIDATED_FORMATS = sorted(_RUNNERS)


@functools.cache
def _results(fmt: str) -> dict[str, Verdict]:
    return _RUNNERS[fmt](documents(fmt))


def results(fmt: str) -> dict[str, Verdict]:
    """The tool's verdict on every document of `documents(fmt)`, computed once."""
    return _results(fmt)
