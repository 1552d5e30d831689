"""A guided, resumable design session: context → options → deep dive → stress test → ADR.

The session is a plain YAML document saved (atomically) after every step, so it can be
stopped at any point and resumed with the same file. Questions are read line by line
from any text stream, so a test or a script drives it from stdin without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from archwright.advise.adr import tradeoff_record
from archwright.advise.reading import understood
from archwright.advise.run import run_tradeoff
from archwright.model import Requirements

STEPS = ("context", "options", "deep_dive", "stress_test", "adr")

# (fact path in the requirements mapping, question, parser)
_CONTEXT_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("team.size", "Team size (engineers)?", "int"),
    ("team.experience", "Technologies the team knows (comma-separated)?", "list"),
    ("scale.peak_rps", "Peak requests per second?", "float"),
    ("tenants", "Number of tenants/customers (if multi-tenant)?", "int"),
    ("compliance", "Compliance regimes (GDPR, HIPAA, PCI-DSS, SOC2; comma-separated)?", "list"),
    ("stage", "Stage (prototype, startup, growth, enterprise)?", "str"),
    ("budget.monthly_usd", "Monthly infrastructure budget in USD?", "float"),
    ("slo.availability", "Availability target in percent?", "float"),
    ("scale.growth_per_year", "Yearly growth of the load (2 = doubles every year)?", "float"),
    ("description", "Describe the system in a sentence or two (read as `design` reads it)?", "str"),
)


class SessionError(ValueError):
    """An answer that cannot be used, phrased for the person typing it."""


class Session:
    def __init__(
        self,
        state: dict[str, Any],
        save: Callable[[dict[str, Any]], None],
        ask: Callable[[str], str | None],
        say: Callable[[str], None],
    ) -> None:
        self.state = state
        self.save = save
        self.ask = ask
        self.say = say

    @property
    def done(self) -> list[str]:
        done: list[str] = self.state.setdefault("done", [])
        return done

    def run(self) -> bool:
        """Run the remaining steps; False when input ran out (the file holds progress)."""
        for step in STEPS:
            if step in self.done:
                continue
            self.say(f"\n== {step.replace('_', ' ')} ==")
            finished = getattr(self, f"_{step}")()
            if not finished:
                self.say("(input ended: progress saved; run the session again to resume)")
                return False
            self.done.append(step)
            self.save(self.state)
        self.say("\nSession complete.")
        return True

    def _requirements(self, overrides: dict[str, Any] | None = None) -> Requirements:
        data: dict[str, Any] = {}
        for path, value in {**self.state.get("context", {}), **(overrides or {})}.items():
            node = data
            *parents, leaf = path.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
        try:
            return Requirements.model_validate(data)
        except ValueError as exc:
            raise SessionError(f"the context does not validate: {exc}") from None

    def _context(self) -> bool:
        context: dict[str, Any] = self.state.setdefault("context", {})
        for path, question, kind in _CONTEXT_QUESTIONS:
            if path in context:
                continue
            line = self.ask(f"{question} (empty: leave unstated)")
            if line is None:
                return False
            line = line.strip()
            if line:
                context[path] = _parse(line, kind, path)
            else:
                context[path] = None
        self.state["context"] = {k: v for k, v in context.items() if v is not None}
        self._requirements()  # refuse a context that does not validate, now
        self.say(
            "Context: " + ", ".join(f"{k}={v}" for k, v in sorted(self.state["context"].items()))
        )
        return True

    def _options(self) -> bool:
        from archwright.kb.tradeoffs import load_tradeoffs

        kb = load_tradeoffs()
        for fam in kb.families:
            names = [o.name for o in kb.options if o.family == fam.id]
            self.say(f"  {fam.id}: {', '.join(names)}")
        line = self.ask("Which decision (one of the above), or options separated by commas?")
        if line is None:
            return False
        text = line.strip()
        family = kb.family(text)
        if family is not None:
            options = [o.name for o in kb.options if o.family == family.id]
        else:
            options = [p.strip() for p in text.split(",") if p.strip()]
        result = run_tradeoff(options, self._requirements(), None)
        self.state["options"] = options
        for name in result["ranking"]:
            self.say(f"  {name}: {result['totals'][name]:.2f}")
        return True

    def _deep_dive(self) -> bool:
        options = self.state["options"]
        result = run_tradeoff(options, self._requirements(), None)
        ranked = result["ranking"]
        line = self.ask(f"Deep dive on which 2-3 options? (empty: {', '.join(ranked[:2])})")
        if line is None:
            return False
        chosen = [p.strip() for p in line.split(",") if p.strip()] or ranked[:2]
        dive = run_tradeoff(chosen, self._requirements(), None)
        self.state["deep_dive"] = {
            "options": chosen,
            "recommendation": dive["recommendation"],
            "rationale": dive["rationale"],
            "irreversible": dive["irreversible"],
            "considerations": dive["considerations"],
        }
        self.say(f"Recommendation: {dive['recommendation']}")
        for line_ in dive["rationale"]:
            self.say(f"  {line_}")
        for opt in chosen:
            for c in dive["considerations"].get(opt, []):
                self.say(f"  [{opt}] don't forget: {c}")
        return True

    def _stress_test(self) -> bool:
        dive = self.state["deep_dive"]
        ctx = self.state.get("context", {})
        size = ctx.get("team.size")
        regime = "PCI-DSS" if "HIPAA" in (ctx.get("compliance") or []) else "HIPAA"
        scenarios = {
            "10x load": {
                "scale.peak_rps": (ctx.get("scale.peak_rps") or 500) * 10,
                **({"tenants": ctx["tenants"] * 10} if ctx.get("tenants") else {}),
            },
            "lose a team member": {"team.size": max(1, (size or 8) - 1)},
            f"compliance change ({regime})": {
                "compliance": sorted({*(ctx.get("compliance") or []), regime})
            },
        }
        out = {}
        for label, change in scenarios.items():
            result = run_tradeoff(dive["options"], self._requirements(change), None)
            flips = result["recommendation"] != dive["recommendation"]
            out[label] = {
                "change": change,
                "recommendation": result["recommendation"],
                "flips": flips,
            }
            verdict = f"FLIPS to {result['recommendation']}" if flips else "holds"
            self.say(f"  {label}: {verdict}")
        self.state["stress_test"] = out
        return True

    def _adr(self) -> bool:
        dive = self.state["deep_dive"]
        result = run_tradeoff(dive["options"], self._requirements(), None)
        name, text = tradeoff_record(result)
        stress = self.state.get("stress_test", {})
        flips = [f"{k}: {v['recommendation']}" for k, v in stress.items() if v["flips"]]
        if flips:
            text += "\n## Stress Test\n\n" + "".join(f"* {f}\n" for f in flips)
        self.state["adr"] = {"file": name, "markdown": text}
        self.say(f"ADR drafted: {name}")
        return True


def prefill(state: dict[str, Any], req: Requirements) -> None:
    """Answers a requirements file already gives: those questions are not asked."""
    from archwright.kb.context import context_from
    from archwright.kb.tradeoffs import load_tradeoffs

    ctx = context_from(understood(req), load_tradeoffs())
    context = state.setdefault("context", {})
    if req.description:
        context.setdefault("description", req.description)
    for path, _question, _kind in _CONTEXT_QUESTIONS:
        if path not in ctx.assumed and ctx.get(path) is not None:
            context.setdefault(path, ctx.get(path))


def _parse(text: str, kind: str, path: str) -> Any:
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        raise SessionError(f"{path}: {text!r} is not a number") from None
    if kind == "list":
        return [p.strip() for p in text.split(",") if p.strip()]
    return text


def line_reader(stream: TextIO) -> Callable[[str], str | None]:
    def ask(question: str) -> str | None:
        print(f"? {question}")
        line = stream.readline()
        return None if line == "" else line.rstrip("\n")

    return ask


def load_state(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"version": 1, "done": []}
    from archwright.archfile import FileProblem, parse_document, read_text
    from archwright.model import Problem

    data = parse_document(read_text(path), str(path), json_format=False)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise FileProblem(str(path), [(1, Problem("", "not an archwright session file"))])
    unknown = [s for s in data.get("done", []) if s not in STEPS]
    if unknown:
        raise FileProblem(str(path), [(None, Problem("done", f"unknown step {unknown[0]!r}"))])
    return data
