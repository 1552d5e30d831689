"""Keys stay in the environment: never in errors, logs, caches; config files may not hold them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from llm_wire import ANTHROPIC_SECRET, SECRET, Harness, Reply, openai_reply, run_cli

from archwright.llm import (
    AllTiersFailed,
    Message,
    NotConfigured,
    Redactor,
    Request,
    load_settings,
    parse_model_ref,
)


def test_forced_errors_never_leak_the_key(
    harness: Harness, all_output_files: Callable[[], list[Path]]
) -> None:
    echo = f"Incorrect API key provided: {SECRET}. Header was Bearer {SECRET}"
    harness.server.script(
        Reply(500, {"error": {"message": echo}}),
        Reply(401, {"error": {"message": echo}}),
        Reply(429, {"error": {"message": echo}}, {"retry-after": "0"}),
        Reply(401, {"error": {"message": f"bad x-api-key {ANTHROPIC_SECRET}"}}),
        openai_reply(f"here is your key back: {SECRET}"),
    )
    client = harness.client("openai:gpt-4o-mini", fallback=["anthropic:claude-3-5-haiku"])
    with pytest.raises(AllTiersFailed) as info:
        client.complete(Request((Message("user", "hello"),)))
    answer = client.complete(Request((Message("user", "again"),)))
    client.close()
    assert answer.text == "here is your key back: [secret]"  # redacted as it arrives
    texts = [str(info.value), repr(client.settings), *map(str, client.log.records)]
    assert "HTTP 401" in str(info.value)
    files = all_output_files()
    assert any(p.name == "llm-calls.jsonl" for p in files)
    assert any(p.name == "llm-cache.sqlite3" for p in files)
    for path in files:
        if path.name != "archwright.toml":
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    for text in texts:
        assert SECRET not in text
        assert ANTHROPIC_SECRET not in text


def test_config_file_with_a_key_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "archwright.toml"
    config.write_text(
        '[llm]\nmodel = "openai:gpt-4o"\n[llm.providers.openai]\napi_key = "sk-live-123456789"\n'
    )
    with pytest.raises(NotConfigured, match="keys are read from the environment only") as info:
        load_settings(None, env={"OPENAI_API_KEY": "x" * 20}, cwd=tmp_path)
    assert "sk-live-123456789" not in str(info.value)


def test_missing_key_names_the_variable_not_a_value(tmp_path: Path) -> None:
    with pytest.raises(NotConfigured, match="set OPENAI_API_KEY in the environment"):
        load_settings("openai:gpt-4o", env={}, cwd=tmp_path)


def test_key_variable_can_be_renamed_in_config(tmp_path: Path) -> None:
    (tmp_path / "archwright.toml").write_text(
        '[llm]\n[llm.providers.azure]\napi_key_env = "MY_AZURE_KEY"\n'
        'base_url = "https://example.openai.azure.com"\n'
    )
    settings = load_settings("azure:gpt-4o", env={"MY_AZURE_KEY": "k" * 32}, cwd=tmp_path)
    assert settings is not None
    assert settings.endpoint("azure").api_key == "k" * 32
    assert "k" * 32 not in repr(settings)


def test_no_model_anywhere_means_offline(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "none"), "HOME": str(tmp_path)}
    assert load_settings(None, env=env, cwd=tmp_path) is None


@pytest.mark.parametrize("text", ["gpt-4o", "skynet:gpt", "openai:", ""])
def test_bad_model_refs_list_the_providers(text: str) -> None:
    with pytest.raises(NotConfigured, match="PROVIDER one of anthropic, azure"):
        parse_model_ref(text)


def test_ollama_host_without_scheme_is_accepted(tmp_path: Path) -> None:
    settings = load_settings("ollama:llama3", env={"OLLAMA_HOST": "gpu-box:11434"}, cwd=tmp_path)
    assert settings is not None
    assert settings.endpoint("ollama").base_url == "http://gpu-box:11434"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jane.doe@example.com now", "mail [email] now"),
        ("call +44 20 7946 0958 today", "call [phone] today"),
        ("card 4111 1111 1111 1111 ok", "card [card] ok"),
        ("order 1234567890123 ok", "order 1234567890123 ok"),  # fails Luhn: not a card
        ("key sk-abcdefghijklmnop1234", "key [secret]"),
        ("Authorization: Bearer abc.def.ghijkl", "Authorization: Bearer [secret]"),
        ('{"api_key": "zzzzzzzzzz"}', '{"api_key": "[secret]"}'),
        ("99.95% availability at 2000 rps", "99.95% availability at 2000 rps"),
    ],
)
def test_redaction(text: str, expected: str) -> None:
    assert Redactor()(text) == expected


def test_redactor_removes_exact_secret_values_of_any_shape() -> None:
    assert Redactor(["plainPassw0rdValue"])("x plainPassw0rdValue y") == "x [secret] y"


def test_cli_output_never_shows_the_key_when_the_provider_fails(
    harness: Harness, all_output_files: Callable[[], list[Path]]
) -> None:
    echo = {"error": {"message": f"Incorrect API key provided: {SECRET}"}}
    harness.server.default = Reply(401, echo)
    arch = str(Path(__file__).resolve().parents[2] / "examples" / "three_tier.yaml")
    res = run_cli("prompt", "caching", arch, "--llm", "openai:gpt-4o", env=harness.env(),
                  cwd=harness.tmp)  # fmt: skip
    assert res.returncode == 0  # the prompt is still printed
    assert res.stdout.startswith("# Caching strategy")
    assert res.stderr.startswith("archwright: LLM not used: openai:gpt-4o: HTTP 401 from 127.0.0.1")
    assert "Incorrect API key provided: [secret]" in res.stderr
    outputs = [res.stdout, res.stderr]
    outputs += [p.read_bytes().decode("utf-8", "replace") for p in all_output_files()]
    assert all(SECRET not in text for text in outputs)
    assert any(p.name == "llm-calls.jsonl" for p in all_output_files())
