"""Issue 17, LLM transport: a hostile server costs a bounded time and memory, never a traceback.

Every case runs the real CLI in a fresh process against a real server on 127.0.0.1 that
misbehaves in one way, and checks that the command falls back to the built-in path
with exit 0, says so in one line, and never prints a traceback.

That a dripping server cannot hold a command is shown by the client's own accounting,
not by the wall clock (which at a load of 13 mostly measures the neighbours): the run ends
within the harness's timeout (a drip never ends on its own), and the time each attempt
was allowed, as its "timed out after" says, is at most the exchange's timeout, and adds
up to no more than the command's deadline. Each attempt is given min(timeout, time left)
and a dripping server uses all of it, so attempt k + 1 starts at least that much later:
the sum cannot pass the deadline on any machine, however loaded.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
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
HARNESS_S = 60.0  # a dripping server with no total deadline holds a call for ever
ALLOWED = re.compile(r"timed out after ([0-9.]+)s")


def _model(provider: str) -> str:
    return MODEL.get(provider, "ollama:llama3")


def _assert_fell_back(stderr: str) -> None:
    assert "Traceback" not in stderr
    notes = [line for line in stderr.splitlines() if line.startswith("archwright:")]
    assert len(notes) == 1 and "LLM not used" in notes[0], stderr
    assert len(stderr.splitlines()) == 1, stderr


def _patient(env: dict[str, str]) -> dict[str, str]:
    """The same settings with a 20 s command deadline instead of 2 s."""
    config = Path(env["ARCHWRIGHT_CONFIG"])
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("deadline_seconds = 2.0", "deadline_seconds = 20.0"), "utf-8")
    return env


def _unhurried(env: dict[str, str]) -> dict[str, str]:
    """`_patient`, and each exchange given 20 s instead of 1 s: for a server that answers
    at once, so that what its body is, not how busy the machine is, ends the exchange.
    With 1 s, at a load of 12 the gzip bomb's exchange timed out (4 runs of 4) before the
    client had inflated the 2 MB that trip the limit, and the fall-back named the time."""
    config = Path(_patient(env)["ARCHWRIGHT_CONFIG"])
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("timeout_seconds = 1.0", "timeout_seconds = 20.0"), "utf-8")
    return env


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

# The one line names what was wrong with the body, so the fall-back is for that reason.
REASON = {
    "gzip-label-on-plain-body": "does not match its content-encoding",
    "100k-deep-json": "nested 100,000 levels deep",
    "5000-digit-integer": "an integer of 5,000 digits",
    "not-utf8": "non-UTF-8 body",
    "nan-in-body": "NaN is not a JSON number",
}


@pytest.mark.parametrize("provider", PROVIDERS)
@pytest.mark.parametrize("case", sorted(DECODING))
def test_decoding_errors_fall_back_in_one_line(provider: str, case: str, tmp_path: Path) -> None:
    """The server answers at once, so the command's deadline is long: with 2 s, a loaded
    machine ran it out before the first call and the fall-back never met the body."""
    with serving(DECODING[case]) as server:
        env = _patient(provider_env(provider, server.url, tmp_path))
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model(provider), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert server.hits >= 1, "the hostile body was never asked for"
    assert REASON[case] in run.stderr, run.stderr
    assert "## Answer" not in run.stdout


@pytest.mark.parametrize("content", ["[" * 100_000, '{"a": ' + "1" * 5000 + "}"])
def test_a_hostile_answer_inside_a_good_envelope_is_an_invalid_answer(
    content: str, tmp_path: Path
) -> None:
    """The envelope decodes; the model's text is the 100k-deep or huge-number JSON."""
    with serving(body_reply(answer_body("openai", content))) as server:
        env = _patient(provider_env("openai", server.url, tmp_path))
        run = run_cli("review", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path)
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert server.hits >= 1, "the hostile answer was never asked for"
    assert run.stdout.startswith("# Architecture review")


@pytest.mark.parametrize(
    ("name", "behaviour"),
    [("body", drip(0.3)), ("headers", drip(0.3, in_headers=True))],
)
def test_a_dripping_server_cannot_hold_review_past_the_deadline(
    name: str, behaviour: Behaviour, tmp_path: Path
) -> None:
    """One byte every 0.3 s never trips a per-read timeout; the exchange's total one does.

    The command's deadline is long here (the deadline counts from the client's creation,
    and at a load of 13 the review used all 2 s of it before the first call, so the
    drip was never reached); the next test holds it to 2 s in process.
    """
    with serving(behaviour) as server:
        env = _patient(provider_env("openai", server.url, tmp_path))
        run = run_cli("review", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path)
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert run.stdout.startswith("# Architecture review")
    log = tmp_path / "cache" / "llm-calls.jsonl"
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    _assert_within_the_deadline(records, name, 20.0)
    assert server.hits == len(_allowances(records)), (server.hits, records)


def _allowances(records: list[dict[str, object]]) -> list[float]:
    """The seconds each attempt was given, from its "timed out after" error."""
    out = []
    for record in records:
        if record["outcome"] == "transient_error":
            found = ALLOWED.search(str(record["error"]))
            assert found, record
            out.append(float(found.group(1)))
    return out


def _assert_within_the_deadline(
    records: list[dict[str, object]], name: str, deadline: float
) -> list[float]:
    """Every attempt timed out within the exchange's 1 s, and all within the deadline.

    Each figure is printed to 0.1 s, hence the 0.05 s of slack per attempt.
    """
    allowed = _allowances(records)
    assert allowed, f"{name}: the server was never called: {records}"
    assert max(allowed) <= 1.0 + 0.05, f"{name}: {allowed}"
    assert sum(allowed) <= deadline + 0.05 * len(allowed), f"{name}: {allowed}"
    outcomes = {r["outcome"] for r in records}
    assert outcomes <= {"transient_error", "deadline_exceeded"}, f"{name}: {records}"
    return allowed


def test_a_100_mb_answer_is_not_buffered_nor_printed(tmp_path: Path) -> None:
    with serving(flood(100_000_000)) as server:
        env = _patient(provider_env("openai", server.url, tmp_path))
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert "over the 2.0 MB limit" in run.stderr
    assert len(run.stdout) < 100_000
    assert run.max_mb < 300, f"peak {run.max_mb} MB"


def test_a_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    """50 MB that gzip packs into about 50 KB: the client refuses it for its inflated
    size (the 2 MB limit), once, with no retry (a body that is too large is bad output,
    not a passing fault). No clock decides it: the exchange is given 20 s, so neither
    its timeout nor the command's deadline can end it first on a loaded machine."""
    bomb = gzip.compress(b'{"choices": [{"message": {"content": "' + b"a" * 50_000_000 + b'"}}]}')
    assert len(bomb) < 2_000_000 / 10  # under the limit as sent: only the inflated body trips it
    behaviour = body_reply(bomb, **{"content-encoding": "gzip"})
    with serving(behaviour) as server:
        env = _unhurried(provider_env("openai", server.url, tmp_path))
        run = run_cli(
            "prompt", "caching", str(ARCH), "--llm", _model("openai"), env=env, cwd=tmp_path
        )
    assert run.code == 0, run.stderr
    _assert_fell_back(run.stderr)
    assert run.stderr.endswith("sent an answer over the 2.0 MB limit"), run.stderr
    assert server.hits == 1, server.hits  # one tier, and bad output is not retried
    assert run.max_mb < 300, f"peak {run.max_mb} MB"


def test_a_good_answer_still_arrives(tmp_path: Path) -> None:
    """The bounds do not get in the way of a server that behaves."""
    with serving(body_reply(answer_body("openai", "Use a cache."))) as server:
        env = _patient(provider_env("openai", server.url, tmp_path))
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
        raised: list[BaseException] = []

        def call() -> None:
            try:
                client.complete(Request((Message("user", "hello"),)))
            except BaseException as exc:  # handed to the test thread
                raised.append(exc)
            finally:
                client.close()  # its cache's SQLite handle belongs to this thread

        caller = threading.Thread(target=call, daemon=True)
        caller.start()
        caller.join(HARNESS_S)
        if caller.is_alive():
            pytest.fail(f"a dripping server held the call for over {HARNESS_S:g} s")
    assert len(raised) == 1 and isinstance(raised[0], (DeadlineExceeded, AllTiersFailed)), raised
    records = client.log.records
    allowed = _assert_within_the_deadline(records, "retries and tiers", DEADLINE_S)
    assert server.hits == len(allowed), (server.hits, records)
    # Without the deadline: 4 attempts, 4 s. With it: at most 2, since the first takes
    # 1 s of the 2 and the second is given what is left (fewer on a loaded machine).
    assert len(allowed) <= 2, records
