"""The prompt library: one Jinja2 template per design task, filled from an architecture.

Templates are our own files (never user text); everything that comes from the model of
the architecture reaches them as context values, and every value a person wrote (names,
descriptions, the whole YAML) is wrapped by `untrusted.quote` before the template sees it.
Only numbers and enum values we computed appear outside the data blocks. Autoescape is
off because the output is Markdown, not HTML; the quoting is what keeps values inert.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from archwright.model import Architecture, Kind, Mode
from archwright.package_data import parsed_yaml, text

_FOLDER = "prompts"


@dataclass(frozen=True)
class PromptSpec:
    name: str
    title: str
    summary: str
    focus: tuple[Kind, ...]
    greenfield: bool = False  # makes sense from a description or a file, with no model yet


class UnknownPrompt(KeyError):
    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else "; see `archwright prompt --list`"
        super().__init__(f"no prompt named {name!r}{hint}")
        self.message = f"no prompt named {name!r}{hint}"


def _read(name: str) -> str:
    return text("archwright.llm", _FOLDER, name)


@cache
def prompt_specs() -> tuple[PromptSpec, ...]:
    """Every prompt of the library, in the order of `prompts/library.yaml`."""
    data = parsed_yaml("archwright.llm", _FOLDER, "library.yaml")
    return tuple(
        PromptSpec(
            name=str(p["name"]),
            title=str(p["title"]),
            summary=str(p["summary"]),
            focus=tuple(Kind(k) for k in p.get("focus", [])),
            greenfield=bool(p.get("greenfield", False)),
        )
        for p in data["prompts"]
    )


def prompt_spec(name: str) -> PromptSpec:
    specs = {s.name: s for s in prompt_specs()}
    if name not in specs:
        raise UnknownPrompt(name, sorted(specs))
    return specs[name]


def _environment() -> Any:
    from jinja2 import FunctionLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FunctionLoader(_read),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def facts(arch: Architecture) -> list[str]:
    """Numbers and vocabulary values only: safe to show outside the quoted data."""
    kinds = Counter(c.kind.value for c in arch.components)
    out = [
        f"{len(arch.components)} components: "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
    ]
    sync = sum(1 for c in arch.connections if c.mode is Mode.SYNC)
    out.append(
        f"{len(arch.connections)} connections ({sync} synchronous, "
        f"{len(arch.connections) - sync} asynchronous); {len(arch.journeys)} journeys"
    )
    req = arch.requirements
    numbers = [
        ("daily active users", req.scale.dau, ""),
        ("peak load", req.scale.peak_rps, " requests/s"),
        ("events", req.scale.events_per_second, " per second"),
        ("data", req.scale.data_gb, " GB"),
        ("availability target", req.slo.availability, "%"),
        ("P99 latency target", req.slo.p99_latency_ms, " ms"),
        ("RPO", req.slo.rpo_minutes, " minutes"),
        ("RTO", req.slo.rto_minutes, " minutes"),
        ("monthly budget", req.budget.monthly_usd, " USD"),
        ("team size", req.team.size, " engineers"),
    ]
    out.extend(f"{label}: {value:g}{unit}" for label, value, unit in numbers if value is not None)
    if req.compliance:
        out.append("compliance: " + ", ".join(sorted(c.value for c in req.compliance)))
    if req.constraints.cloud is not None:
        out.append(f"cloud: {req.constraints.cloud.value}")
    return out


def prompt_context(
    spec: PromptSpec,
    arch: Architecture | None,
    question: str | None = None,
    *,
    brief: str | None = None,
    attachment: tuple[str, str] | None = None,
    drafted: bool = False,
) -> dict[str, Any]:
    """Template values. Without `arch` the prompt works from `brief` (a description)
    and/or `attachment` (a file's name and text); `drafted` says the architecture was
    drafted by the built-in engine from the brief."""
    from archwright.archfile import dump_yaml, dumps_architecture
    from archwright.llm.untrusted import DATA_RULES, quote

    focus = [c for c in arch.components if c.kind in spec.focus] if arch else []
    focus_rows = [
        {"id": c.id, "kind": c.kind.value, "technology": c.technology, "replicas": c.replicas}
        for c in focus
    ]
    return {
        "title": spec.title,
        "data_rules": DATA_RULES,
        "facts": facts(arch) if arch else [],
        "architecture": (
            quote("architecture file (YAML)", dumps_architecture(arch).rstrip()) if arch else ""
        ),
        "drafted": drafted,
        "focus": quote("components in focus", dump_yaml(focus_rows).rstrip()) if focus else "",
        "focus_kinds": ", ".join(k.value for k in spec.focus),
        "question": quote("question", question.strip()) if question else "",
        "brief": quote("description", brief.strip()) if brief else "",
        "attachment": quote(f"file {attachment[0]}", attachment[1].rstrip()) if attachment else "",
    }


def render_prompt(
    name: str,
    arch: Architecture | None,
    question: str | None = None,
    *,
    brief: str | None = None,
    attachment: tuple[str, str] | None = None,
    drafted: bool = False,
) -> str:
    """The filled prompt for task `name`, ready to paste into any chat model."""
    spec = prompt_spec(name)
    if arch is None and not spec.greenfield:
        raise ValueError(f"prompt {name!r} needs an architecture")
    if arch is None and not (brief or attachment):
        raise ValueError(f"prompt {name!r} needs an architecture, a description or a file")
    template = _environment().get_template(f"{name}.md.j2")
    context = prompt_context(
        spec, arch, question, brief=brief, attachment=attachment, drafted=drafted
    )
    text: str = template.render(context)
    return text.rstrip("\n") + "\n"
