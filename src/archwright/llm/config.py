"""Which model to call and how carefully: `--llm PROVIDER:MODEL`, a config file, the environment.

Precedence: the command line, then the first config file found (`$ARCHWRIGHT_CONFIG`,
`./archwright.toml`, `$XDG_CONFIG_HOME/archwright/config.toml`), then defaults. Endpoints
follow each ecosystem's own variables (`OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`,
`OLLAMA_HOST`, ...). Keys come only from the environment: a config file that contains
one is refused, because config files get committed and shared.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archwright.llm.errors import NotConfigured
from archwright.llm.redact import url_credentials

if TYPE_CHECKING:
    from archwright.llm.client import LlmClient


@dataclass(frozen=True)
class ProviderKind:
    """How to reach one family of servers: wire protocol, endpoint and key variables."""

    name: str
    protocol: str  # "openai", "anthropic" or "ollama"
    base_url_env: str
    default_base_url: str
    key_env: str = ""
    key_required: bool = False
    local: bool = False  # runs on the user's machine: no price, no key


KINDS: dict[str, ProviderKind] = {
    k.name: k
    for k in (
        ProviderKind(
            "openai",
            "openai",
            "OPENAI_BASE_URL",
            "https://api.openai.com/v1",
            "OPENAI_API_KEY",
            key_required=True,
        ),
        ProviderKind(
            "azure",
            "openai",
            "AZURE_OPENAI_ENDPOINT",
            "",
            "AZURE_OPENAI_API_KEY",
            key_required=True,
        ),
        ProviderKind(
            "anthropic",
            "anthropic",
            "ANTHROPIC_BASE_URL",
            "https://api.anthropic.com",
            "ANTHROPIC_API_KEY",
            key_required=True,
        ),
        ProviderKind("ollama", "ollama", "OLLAMA_HOST", "http://127.0.0.1:11434", local=True),
        ProviderKind(
            "vllm",
            "openai",
            "VLLM_BASE_URL",
            "http://127.0.0.1:8000/v1",
            "VLLM_API_KEY",
            local=True,
        ),
        ProviderKind(
            "lmstudio", "openai", "LMSTUDIO_BASE_URL", "http://127.0.0.1:1234/v1", local=True
        ),
        ProviderKind(
            "llamacpp", "openai", "LLAMACPP_BASE_URL", "http://127.0.0.1:8080/v1", local=True
        ),
    )
}


@dataclass(frozen=True)
class ModelRef:
    provider: str
    model: str

    def __str__(self) -> str:
        return f"{self.provider}:{self.model}"


def parse_model_ref(text: str) -> ModelRef:
    """`openai:gpt-4o-mini` → ModelRef; the message lists the providers when it is wrong."""
    provider, sep, model = text.strip().partition(":")
    provider = provider.lower()
    if not sep or not model or provider not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise NotConfigured(
            f"--llm wants PROVIDER:MODEL with PROVIDER one of {known}; got {text!r}"
        )
    return ModelRef(provider, model)


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of transient failures: exponential backoff with full jitter, capped."""

    attempts: int = 3
    base_s: float = 0.5
    max_s: float = 20.0
    max_retry_after_s: float = 60.0


@dataclass(frozen=True)
class BreakerPolicy:
    failures: int = 5
    cooldown_s: float = 30.0


@dataclass(frozen=True)
class Endpoint:
    """Where one provider is reached and with which key (the value never leaves memory)."""

    base_url: str
    api_key: str = field(default="", repr=False)
    api_version: str = ""


def _home(env: Mapping[str, str]) -> Path:
    return Path(env["HOME"]) if env.get("HOME") else Path.home()


def _cache_home(env: Mapping[str, str]) -> Path:
    if env.get("ARCHWRIGHT_CACHE_DIR"):
        return Path(env["ARCHWRIGHT_CACHE_DIR"])
    base = env.get("XDG_CACHE_HOME") or str(_home(env) / ".cache")
    return Path(base) / "archwright"


@dataclass(frozen=True)
class LlmSettings:
    """Everything the LLM client needs for one run. `tiers[0]` is tried first."""

    tiers: tuple[ModelRef, ...]
    timeout_s: float = 60.0
    deadline_s: float = 180.0
    max_response_bytes: int = 2_000_000
    retry: RetryPolicy = RetryPolicy()
    breaker: BreakerPolicy = BreakerPolicy()
    budget_tokens: int | None = 200_000
    budget_usd: float | None = 1.0
    repair_attempts: int = 2
    cache: bool = True
    cache_dir: Path = Path(".")
    log_path: Path | None = None
    endpoints: dict[str, Endpoint] = field(default_factory=dict, repr=False)
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def endpoint(self, provider: str) -> Endpoint:
        return self.endpoints[provider]


_KEYS = {
    "model",
    "fallback",
    "timeout_seconds",
    "deadline_seconds",
    "max_response_bytes",
    "retries",
    "backoff_seconds",
    "backoff_max_seconds",
    "max_retry_after_seconds",
    "breaker_failures",
    "breaker_cooldown_seconds",
    "budget_tokens",
    "budget_usd",
    "repair_attempts",
    "cache",
    "cache_dir",
    "log",
    "providers",
}
_PROVIDER_KEYS = {"base_url", "api_key_env", "api_version"}


def find_config_file(env: Mapping[str, str], cwd: Path) -> Path | None:
    candidates = []
    if env.get("ARCHWRIGHT_CONFIG"):
        candidates.append(Path(env["ARCHWRIGHT_CONFIG"]))
    candidates.append(cwd / "archwright.toml")
    config_home = env.get("XDG_CONFIG_HOME") or str(_home(env) / ".config")
    candidates.append(Path(config_home) / "archwright" / "config.toml")
    return next((p for p in candidates if p.is_file()), None)


def read_config_file(path: Path) -> dict[str, Any]:
    """The `[llm]` table of a TOML file, with unknown keys and inline keys refused."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise NotConfigured(f"{path}: cannot read config ({exc})") from None
    table = data.get("llm", {})
    if not isinstance(table, dict):
        raise NotConfigured(f"{path}: [llm] must be a table")
    for key in sorted(table):
        if key not in _KEYS:
            raise NotConfigured(f"{path}: llm.{key}: unknown setting")
    providers = table.get("providers", {})
    for name, sub in sorted(providers.items()):
        if name not in KINDS or not isinstance(sub, dict):
            raise NotConfigured(f"{path}: llm.providers.{name}: unknown provider")
        for key in sorted(sub):
            if key == "api_key":
                raise NotConfigured(
                    f"{path}: llm.providers.{name}.api_key: keys are read from the environment "
                    "only; set api_key_env to the name of the variable instead"
                )
            if key not in _PROVIDER_KEYS:
                raise NotConfigured(f"{path}: llm.providers.{name}.{key}: unknown setting")
    return table


def load_settings(
    llm: str | None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    config_file: Path | None = None,
) -> LlmSettings | None:
    """Settings for this run, or None when no model was chosen anywhere (offline mode)."""
    env = dict(os.environ) if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    path = config_file or find_config_file(env, cwd)
    table = read_config_file(path) if path else {}
    chosen = llm or table.get("model")
    if not chosen:
        return None
    first = parse_model_ref(str(chosen))
    fallback = [parse_model_ref(str(t)) for t in table.get("fallback", [])]
    tiers = _with_cheaper(first, fallback)
    providers_cfg: dict[str, Any] = table.get("providers", {})
    endpoints: dict[str, Endpoint] = {}
    secrets: list[str] = []
    for ref in tiers:
        if ref.provider in endpoints:
            continue
        endpoints[ref.provider], key = _endpoint(
            ref.provider, providers_cfg.get(ref.provider, {}), env
        )
        secrets.extend(s for s in (key, *url_credentials(endpoints[ref.provider].base_url)) if s)
    try:
        settings = LlmSettings(
            tiers=tiers,
            timeout_s=_bounded(table, "timeout_seconds", 60.0, 0.01, 3600.0),
            deadline_s=_bounded(table, "deadline_seconds", 180.0, 0.01, 86_400.0),
            max_response_bytes=int(
                _bounded(table, "max_response_bytes", 2_000_000, 1_000, 64_000_000)
            ),
            retry=RetryPolicy(
                attempts=1 + max(0, int(table.get("retries", 2))),
                base_s=float(table.get("backoff_seconds", 0.5)),
                max_s=float(table.get("backoff_max_seconds", 20.0)),
                max_retry_after_s=float(table.get("max_retry_after_seconds", 60.0)),
            ),
            breaker=BreakerPolicy(
                failures=int(table.get("breaker_failures", 5)),
                cooldown_s=float(table.get("breaker_cooldown_seconds", 30.0)),
            ),
            budget_tokens=_optional_int(table.get("budget_tokens", 200_000)),
            budget_usd=_optional_float(table.get("budget_usd", 1.0)),
            repair_attempts=int(table.get("repair_attempts", 2)),
            cache=bool(table.get("cache", True)),
            cache_dir=Path(table["cache_dir"]) if "cache_dir" in table else _cache_home(env),
            log_path=Path(table["log"]) if "log" in table else _cache_home(env) / "llm-calls.jsonl",
            endpoints=endpoints,
            secrets=tuple(secrets),
        )
    except (TypeError, ValueError) as exc:
        raise NotConfigured(f"{path}: bad [llm] setting ({exc})") from None
    return settings


def _bounded(table: Mapping[str, Any], key: str, default: float, low: float, high: float) -> float:
    """A finite number within [low, high]; TOML allows inf and nan, which no limit survives."""
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"llm.{key} must be a number")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"llm.{key} must be between {low:g} and {high:g}, not {value}")
    return number


def _optional_int(value: Any) -> int | None:
    return None if value in (None, 0, False) else int(value)


def _optional_float(value: Any) -> float | None:
    return None if value in (None, 0, False) else float(value)


def _with_cheaper(first: ModelRef, fallback: list[ModelRef]) -> tuple[ModelRef, ...]:
    """The chosen model, the configured fallbacks, else the cheaper model the price list names."""
    if fallback:
        tiers = [first, *fallback]
    else:
        from archwright.llm.pricing import cheaper_model

        cheaper = cheaper_model(first.provider, first.model)
        tiers = [first] if cheaper is None else [first, replace(first, model=cheaper)]
    unique: list[ModelRef] = []
    for ref in tiers:
        if ref not in unique:
            unique.append(ref)
    return tuple(unique)


def _endpoint(
    provider: str, cfg: Mapping[str, Any], env: Mapping[str, str]
) -> tuple[Endpoint, str]:
    kind = KINDS[provider]
    base = env.get(kind.base_url_env) or str(cfg.get("base_url", "")) or kind.default_base_url
    if not base:
        raise NotConfigured(f"{provider}: set {kind.base_url_env} to the endpoint URL")
    if kind.protocol == "ollama" and "://" not in base:
        base = f"http://{base}"  # OLLAMA_HOST is often given as host:port
    key_env = str(cfg.get("api_key_env", kind.key_env))
    key = env.get(key_env, "") if key_env else ""
    if kind.key_required and not key:
        raise NotConfigured(
            f"{provider}: set {key_env} in the environment (keys are never read from files)"
        )
    version = str(cfg.get("api_version", "")) or env.get("OPENAI_API_VERSION", "")
    return Endpoint(base.rstrip("/"), key, version), key


def open_client(llm: str | None) -> LlmClient | None:
    """The client for `--llm` (or the config file's model), or None when none is chosen.

    Raises NotConfigured with a one-line reason when the choice cannot work (unknown
    provider, missing key variable); commands print it as bad input. Here, beside the
    settings, so that a command run without a model (review, design) does not import
    the client's stack (sqlite cache, pricing, providers) to learn there is none.
    """
    settings = load_settings(llm)
    if settings is None:
        return None
    from archwright.llm.client import LlmClient

    return LlmClient(settings)
