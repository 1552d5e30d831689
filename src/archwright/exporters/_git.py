"""Turn an exported folder into a git repository and push it, with the local `git`.

No hosted API: `git init`, one commit by an author taken from a flag or the user's git
configuration, and a push to whatever URL `git` understands (file://, ssh, https). A URL
may carry credentials (`https://user:token@host/x.git`); they are never printed, never
stored in `.git/config` (the remote is saved without them) and are scrubbed from git's
own error messages before those reach the user.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_AUTHOR = re.compile(r"^\s*([^<>\n]+?)\s*<([^<>\s]+@[^<>\s]+)>\s*$")
_TIMEOUT = 120


class GitError(Exception):
    """git is missing or refused; the message is safe to print."""


@dataclass(frozen=True)
class Author:
    name: str
    email: str


def redact_url(url: str) -> str:
    """The URL without user or password: `https://u:t@h/x` → `https://h/x`."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _git(args: list[str], cwd: Path, env: dict[str, str] | None = None, secret: str = "") -> str:
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish in {_TIMEOUT} s") from None
    if done.returncode != 0:
        message = (done.stderr.strip() or done.stdout.strip()).splitlines()
        text = message[-1] if message else f"exit code {done.returncode}"
        if secret:
            text = text.replace(secret, redact_url(secret))
        raise GitError(f"git {args[0]} failed: {text}")
    return done.stdout.strip()


def parse_author(text: str) -> Author:
    """`Name <email>` from a flag."""
    match = _AUTHOR.match(text)
    if not match:
        raise GitError(f"--author {text!r}: expected 'Name <email>'")
    return Author(match.group(1), match.group(2))


def configured_author(cwd: Path) -> Author:
    """user.name and user.email from the user's git configuration."""
    try:
        name = _git(["config", "user.name"], cwd)
        email = _git(["config", "user.email"], cwd)
    except GitError:
        raise GitError(
            "no commit author: set git config user.name and user.email, or pass --author"
        ) from None
    return Author(name, email)


def init_and_commit(folder: Path, author: Author, message: str) -> str:
    """`git init` the folder (which must not be a repository yet), commit everything;
    returns the commit id."""
    if (folder / ".git").exists():
        raise GitError(f"{folder} is already a git repository")
    env = {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
    }
    _git(["init", "--quiet", "--initial-branch=main"], folder)
    _git(["add", "--all"], folder)
    _git(["commit", "--quiet", "--no-gpg-sign", "-m", message], folder, env)
    return _git(["rev-parse", "HEAD"], folder)


def push(folder: Path, remote_url: str) -> str:
    """Push `main` to the URL; `origin` is recorded without credentials. Returns the
    URL as it may be shown."""
    shown = redact_url(remote_url)
    if remote_url.startswith("-"):
        raise GitError(f"--push {shown!r}: not a repository URL")
    _git(["push", "--quiet", "--", remote_url, "HEAD:refs/heads/main"], folder, secret=remote_url)
    _git(["remote", "add", "origin", shown], folder)
    return shown
