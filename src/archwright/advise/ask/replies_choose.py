"""Answers that recommend: technology selection, trade-offs and decision records. Each
recommendation is followed by the case against it (pushback.py)."""

from __future__ import annotations

from archwright.advise.adr import architecture_records, tradeoff_record
from archwright.advise.ask.asked import Asked
from archwright.advise.ask.pushback import against_selection, against_tradeoff
from archwright.advise.ask.result import Answer, Figure
from archwright.advise.render import select_text, tradeoff_text
from archwright.advise.run import run_tradeoff
from archwright.advise.select import SelectError, select
from archwright.advise.tradeoff import TradeoffError
from archwright.kb.tradeoffs import load_tradeoffs

TOP = 5


def select_reply(a: Asked) -> Answer:
    kind = a.slots.kind
    if kind is None:
        return a.ask_back(
            "Select what? Name a kind: queue, stream, cache, sql database, nosql, "
            "search, vector database, object storage, or 'message broker'."
        )
    try:
        result = select(kind, a.requirements, a.catalog, load_tradeoffs())
    except SelectError as exc:
        return a.ask_back(str(exc))
    figures = [
        Figure(f"score {row['technology']}", row["score"], "/5", "select")
        for row in result["ranking"][:TOP]
    ]
    text = f"For {kind}: {result['recommendation']}.\n" + select_text(result, TOP).rstrip()
    command = a.command("archwright", "select", kind, *a.spec_args())
    return a.reply(text, figures, command, against_selection(result))


def tradeoff_reply(a: Asked) -> Answer:
    techs = list(a.slots.technologies)
    if len(techs) < 2:
        return a.ask_back(
            "Which options should I weigh? Name two or more technologies, e.g. 'kafka or rabbitmq?'"
        )
    try:
        result = run_tradeoff(techs, a.requirements, None)
    except TradeoffError as exc:
        return a.ask_back(f"The trade-off engine cannot compare those: {exc}")
    figures = [Figure(f"score {n}", v, "/5", "tradeoff") for n, v in result["totals"].items()]
    text = f"Recommendation: {result['recommendation']}.\n" + tradeoff_text(result).rstrip()
    command = a.command("archwright", "tradeoff", *techs, *a.spec_args())
    records = [tradeoff_record(result)]
    return a.reply(text, figures, command, against_tradeoff(result), records)


def adr_reply(a: Asked) -> Answer:
    techs = list(a.slots.technologies)
    if len(techs) >= 2:
        try:
            result = run_tradeoff(techs, a.requirements, None)
        except TradeoffError as exc:
            return a.ask_back(f"The trade-off engine cannot compare those: {exc}")
        record = tradeoff_record(result)
        command = a.command("archwright", "tradeoff", *techs, *a.spec_args(), "--adr", "docs/adr")
        return a.reply(
            f"Drafted {record[0]} (proposed): {result['recommendation']} over "
            f"{', '.join(t for t in techs if t != result['recommendation'])}.\n\n{record[1]}",
            [Figure(f"score {n}", v, "/5", "tradeoff") for n, v in result["totals"].items()],
            command,
            against_tradeoff(result),
            [record],
        )
    records = architecture_records(a.arch)
    if not records:
        return a.ask_back(
            "The model records no decisions yet. Ask a trade-off first (e.g. 'kafka or "
            "rabbitmq?') and then 'write an ADR for kafka vs rabbitmq'."
        )
    names = ", ".join(name for name, _ in records)
    body = "\n---\n\n".join(text for _, text in records)
    return a.reply(
        f"{len(records)} records from the model's decisions: {names}.\n\n{body}",
        [],
        a.command("archwright", "adr", a.arch_name, "-o", "docs/adr"),
        records=records,
    )
