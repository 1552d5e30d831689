"""`archwright session [--file SESSION.yaml]`: a guided, resumable design session."""

from __future__ import annotations

from pathlib import Path

import typer


def command(
    file: Path = typer.Option(Path("archwright-session.yaml"), "--file", help="Session file."),
    adr: Path | None = typer.Option(None, "--adr", help="Write the final ADR into DIR."),
    spec: Path | None = typer.Option(None, "--spec", help="Requirements answering questions."),
) -> None:
    """Context, options, deep dive, stress test and an ADR; saved after every step.

    Answers are read line by line from stdin (a terminal or a script); when input ends
    the session stops with its progress saved, and the same command resumes it.
    """
    import sys

    from archwright.advise.adr import next_number, write_records
    from archwright.advise.session import Session, SessionError, line_reader, load_state
    from archwright.advise.tradeoff import TradeoffError
    from archwright.archfile import dump_yaml, write_atomic
    from archwright.cli.errors import BadInput, input_errors

    with input_errors():
        state = load_state(file)
        if spec is not None and "context" not in state.get("done", []):
            from archwright.advise.session import prefill
            from archwright.archfile import load_requirements

            prefill(state, load_requirements(spec))

        def save(data: dict[str, object]) -> None:
            write_atomic(file, dump_yaml(data))

        session = Session(state, save, line_reader(sys.stdin), print)
        try:
            complete = session.run()
        except (SessionError, TradeoffError) as exc:
            raise BadInput(f"{exc} (progress up to the last step is saved in {file})") from None
        if complete and adr is not None:
            record = state["adr"]
            name = f"{next_number(adr):04d}{record['file'][4:]}"
            for path in write_records(adr, [(name, record["markdown"])]):
                print(f"wrote {path}")
