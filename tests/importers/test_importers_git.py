"""`import repo URL`: a shallow clone of a local bare repository served over file://."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from archwright.importers import repo
from archwright.importers._git import cloned, is_git_url, repo_name, shown
from archwright.importers.importer import ImportProblem

DJANGO = Path(__file__).parent / "fixtures" / "django-shop"
_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=_ENV, check=True, capture_output=True)


def _bare(tmp_path: Path, source: Path, extra: dict[str, bytes] | None = None) -> str:
    work = tmp_path / "work"
    subprocess.run(["cp", "-r", str(source), str(work)], check=True)
    for name, data in (extra or {}).items():
        (work / name).write_bytes(data)
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "fixture", cwd=work)
    _git("clone", "-q", "--bare", str(work), str(tmp_path / "shop.git"), cwd=tmp_path)
    return (tmp_path / "shop.git").as_uri()


def test_import_repo_from_a_file_url_matches_the_folder(tmp_path: Path) -> None:
    url = _bare(tmp_path, DJANGO)
    before = set(Path(tempfile.gettempdir()).glob("archwright-git-*"))
    from_git = repo.parse_url(url).architecture
    assert set(Path(tempfile.gettempdir()).glob("archwright-git-*")) == before  # removed
    from_folder = repo.parse(DJANGO).architecture
    assert from_git.name == "shop"  # the unit is named after the repository
    assert [c.target for c in from_git.connections] == [c.target for c in from_folder.connections]
    tables = {e.name for c in from_git.components for e in c.entities}
    assert tables == {e.name for c in from_folder.components for e in c.entities}


def test_cli_imports_a_git_url(tmp_path: Path) -> None:
    url = _bare(tmp_path, DJANGO)
    done = subprocess.run(
        [sys.executable, "-m", "archwright", "import", "repo", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "redis-broker" in {c["id"] for c in yaml.safe_load(done.stdout)["components"]}


def test_clone_over_the_size_limit_is_stopped(tmp_path: Path) -> None:
    url = _bare(tmp_path, DJANGO, {"blob.bin": os.urandom(300_000)})
    with pytest.raises(ImportProblem, match="limit"), cloned(url, max_bytes=100_000):
        pass


def test_clone_over_the_time_limit_is_stopped(tmp_path: Path) -> None:
    url = _bare(tmp_path, DJANGO)
    with pytest.raises(ImportProblem, match="took over"), cloned(url, seconds=0.0):
        pass


def test_bad_urls_are_refused_and_credentials_never_shown(tmp_path: Path) -> None:
    assert is_git_url("git@github.com:owner/shop.git")
    assert not is_git_url("./shop")
    hostile = "ext::sh -c touch% /tmp/pwned"
    with pytest.raises(ImportProblem, match="not a git URL"), cloned(hostile):
        pass
    missing = (tmp_path / "nothing.git").as_uri().replace("file://", "file://user:s3cret@")
    with pytest.raises(ImportProblem, match="git clone failed") as err, cloned(missing):
        pass
    assert "s3cret" not in str(err.value)
    assert shown("https://u:p@host/x.git") == "https://host/x.git"
    assert repo_name("https://host/owner/../sh op.git/") == "sh-op"
