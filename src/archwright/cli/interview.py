"""`archwright interview list | challenge NAME | grade NAME ANSWER`: design practice."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    action: str = typer.Argument(..., help="list, challenge or grade."),
    name: str | None = typer.Argument(None, help="Challenge name."),
    answer: Path | None = typer.Argument(None, help="Your architecture file (grade)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Practise system design: read a challenge, answer with an architecture file, get graded."""
    from archwright.advise.interview import brief, challenges, grade
    from archwright.archfile import dump_yaml, load_architecture
    from archwright.cli.errors import BadInput, input_errors
    from archwright.cli.output import print_json
    from archwright.kb.interview import load_interview

    with input_errors():
        if fmt not in ("table", "json"):
            raise BadInput(f"unknown format {fmt!r} (table or json)")
        kb = load_interview()
        known = challenges(kb)
        if action == "list":
            rows = [{"name": c.name, "title": c.title} for c in known.values()]
            if fmt == "json":
                print_json({"challenges": rows})
            else:
                print("".join(f"{r['name']:28} {r['title']}\n" for r in rows), end="")
            return
        if action not in ("challenge", "grade"):
            raise BadInput(f"unknown action {action!r} (list, challenge or grade)")
        if not name or name not in known:
            raise BadInput(f"unknown challenge {name!r} (see: archwright interview list)")
        if action == "challenge":
            data = brief(known[name])
            if fmt == "json":
                print_json(data)
            else:
                print(
                    f"{data['title']}\n\n{data['prompt']}\n\n{dump_yaml(data['requirements'])}",
                    end="",
                )
            return
        if answer is None:
            raise BadInput("grade needs your architecture file: interview grade NAME ANSWER")
        result = grade(known[name], load_architecture(answer), kb)
    if fmt == "json":
        print_json(result)
        return
    from archwright.advise.render import interview_text

    print(interview_text(result), end="")
