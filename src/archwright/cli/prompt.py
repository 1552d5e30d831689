"""`archwright prompt NAME ARCH`: a prompt of the library, filled from an architecture."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.llm_option import LLM_HELP


def command(
    name: str | None = typer.Argument(None, help="Prompt name (see --list)."),
    arch_path: Path | None = typer.Argument(None, metavar="ARCH", help="Architecture file."),
    list_all: bool = typer.Option(False, "--list", help="List the prompts and exit."),
    ask: str | None = typer.Option(None, "--ask", help="A question to add (quoted as data)."),
    llm: str | None = typer.Option(None, "--llm", help="Send the prompt to a model: " + LLM_HELP),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Print a filled prompt for any chat model; with --llm, send it and print the answer.

    Works with no provider configured: the prompt is printed for you to paste.
    """
    import sys

    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("text", "json"):
            raise BadInput(f"--format must be text or json, not {fmt!r}")
        from archwright.llm.library import UnknownPrompt, prompt_spec, prompt_specs, render_prompt

        if list_all:
            specs = prompt_specs()
            if fmt == "json":
                print_json(
                    {
                        "prompts": [
                            {"name": s.name, "title": s.title, "summary": s.summary} for s in specs
                        ]
                    }
                )
            else:
                width = max(len(s.name) for s in specs)
                for s in specs:
                    print(f"{s.name:<{width}}  {s.summary}")
            return
        if name is None or arch_path is None:
            raise BadInput("give a prompt NAME and an ARCH file, or --list")
        from archwright.archfile import load_architecture

        try:
            spec = prompt_spec(name)
        except UnknownPrompt as exc:
            raise BadInput(exc.message) from None
        arch = load_architecture(arch_path)
        text = render_prompt(spec.name, arch, ask)
        answer, note = _send(text, llm)
    if fmt == "json":
        print_json(
            {"name": spec.name, "title": spec.title, "prompt": text, "answer": answer, "llm": note}
        )
        return
    sys.stdout.write(text)
    if answer is not None:
        sys.stdout.write("\n---\n\n## Answer\n\n" + answer.rstrip() + "\n")
    print(f"archwright: {note['message']}", file=sys.stderr)


def _send(text: str, llm: str | None) -> tuple[str | None, dict[str, object]]:
    """The model's answer and a note for the user; never fails for an LLM problem."""
    from archwright.cli.llm_option import client_for
    from archwright.llm import LlmError, Message, Request

    client = client_for(llm)
    if client is None:
        return None, {"used": False, "message": "LLM not used (no provider configured)"}
    try:
        response = client.complete(Request((Message("user", text),)))
    except LlmError as exc:
        return None, {"used": False, "message": f"LLM not used: {exc}"}
    finally:
        client.close()
    usage = client.usage_summary()
    source = f"{response.provider}:{response.model}" + (" (cached)" if response.cached else "")
    return response.text, {
        "used": True,
        "model": source,
        **usage,
        "message": f"answer from {source}",
    }
