"""Hostile or broken input is refused with one line, and never read outside PATH.

No wall clock: each refusal names its guard (bomb, depth, size), which is what shows
the input was not expanded; speed under load belongs to benchmarks/.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from archwright.importers import registry
from archwright.importers.importer import ImportProblem

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
services:
  web: {image: nginx, environment: {X: *h}}
"""


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def _refused(kind: str, path: Path) -> str:
    with pytest.raises(ImportProblem) as info:
        registry.load(kind).parse(path)
    line = info.value.one_line()
    assert "\n" not in line
    return line


def test_yaml_bomb_refused(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(BOMB)
    assert "YAML bomb" in _refused("compose", tmp_path)


def test_kubernetes_bomb_refused(tmp_path: Path) -> None:
    body = BOMB.replace(
        "services:\n  web: {image: nginx, environment: {X: *h}}\n",
        "apiVersion: v1\nkind: ConfigMap\ndata: {x: *h}\n",
    )
    (tmp_path / "cm.yaml").write_text(body)
    assert "YAML bomb" in _refused("kubernetes", tmp_path)


def test_deep_nesting_refused(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: " + "[" * 40000 + "]" * 40000)
    assert "nested deeper" in _refused("compose", tmp_path)


def test_malformed_and_truncated(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  web:\n    image: [nginx\n")
    line = _refused("compose", tmp_path)
    assert line.startswith("compose.yaml:") and "invalid YAML" in line
    full = Path(__file__).parent / "fixtures/online-boutique/kubernetes-manifests.yaml"
    text = full.read_text()
    (tmp_path / "k.yaml").write_text(text[: len(text) // 3] + '\n  "unterminated')
    (tmp_path / "compose.yaml").unlink()
    assert _refused("kubernetes", tmp_path).startswith("k.yaml")


def test_oversized_refused(tmp_path: Path) -> None:
    with (tmp_path / "compose.yaml").open("w") as handle:
        handle.write("services:\n  web:\n    image: nginx\n")
        handle.write("# padding\n" * 600_000)
    assert "limit" in _refused("compose", tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_bytes(b"services:\n  web: {image: \xff\xfe}\n")
    assert "not UTF-8" in _refused("compose", tmp_path)


@pytest.mark.parametrize(
    "service",
    [
        "    extends: {file: ../outside.yaml, service: x}\n",
        "    env_file: ../../../../etc/passwd\n",
    ],
)
def test_compose_path_traversal(tmp_path: Path, service: str) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "outside.yaml").write_text("services: {x: {image: redis}}\n")
    (project / "compose.yaml").write_text("services:\n  web:\n    image: nginx\n" + service)
    assert "outside" in _refused("compose", project)


def test_compose_include_traversal(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "other.yaml").write_text("services: {x: {image: redis}}\n")
    (project / "compose.yaml").write_text(
        "include: [../other.yaml]\nservices: {web: {image: nginx}}\n"
    )
    assert "outside" in _refused("compose", project)


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlinked_config_outside_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.conf"
    secret.write_text("proxy_pass http://api:80;\n")
    project = tmp_path / "project"
    (project / "nginx").mkdir(parents=True)
    (project / "nginx" / "nginx.conf").symlink_to(secret)
    (project / "compose.yaml").write_text(
        "services:\n  proxy:\n    image: nginx\n    volumes: ['./nginx:/etc/nginx']\n"
        "  api:\n    image: example/api\n"
    )
    arch = registry.load("compose").parse(project).architecture
    assert arch.connections == []  # the symlinked file outside the project was never read


def test_terraform_module_outside_root(tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    root = tmp_path / "root"
    root.mkdir()
    (root / "main.tf").write_text('module "m" {\n  source = "../mod"\n}\n')
    assert "outside" in _refused("terraform", root)


def test_terraform_malformed(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {\n  name = \n')
    line = _refused("terraform", tmp_path)
    assert line.startswith("main.tf") and "invalid HCL" in line


def test_cli_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(BOMB)
    out = tmp_path / "out.yaml"
    done = _cli("import", "compose", str(tmp_path), "-o", str(out))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert not out.exists()
    missing = _cli("import", "compose", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
