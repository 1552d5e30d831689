"""The `--llm PROVIDER:MODEL` option shared by design, review and prompt."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archwright.llm import LlmClient

LLM_HELP = (
    "PROVIDER:MODEL, e.g. openai:gpt-4o-mini, anthropic:claude-3-5-haiku-latest, "
    "ollama:llama3 (or set a model in archwright.toml; see docs/llm.md)."
)


def client_for(llm: str | None) -> LlmClient | None:
    """The client for --llm or the config file; None when no model is chosen anywhere.

    A choice that cannot work (unknown provider, key variable unset, bad config file) is
    bad input: one line on stderr, exit 2.
    """
    from archwright.cli.errors import BadInput
    from archwright.llm import NotConfigured, open_client

    try:
        return open_client(llm)
    except NotConfigured as exc:
        raise BadInput(str(exc)) from None


def usage_note(client: LlmClient | None) -> str:
    """' (2 calls, 1,234 tokens, $0.0012)' for the one-line note, or '' without a client."""
    if client is None:
        return ""
    u = client.usage_summary()
    hits = f", {u['cache_hits']} cached" if u["cache_hits"] else ""
    return f" ({u['calls']} calls{hits}, {u['tokens']:,} tokens, ${u['cost_usd']:.4f})"
