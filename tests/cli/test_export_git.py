"""`export --git/--push`: a first commit by the right author, pushed to a local bare
repository over file://, credentials in a URL never shown nor stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml"


def _env(tmp_path: Path, name: str | None = None, email: str | None = None) -> dict[str, str]:
    config = tmp_path / "gitconfig"
    lines = ["[user]\n"] + ([f"  name = {name}\n"] if name else [])
    lines += [f"  email = {email}\n"] if email else []
    config.write_text("".join(lines) if name or email else "", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path))
    return env


def _export(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "archwright", "export", str(EXAMPLE), "--to", "scaffold"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=300)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    return remote


def test_push_to_a_local_bare_repository(tmp_path: Path, bare: Path) -> None:
    out = tmp_path / "repo"
    env = _env(tmp_path)
    result = _export(env, "-o", str(out), "--push", bare.as_uri(), "--author", "Ada <ada@ex.org>")
    assert result.returncode == 0, result.stderr
    assert f"pushed main to {bare.as_uri()}" in result.stdout
    assert _git("-C", str(bare), "log", "--format=%an <%ae>|%s", "main").strip() == (
        "Ada <ada@ex.org>|Initial commit: Three-tier web shop"
    )
    tree = _git("-C", str(bare), "ls-tree", "-r", "--name-only", "main").split()
    assert "README.md" in tree and "services/api/app.py" in tree and "docker-compose.yml" in tree
    assert "Three-tier web shop" in _git("-C", str(bare), "show", "main:README.md")
    assert _git("-C", str(out), "status", "--porcelain") == ""


def test_author_comes_from_git_config(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    result = _export(_env(tmp_path, "Grace Hopper", "grace@ex.org"), "-o", str(out), "--git")
    assert result.returncode == 0, result.stderr
    assert (
        _git("-C", str(out), "log", "--format=%an <%ae>").strip() == "Grace Hopper <grace@ex.org>"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--git"], "no commit author"),
        (["--git", "--author", "nobody"], "expected 'Name <email>'"),
        (["--push", "--upload-pack=touch /tmp/x", "--author", "A <a@b.c>"], "not a repository"),
    ],
)
def test_bad_git_input_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = _export(_env(tmp_path), "-o", str(tmp_path / "repo"), *args)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_existing_repository_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    env = _env(tmp_path)
    assert _export(env, "-o", str(out), "--git", "--author", "A <a@b.c>").returncode == 0
    again = _export(env, "-o", str(out), "--git", "--author", "A <a@b.c>")
    assert again.returncode == 2 and "already a git repository" in again.stderr


def test_credentials_in_a_remote_url_are_never_shown(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    url = "https://user:s3cr3t-t0ken@127.0.0.1:9/x.git"  # nothing listens on port 9
    result = _export(_env(tmp_path), "-o", str(out), "--push", url, "--author", "A <a@b.c>")
    assert result.returncode == 2
    assert "git push failed" in result.stderr
    assert "s3cr3t" not in result.stdout + result.stderr
    assert "s3cr3t" not in (out / ".git" / "config").read_text()
