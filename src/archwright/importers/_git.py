"""`import repo URL`: a shallow clone with the local `git`, bounded in size and time.

A URL is untrusted input: git runs in its own process group with a per-file size limit
(RLIMIT_FSIZE) and a wall-clock deadline, the clone folder is measured while it grows and
the clone is killed over the total limit, no transport that runs commands (`ext::`) is
allowed, git never prompts for credentials, and the temporary folder is always removed.
Credentials in a URL never reach output.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from archwright.importers.importer import ImportProblem

MAX_CLONE_BYTES = 200 * 1024 * 1024
MAX_CLONE_SECONDS = 120.0
_SCHEMES = ("https://", "http://", "git://", "ssh://", "file://")
_SCP = re.compile(r"^[\w.-]+@[\w.-]+:[\w./~-]+$")  # git@host:owner/repo.git
_USERINFO = re.compile(r"//[^/@\s]*@")


def is_git_url(text: str) -> bool:
    return text.startswith(_SCHEMES) or bool(_SCP.match(text))


def shown(url: str) -> str:
    """The URL without user or password, for messages."""
    return _USERINFO.sub("//", url)


def repo_name(url: str) -> str:
    """`https://host/owner/shop.git` → `shop` (a safe folder name)."""
    last = url.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    name = re.sub(r"[^A-Za-z0-9._-]", "-", last.removesuffix(".git")).strip(".-")
    return name[:80] or "repo"


@contextmanager
def cloned(
    url: str, max_bytes: int = MAX_CLONE_BYTES, seconds: float = MAX_CLONE_SECONDS
) -> Iterator[Path]:
    """A shallow clone of `url` in a temporary folder, removed on exit."""
    if not is_git_url(url) or url.startswith("-") or "::" in url:
        raise ImportProblem(shown(url), "not a git URL (https, ssh, git or file)")
    git = shutil.which("git")
    if git is None:
        raise ImportProblem(shown(url), "git is not installed; clone the repository yourself")
    parent = Path(tempfile.mkdtemp(prefix="archwright-git-"))
    target = parent / repo_name(url)
    try:
        _clone(git, url, target, max_bytes, seconds)
        yield target
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def _clone(git: str, url: str, target: Path, max_bytes: int, seconds: float) -> None:
    command = [
        git,
        "-c",
        "protocol.ext.allow=never",
        "-c",
        "core.hooksPath=/dev/null",
        "clone",
        "--depth=1",
        "--single-branch",
        "--no-tags",
        "--quiet",
        "--",
        url,
        str(target),
    ]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"}
    env.pop("GIT_SSH_COMMAND", None)

    def limits() -> None:  # runs in the child: no single file over the total limit
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    proc = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
        preexec_fn=limits,
    )
    problem = _watch(proc, target, max_bytes, seconds)
    if problem is not None:
        raise ImportProblem(shown(url), problem)
    if proc.returncode != 0:
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        lines = [x for x in err.splitlines() if x.strip()]
        first = shown(lines[-1].strip())[:200] if lines else f"exit {proc.returncode}"
        raise ImportProblem(shown(url), f"git clone failed: {first}")


def _watch(
    proc: subprocess.Popen[bytes], target: Path, max_bytes: int, seconds: float
) -> str | None:
    """Wait for git; kill its process group over the deadline or the size limit."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None:
        problem = None
        if time.monotonic() > deadline:
            problem = f"git clone took over {seconds:g} s; stopped"
        elif _size(target) > max_bytes:
            problem = f"clone grew over the {_human(max_bytes)} limit; stopped"
        if problem is not None:
            _kill(proc)
            return problem
        time.sleep(0.1)
    if proc.returncode is not None and proc.returncode < 0 and -proc.returncode == signal.SIGXFSZ:
        return f"a file in the clone is over the {_human(max_bytes)} limit; stopped"
    return None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def _size(folder: Path) -> int:
    total = 0
    for base, _dirs, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(base, name)).st_size
            except OSError:
                continue
    return total


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB" if size >= 1024 * 1024 else f"{size} bytes"
