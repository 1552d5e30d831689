"""design.md: the design package as Markdown, rendered with Jinja2.

User text only ever enters as context values (never as template source) and passes
through filters that flatten newlines and escape table pipes, so a description cannot
break the document's structure.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from archwright.exporters.mermaid import flowchart as render_mermaid
from archwright.generate.engine import DesignResult
from archwright.kb.patterns import load_patterns
from archwright.model import Requirements


def _inline(value: Any) -> str:
    return " ".join(str(value).split())


def _cell(value: Any) -> str:
    return _inline(value).replace("|", "\\|")


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.2f}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archwright.generate", "templates"),
        autoescape=False,  # Markdown, not HTML; values are flattened by the filters instead
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters.update(inline=_inline, cell=_cell, num=_num)
    return env


def requirement_rows(req: Requirements) -> list[tuple[str, str]]:
    """The requirements as (label, value) rows, only what is set."""
    rows: list[tuple[str, str]] = []
    if req.features:
        rows.append(("Features", ", ".join(req.features)))
    for section in ("scale", "slo", "team", "budget", "constraints", "needs"):
        data = getattr(req, section).model_dump(mode="json", exclude_defaults=True)
        for key, value in data.items():
            text = (
                ", ".join(map(str, value))
                if isinstance(value, list)
                else f"{value:,.10g}"
                if (isinstance(value, float | int) and not isinstance(value, bool))
                else str(value)
            )
            rows.append((f"{section}.{key}", text))
    if req.compliance:
        rows.append(("Compliance", ", ".join(c.value for c in req.compliance)))
    avoid = getattr(req, "avoid", None)
    if avoid:
        rows.append(("Team does not know", ", ".join(map(str, avoid))))
    return rows or [("(nothing stated)", "every figure is assumed")]


def render(result: DesignResult) -> str:
    """The full design document."""
    arch = result.architecture
    library = load_patterns()
    reasons = {u.id: library.get(u.id).reasons for u in result.patterns}
    template = _environment().get_template("design.md.j2")
    return template.render(
        name=arch.name,
        summary=arch.summary,
        requirements=requirement_rows(arch.requirements),
        conflicts=result.conflicts,
        mermaid=render_mermaid(arch),
        components=arch.components,
        patterns=result.patterns,
        reasons=reasons,
        skipped=result.skipped,
        decisions=arch.decisions,
        risks=result.risks,
        steps=result.envelope.steps,
        cost=result.cost,
        assumptions=result.assumptions,
        not_understood=result.not_understood,
        understood=result.understood,
        described=bool(arch.requirements.description),
        accepted=result.accepted,
        simulated=result.simulated,
    )
