"""`archwright design` and `archwright specs` end to end, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from archwright.archfile import load_architecture


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def test_design_text_writes_both_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run(
        "design", "Chat app with photos, 2M DAU, team of 5, AWS", "-o", str(out), cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["archwright.yaml", "design.md"]
    arch = load_architecture(out / "archwright.yaml")
    assert any(c.id == "realtime" for c in arch.components)
    assert "```mermaid" in (out / "design.md").read_text(encoding="utf-8")
    assert "components" in proc.stdout


def test_default_output_folder_is_out(tmp_path: Path) -> None:
    proc = run("design", "A todo app", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "archwright.yaml").exists()


def test_format_json_prints_one_document_and_writes_nothing(tmp_path: Path) -> None:
    proc = run("design", "URL shortener, 10M DAU", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"name", "requirements", "components", "connections"} <= set(data)
    assert list(tmp_path.iterdir()) == []


def test_spec_file_and_cloud_option(tmp_path: Path) -> None:
    spec = tmp_path / "req.yaml"
    spec.write_text(
        yaml.safe_dump(
            {
                "description": "Video streaming service",
                "features": ["search"],
                "scale": {"dau": 1_000_000},
                "slo": {"availability": 99.95},
            }
        ),
        encoding="utf-8",
    )
    proc = run("design", "--spec", str(spec), "--cloud", "gcp", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["requirements"]["scale"]["dau"] == 1_000_000
    assert any(c["id"] == "search" for c in data["components"])
    assert all(c.get("region") in (None, "us-central1") for c in data["components"])


def test_bad_spec_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text("scale:\n  dau: lots\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run("design", "--spec", str(spec), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{spec}:2:") and "Traceback" not in proc.stderr
    assert not out.exists()


def test_missing_spec_file_and_bad_options_exit_2(tmp_path: Path) -> None:
    for args in (
        ("design", "--spec", "nope.yaml"),
        ("design",),
        ("design", "x", "--spec", "y.yaml"),
        ("design", "   "),
        ("design", "x", "--cloud", "mars"),
        ("design", "x", "--format", "xml"),
        ("design", "--from-spec", "chatt"),
        ("design", "chat " * 5_000),
    ):
        proc = run(*args, cwd=tmp_path)
        assert proc.returncode == 2, args
        assert len(proc.stderr.strip().splitlines()) == 1, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    proc = run("design", "--from-spec", "chatt", cwd=tmp_path)
    assert "did you mean 'chat'" in proc.stderr


def test_from_spec_designs_from_the_reference_requirements(tmp_path: Path) -> None:
    proc = run("design", "--from-spec", "url-shortener", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["name"] == "URL shortener"
    ids = {c["id"] for c in data["components"]}
    # The redirect cache is the design's one read cache, not a second copy of it.
    assert {"keygen", "cache"} <= ids and "links-cache" not in ids


def test_specs_list_and_show(tmp_path: Path) -> None:
    proc = run("specs", "list", cwd=tmp_path)
    assert proc.returncode == 0 and "url-shortener" in proc.stdout
    assert len(proc.stdout.splitlines()) >= 40
    listed = json.loads(run("specs", "list", "--format", "json", cwd=tmp_path).stdout)
    assert {"chat", "rag-assistant"} <= {s["name"] for s in listed}
    shown = json.loads(run("specs", "show", "chat", "--format", "json", cwd=tmp_path).stdout)
    assert shown["architecture"]["name"].startswith("Chat")
    text = run("specs", "show", "chat", cwd=tmp_path).stdout
    assert yaml.safe_load(text)["name"] == "chat"
    missing = run("specs", "show", "nope", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr.startswith("archwright: no reference spec")


def test_output_is_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    import os

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "archwright",
                "design",
                "Social feed with photos, search and payments, 20M DAU, team of 4, GCP",
                "-o",
                str(out),
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        outputs.append(((out / "archwright.yaml").read_bytes(), (out / "design.md").read_bytes()))
    assert outputs[0] == outputs[1]
