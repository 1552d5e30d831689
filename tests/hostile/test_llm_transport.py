"""Issue 17, LLM transport: a hostile server costs a bounded time and memory, never a traceback.

Every case runs the real CLI in a fresh process against a real server on 127.0.0.1 that
misbehaves in one way, and checks that the command falls back to the built-in path
with exit 0, says so in one line, finishes within the configured deadline (2 s here)
plus start-up, and never prints a traceback.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest
from llm_servers import (
    ARCH,
    Behaviour,
    answer_body,
    body_reply,
    drip,
    flood,
    provider_env,
    run_cli,
    serving,
)

from archwright.llm import (
    AllTiersFailed,
    DeadlineExceeded,
    LlmClient,
    Message,
    Request,
    load_settings,
)

PROVIDERS = ("openai", "anthropic", "ollama")
MODEL = {"openai": "openai:gpt-4o-mini", "anthropic": "anthropic:claude-3-5-haiku-latest"}
DEADLINE_S = 2.0
START_UP_S = 8.0  # interpreter, imports and the audit on a loaded 2-core machine


def _model(provider: str) -> str:
    return MODEL.get(provider, "ollama:llama3")


def _assert_fell_back(stderr: str) -> None:
    assert "Traceback" not in stderr
    notes = [line for line in stderr.splitlines() if line.startswith("archwright:")]
    assert len(notes) == 1 and "LLM not used" in notes[0], stderr
    assert len(stderr.splitlines()) == 1, stderr


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


DECODING = {
    "gzip-label-on-plain-body": body_reply(b'{"choices": []}', **{"content-encoding": "gzip"}),
    "100k-deep-json": body_reply(_deep(100_000)),
    "5000-digit-integer": body_reply(
        b'{"choices": [{"message": {"content": "x"}}], "usage": {"prompt_tokens": '
        + b"9" * 5000
        + b"}}"
    ),
    "not-utf8": body_reply(b'{"choices": "\xff\xfe"}'),
    "nan-in-body": body_reply(b'{"choices": [{"message": {"content": NaN}}]}'),
}


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("case", sorted(DECODING))
def test_decoding_errors_fall_back_in_one_line(provider: str, case: str, tmp_path: Path) -> None:
    with serving(DECODING[case]) as server:
        env = provider_env(provider, server.url, tmp_path)
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model(provider), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert "## Answer" not in run.stdout


@pytest.mark.parametrize("content", ["[" * 100_000, '{"a": ' + "1" * 5000 + "}"])
def test_a_hostile_answer_inside_a_good_envelope_is_an_invalid_answer(
    content: str, tmp_path: Path
) -> None:
    """The envelope decodes; the model's text is the 100k-deep or huge-number JSON."""
    with serving(body_reply(answer_body("openai", content))) as server:
        env = provider_env("openai", server.url, tmp_path)
        run = run_cli("review", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path)
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert run.stdout.startswith("# Architecture review")


@pytest.mark.parametrize(
    ("name", "behaviour"),
    [("body", drip(0.3)), ("headers", drip(0.3, in_headers=True))],
)
def test_a_dripping_server_cannot_hold_review_past_the_deadline(
    name: str, behaviour: Behaviour, tmp_path: Path
) -> None:
    """One byte every 0.3 s never trips a per-read timeout; the total deadline does."""
    with serving(behaviour) as server:
        env = provider_env("openai", server.url, tmp_path)
        run = run_cli("review", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path)
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert run.seconds < DEADLINE_S + START_UP_S, f"{name}: {run.seconds:.1f}s"
    assert run.stdout.startswith("# Architecture review")


def test_a_100_mb_answer_is_not_buffered_nor_printed(tmp_path: Path) -> None:
    with serving(flood(100_000_000)) as server:
        env = provider_env("openai", server.url, tmp_path)
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert "over the 2.0 MB limit" in run.stderr
    assert len(run.stdout) < 100_000
    assert run.max_mb < 300, f"peak {run.max_mb} MB"


def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    bomb = gzip.compress(b'{"choices": [{"message": {"content": "' + b"a" * 50_000_000 + b'"}}]}')
    behaviour = body_reply(bomb, **{"content-encoding": "gzip"})
    with serving(behaviour) as server:
        env = provider_env("openai", server.url, tmp_path)
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert run.max_mb < 300, f"peak {run.max_mb} MB"


def test_a_good_answer_still_arrives(tmp_path: Path) -> None:
    """The bounds do not get in the way of a server that behaves."""
    with serving(body_reply(answer_body("openai", "Use a cache."))) as server:
        env = provider_env("openai", server.url, tmp_path)
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    assert run.stdout.rstrip().endswith("Use a cache.")
    assert run.stderr.startswith("archwright: answer from openai:gpt-4o-mini")


def test_the_command_deadline_bounds_retries_and_tiers_together(tmp_path: Path) -> None:
    """Two tiers × two attempts × 1 s would be 4 s; the 2 s command deadline stops it."""
    with serving(drip(0.2)) as server:
        env = provider_env("openai", server.url, tmp_path)
        settings = load_settings("openai:gpt-4o", env=env, cwd=tmp_path)
        assert settings is not None and len(settings.tiers) == 2
        client = LlmClient(settings)
        started = time.monotonic()
        with pytest.raises((DeadlineExceeded, AllTiersFailed)):
            client.complete(Request((Message("user", "hello"),)))
        elapsed = time.monotonic() - started
        client.close()
    assert elapsed < DEADLINE_S + 0.5, f"{elapsed:.2f}s"
    assert server.hits <= 3
    outcomes = [r["outcome"] for r in client.log.records]
    # Without the deadline: 4 attempts. With it: at most 2 (fewer on a loaded machine).
    assert 1 <= outcomes.count("transient_error") <= 2, client.log.records
