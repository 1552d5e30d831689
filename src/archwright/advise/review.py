"""Architecture review: the audit's findings told as a narrative, by an LLM when one is set.

The audit decides what is wrong (deterministic, explainable); the model only explains,
prioritises and connects the findings. Its answer is grounded: every point must cite
the rule ids of real findings and name real components, or it goes back through the
repair loop. Without a model, or when the model fails, the review is the skeleton built
from the findings alone, and the result says so.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archwright.model import Architecture, Severity, from_validation_error
from archwright.model.defaults import empty_list

if TYPE_CHECKING:
    # The client's stack, its prompts and its repair loop only when a model writes: the
    # review without one (the skeleton) imported them for nothing (issue 16).
    from archwright.llm import LlmClient, Request

Priority = Literal["high", "medium", "low"]


class FindingLike(Protocol):
    """What a review needs of an audit finding (archwright.audit.Finding has it)."""

    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def title(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def targets(self) -> tuple[str, ...]: ...
    @property
    def fix(self) -> str: ...


class ReviewPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1)
    findings: list[str] = Field(
        min_length=1, description="Rule ids of the audit findings this point rests on."
    )
    targets: list[str] = Field(default_factory=empty_list, description="Component ids concerned.")
    why_it_matters: str = Field(min_length=1)
    recommendation: str = Field(min_length=1)
    priority: Priority


class NarrativeReview(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str = Field(min_length=1)
    strengths: list[str] = Field(default_factory=empty_list)
    points: list[ReviewPoint] = Field(default_factory=empty_list)
    open_questions: list[str] = Field(default_factory=empty_list)


@dataclass(frozen=True)
class ReviewResult:
    review: NarrativeReview
    llm_used: bool
    source: str
    note: str
    rounds: int = 0


_PRIORITY: dict[Severity, Priority] = {
    Severity.CRITICAL: "high",
    Severity.HIGH: "high",
    Severity.MEDIUM: "medium",
    Severity.LOW: "low",
    Severity.INFO: "low",
}


def skeleton(
    arch: Architecture, findings: Sequence[FindingLike], grades: Mapping[str, str]
) -> NarrativeReview:
    """The review from the findings alone: one point per finding, worst first."""
    counts = Counter(f.severity for f in findings)
    tally = ", ".join(f"{counts[s]} {s.value}" for s in sorted(counts, key=lambda s: -s.rank))
    summary = (
        f"{arch.name}: {len(findings)} audit findings ({tally})."
        if findings
        else f"{arch.name}: no audit findings."
    )
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.rule_id, f.targets))
    return NarrativeReview(
        summary=summary,
        strengths=[f"{cat}: grade {g}" for cat, g in sorted(grades.items()) if g == "A"],
        points=[
            ReviewPoint(
                title=f.title,
                findings=[f.rule_id],
                targets=list(f.targets),
                why_it_matters=f.message,
                recommendation=f.fix,
                priority=_PRIORITY[f.severity],
            )
            for f in ordered
        ],
    )


def grounded_parser(
    arch: Architecture, findings: Sequence[FindingLike]
) -> Callable[[Any], NarrativeReview]:
    """A parser for the repair loop: schema first, then every citation must exist."""
    from archwright.llm import OutputInvalid

    rule_ids = {f.rule_id for f in findings}
    ids = {c.id for c in arch.components} | {c.id for c in arch.connections}

    def parse(data: Any) -> NarrativeReview:
        try:
            review = NarrativeReview.model_validate(data)
        except ValidationError as err:
            raise OutputInvalid([str(p) for p in from_validation_error(err)]) from None
        problems = []
        for i, point in enumerate(review.points):
            for j, rule in enumerate(point.findings):
                if rule not in rule_ids:
                    problems.append(
                        f"points[{i}].findings[{j}]: no finding {rule!r} in the audit; cite "
                        "only rule ids from the findings given"
                    )
            for j, target in enumerate(point.targets):
                if target not in ids:
                    problems.append(f"points[{i}].targets[{j}]: no component {target!r}")
        if findings and not review.points:
            problems.append("points: the audit has findings; discuss the important ones")
        if problems:
            raise OutputInvalid(problems)
        return review

    return parse


def review_request(
    arch: Architecture, findings: Sequence[FindingLike], grades: Mapping[str, str]
) -> Request:
    from archwright.archfile import dumps_architecture
    from archwright.llm import DATA_RULES, Message, Request, quote

    rows = [
        {
            "rule_id": f.rule_id,
            "severity": f.severity.value,
            "title": f.title,
            "targets": list(f.targets),
            "message": f.message,
            "fix": f.fix,
        }
        for f in findings
    ]
    system = (
        "You are a principal engineer reviewing a system architecture. The deterministic "
        "audit below has already found the problems; your job is to explain which matter "
        "most and why, how they interact, and what to do first. Every point must cite the "
        "rule ids of the findings it rests on and use component ids from the architecture. "
        "Do not invent findings. Answer with JSON following the given schema.\n\n" + DATA_RULES
    )
    user = "\n\n".join(
        [
            "Grades per category: " + json.dumps(dict(sorted(grades.items()))),
            quote("audit findings (JSON)", json.dumps(rows, indent=1, ensure_ascii=False)),
            quote("architecture file (YAML)", dumps_architecture(arch).rstrip()),
            "Write the review.",
        ]
    )
    return Request(
        (Message("system", system), Message("user", user)),
        schema=NarrativeReview.model_json_schema(),
        schema_name="review",
        max_tokens=4096,
    )


def review(
    arch: Architecture,
    findings: Sequence[FindingLike],
    grades: Mapping[str, str],
    client: LlmClient | None,
) -> ReviewResult:
    """The narrative review, or the skeleton with a note saying why the LLM was not used."""
    base = skeleton(arch, findings, grades)
    if client is None:
        return ReviewResult(base, False, "audit", "LLM not used (no provider configured)")
    from archwright.llm import complete_structured

    result = complete_structured(
        client,
        review_request(arch, findings, grades),
        grounded_parser(arch, findings),
        client.settings.repair_attempts,
    )
    if result.value is None:
        why = result.error or "answer still invalid after repairs: " + "; ".join(
            result.problems[:3]
        )
        return ReviewResult(base, False, "audit", f"LLM not used: {why}", result.rounds)
    last = result.responses[-1]
    source = f"{last.provider}:{last.model}"
    return ReviewResult(result.value, True, source, f"review written by {source}", result.rounds)


def render_markdown(result: ReviewResult) -> str:
    r = result.review
    lines = [f"# Architecture review\n\n{r.summary}\n", f"_Source: {result.note}._\n"]
    if r.strengths:
        lines.append("## Strengths\n")
        lines.extend(f"- {s}" for s in r.strengths)
        lines.append("")
    if r.points:
        lines.append("## Points\n")
    for i, p in enumerate(r.points, 1):
        where = f" ({', '.join(p.targets)})" if p.targets else ""
        lines.append(f"### {i}. {p.title}{where}\n")
        lines.append(f"Priority: {p.priority}. Findings: {', '.join(p.findings)}.\n")
        lines.append(f"{p.why_it_matters}\n\n**Do:** {p.recommendation}\n")
    if r.open_questions:
        lines.append("## Open questions\n")
        lines.extend(f"- {q}" for q in r.open_questions)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
