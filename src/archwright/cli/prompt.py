"""`archwright prompt NAME [ARCH] [--describe TEXT] [--file FILE]`: a prompt of the library,
filled from an architecture, or (greenfield prompts) from a description or a file."""

from __future__ import annotations

from pathlib import Path

import typer

from archwright.cli.llm_option import LLM_HELP


def command(
    name: str | None = typer.Argument(None, help="Prompt name (see --list)."),
    arch_path: Path | None = typer.Argument(None, metavar="ARCH", help="Architecture file."),
    list_all: bool = typer.Option(False, "--list", help="List the prompts and exit."),
    ask: str | None = typer.Option(None, "--ask", help="A question to add (quoted as data)."),
    describe: str | None = typer.Option(
        None, "--describe", help="What to build, in words (greenfield prompts, no ARCH needed)."
    ),
    file: Path | None = typer.Option(
        None, "--file", help="A file to review, e.g. an OpenAPI spec or a schema (quoted as data)."
    ),
    llm: str | None = typer.Option(None, "--llm", help="Send the prompt to a model: " + LLM_HELP),
    fmt: str = typer.Option("text", "--format", help="text or json."),
) -> None:
    """Print a filled prompt for any chat model; with --llm, send it and print the answer.

    Works with no provider configured: the prompt is printed for you to paste.
    Greenfield prompts (system-design, api-review, schema-design, ...) also start from
    --describe TEXT (the built-in engine drafts an architecture) or --file FILE.
    """
    import sys

    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json

    with input_errors():
        if fmt not in ("text", "json"):
            raise BadInput(f"--format must be text or json, not {fmt!r}")
        from archwright.llm.library import UnknownPrompt, prompt_spec

        if list_all:
            _print_list(fmt)
            return
        if name is None:
            raise BadInput("give a prompt NAME (see --list)")
        try:
            spec = prompt_spec(name)
        except UnknownPrompt as exc:
            raise BadInput(exc.message) from None
        text = _render(spec.name, spec.greenfield, arch_path, ask, describe, file)
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


def _print_list(fmt: str) -> None:
    """The library's prompts: name, title and summary as JSON, or a name column and the
    summary as text."""
    from archwright.cli.output import print_json
    from archwright.llm.library import prompt_specs

    specs = prompt_specs()
    if fmt == "json":
        print_json(
            {"prompts": [{"name": s.name, "title": s.title, "summary": s.summary} for s in specs]}
        )
        return
    width = max(len(s.name) for s in specs)
    for s in specs:
        print(f"{s.name:<{width}}  {s.summary}")


def _render(
    name: str,
    greenfield: bool,
    arch_path: Path | None,
    ask: str | None,
    describe: str | None,
    file: Path | None,
) -> str:
    """The prompt from whichever inputs were given; with only a description, the built-in
    design engine drafts the architecture the prompt starts from (offline)."""
    from archwright.archfile import load_architecture, read_text
    from archwright.cli.errors import BadInput
    from archwright.llm.library import render_prompt

    if arch_path is None and not greenfield:
        raise BadInput(f"prompt {name!r} needs an ARCH file (it reviews an existing design)")
    if arch_path is None and not (describe and describe.strip()) and file is None:
        raise BadInput(f"give an ARCH file, --describe TEXT or --file FILE for prompt {name!r}")
    attachment = (file.name, read_text(file)) if file is not None else None
    if arch_path is not None:
        arch = load_architecture(arch_path)
        return render_prompt(name, arch, ask, brief=describe, attachment=attachment)
    if describe and describe.strip():
        from archwright.generate import design
        from archwright.generate.extract import DescriptionTooLong

        try:
            drafted = design(describe).architecture
        except DescriptionTooLong as exc:
            raise BadInput(str(exc)) from None
        return render_prompt(
            name, drafted, ask, brief=describe, attachment=attachment, drafted=True
        )
    return render_prompt(name, None, ask, attachment=attachment)


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
