"""Terraform output is `terraform fmt` canonical, checked without a Terraform binary:
the formatter follows hclwrite's rules on hand-written canonical samples, every exported
`.tf` file is its fixed point, and hclwrite itself (WebAssembly build, npm
@cdktf/hcl-tools) leaves every exported file unchanged."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from infra_validators import EXAMPLES, hostile_model

from archwright.archfile import load_architecture
from archwright.exporters import registry
from archwright.exporters._hcl_format import format_hcl

SAMPLES = Path(__file__).resolve().parent / "data" / "hcl_format"
TOOLS = Path(__file__).resolve().parents[2] / "tools"
NAMES = sorted(p.name.removesuffix(".in.tf") for p in SAMPLES.glob("*.in.tf"))


def _terraform_files() -> dict[str, str]:
    out = {}
    models = {p.stem: load_architecture(p) for p in EXAMPLES}
    models["hostile"] = hostile_model()
    for name, arch in models.items():
        for rel, text in registry.load("terraform").render(arch).items():
            out[f"{name}/{rel}"] = text
    return out


@pytest.mark.parametrize("name", NAMES)
def test_samples_format_to_their_canonical_form(name: str) -> None:
    source = (SAMPLES / f"{name}.in.tf").read_text(encoding="utf-8")
    canonical = (SAMPLES / f"{name}.out.tf").read_text(encoding="utf-8")
    assert source != canonical
    assert format_hcl(source) == canonical
    assert format_hcl(canonical) == canonical


def test_every_exported_file_is_already_formatted() -> None:
    files = _terraform_files()
    assert any(f.startswith("hostile/") for f in files)
    for rel, text in files.items():
        assert format_hcl(text) == text, rel


def test_heredocs_are_refused_not_misformatted() -> None:
    with pytest.raises(ValueError, match="heredoc"):
        format_hcl("policy = <<EOF\n{}\nEOF\n")
    assert format_hcl('a = "<<not a heredoc /* nor a comment */"\n').startswith("a = ")


@pytest.mark.validator
def test_hclwrite_leaves_exports_and_samples_unchanged() -> None:
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "@cdktf" / "hcl-tools").is_dir():
        pytest.skip("node and npm package @cdktf/hcl-tools (npm ci --prefix tools) needed")
    docs = _terraform_files()
    docs.update({f"sample/{n}": (SAMPLES / f"{n}.out.tf").read_text() for n in NAMES})
    docs["unformatted"] = (SAMPLES / f"{NAMES[0]}.in.tf").read_text()
    done = subprocess.run(
        [node, str(TOOLS / "hclfmt.mjs")],
        input=json.dumps(docs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    formatted = json.loads(done.stdout)
    assert formatted["unformatted"] != docs["unformatted"]  # the formatter does format
    changed = [
        name for name, text in docs.items() if name != "unformatted" and formatted[name] != text
    ]
    assert changed == []
