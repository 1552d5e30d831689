"""Issue 17, secrets: no key and no URL credential reaches any output, in any encoding.

The server echoes the key back in every shape we have seen leak: plain, `Bearer sk-...`
inside an answer, URL-encoded (`sk%2D...`, once and twice), and the credentials of
`OPENAI_BASE_URL=http://user:pass@host`. stdout, stderr, the review markdown, the call
log and the cache are all searched; the cache and log must be 0600 in a 0700 folder.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from urllib.parse import quote

import pytest
from llm_servers import ARCH, KEY, answer_body, body_reply, provider_env, run_cli, serving

from archwright.archfile import load_architecture
from archwright.audit import audit

USER, PASSWORD = "alice", "hunter2-correct-horse"


def _echoes() -> str:
    encoded = quote(KEY, safe="").replace("-", "%2D")
    return (
        f"Bearer {KEY} | {encoded} | {encoded.lower()} | {quote(encoded, safe='')} | "
        f"http://{USER}:{PASSWORD}@127.0.0.1/v1 | {PASSWORD}"
    )


FORBIDDEN = (
    KEY,
    KEY.removeprefix("sk-"),
    quote(KEY, safe="").replace("-", "%2D"),
    PASSWORD,
    f"{USER}:",
)


def _review_answer() -> str:
    findings = audit(load_architecture(ARCH)).active
    point = {
        "title": "Leaky point",
        "findings": [findings[0].rule_id],
        "targets": [],
        "why_it_matters": f"because {_echoes()}",
        "recommendation": "rotate the key",
        "priority": "high",
    }
    review = {"summary": f"summary {_echoes()}", "points": [point], "open_questions": [_echoes()]}
    return json.dumps(review)


def _everything(tmp: Path, *texts: str) -> list[tuple[str, str]]:
    found = [(f"output {i}", text) for i, text in enumerate(texts)]
    for path in sorted(tmp.rglob("*")):
        if path.is_file() and path.name != "archwright.toml":
            found.append((str(path), path.read_bytes().decode("utf-8", "replace")))
    return found


def _assert_clean(places: list[tuple[str, str]]) -> None:
    for where, text in places:
        for secret in FORBIDDEN:
            assert secret not in text, f"{secret!r} in {where}"


# The server answers at once, so a generous deadline costs nothing here; the short one in
# `provider_env` is for the transport tests and runs out on a loaded machine before the
# review has finished its audit.
PATIENT = "[llm]\ntimeout_seconds = 30.0\ndeadline_seconds = 120.0\nretries = 1\n"


def _env(tmp: Path, url: str) -> dict[str, str]:
    env = provider_env("openai", url, tmp)
    Path(env["ARCHWRIGHT_CONFIG"]).write_text(PATIENT, encoding="utf-8")
    host = url.removeprefix("http://")
    env["OPENAI_BASE_URL"] = f"http://{USER}:{PASSWORD}@{host}/v1"
    return env


@pytest.mark.parametrize("command", ["prompt", "review"])
def test_an_answer_echoing_the_key_is_redacted_everywhere(command: str, tmp_path: Path) -> None:
    content = _review_answer() if command == "review" else f"Your key: {_echoes()}"
    with serving(body_reply(answer_body("openai", content))) as server:
        env = _env(tmp_path, server.url)
        args = ["prompt", "caching"] if command == "prompt" else ["review"]
        run = run_cli(*args, str(ARCH), "--llm", "openai:gpt-4o-mini", env=env, cwd=tmp_path)
        again = run_cli(*args, str(ARCH), "--llm", "openai:gpt-4o-mini", env=env, cwd=tmp_path)
    assert run.code == 0 and again.code == 0, run.stderr
    assert "[secret]" in run.stdout
    assert "(cached)" in again.stderr or command == "review"
    files = [p.name for p in tmp_path.rglob("*") if p.is_file()]
    assert "llm-calls.jsonl" in files and "llm-cache.sqlite3" in files
    _assert_clean(_everything(tmp_path, run.stdout, run.stderr, again.stdout, again.stderr))


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_an_error_echoing_credentials_is_redacted_in_stderr_markdown_and_log(
    fmt: str, tmp_path: Path
) -> None:
    body = json.dumps({"error": {"message": f"bad key {_echoes()}"}}).encode()
    with serving(body_reply(body, status=401)) as server:
        env = _env(tmp_path, server.url)
        run = run_cli(
            "review",
            str(ARCH),
            "--llm",
            "openai:gpt-4o-mini",
            "--format",
            fmt,
            env=env,
            cwd=tmp_path,
        )
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    _assert_clean(_everything(tmp_path, run.stdout, run.stderr))
    log = (tmp_path / "cache" / "llm-calls.jsonl").read_text(encoding="utf-8")
    assert '"host": "127.0.0.1:' in log


def test_cache_and_log_are_private(tmp_path: Path) -> None:
    with serving(body_reply(answer_body("openai", "fine"))) as server:
        env = provider_env("openai", server.url, tmp_path)
        Path(env["ARCHWRIGHT_CONFIG"]).write_text(PATIENT, encoding="utf-8")
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", "openai:gpt-4o-mini", env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    assert run.stdout.rstrip().endswith("fine"), "the answer was cached, not only looked up"
    folder = tmp_path / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    made = sorted(folder.iterdir())
    assert {p.name for p in made} >= {"llm-cache.sqlite3", "llm-calls.jsonl"}
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
