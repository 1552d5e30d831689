"""Structured answers: decode the model's JSON, validate it, and feed the problems back.

The repair loop is bounded (`attempts` repairs after the first answer): each round shows
the model its previous answer and the exact validation problems, which is usually enough
for a small slip (a wrong enum value, a dangling id). What still fails is returned as a
failure with the last problems, and the caller falls back to the built-in engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import ValidationError

from archwright.llm.bounded_json import JsonRefused, loads_bounded
from archwright.llm.errors import BudgetExceeded, LlmError
from archwright.llm.request import Message, Request, Response
from archwright.model import Architecture, Requirements, check, from_validation_error

T = TypeVar("T")

MAX_PROBLEMS_FED_BACK = 20
MAX_ANSWER_ECHOED = 8000


class OutputInvalid(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Completer(Protocol):
    """Anything with `complete(request) -> Response` (the client, or one provider)."""

    def complete(self, request: Request) -> Response: ...


@dataclass
class Structured(Generic[T]):
    """The validated value, or None with why: the last problems, or the error that stopped us."""

    value: T | None
    rounds: int = 0
    problems: list[str] = field(default_factory=list)
    error: str = ""
    budget_exhausted: bool = False
    responses: list[Response] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None


def decode_json(text: str) -> Any:
    """The JSON object in an answer, tolerating Markdown fences and prose around it.

    Decoded with limits (`loads_bounded`): a deep, huge-integer or non-finite answer is
    an invalid answer like any other, never an exception that escapes the repair loop.
    """
    stripped = text.strip()
    try:
        return loads_bounded(stripped)
    except JsonRefused:
        pass
    start, end = stripped.find("{"), stripped.rfind("}")
    if start == -1 or end <= start:
        raise OutputInvalid(["the answer is not JSON: no object found"])
    try:
        return loads_bounded(stripped[start : end + 1])
    except JsonRefused as exc:
        raise OutputInvalid([f"the answer is not usable JSON: {exc}"]) from None


def parse_architecture(data: Any) -> Architecture:
    """pydantic shape and types, then the whole-model checks (`model.check`)."""
    if not isinstance(data, dict):
        raise OutputInvalid(["expected a JSON object with name and components"])
    try:
        arch = Architecture.model_validate(data)
    except ValidationError as err:
        raise OutputInvalid([str(p) for p in from_validation_error(err)]) from None
    problems = check(arch)
    if problems:
        raise OutputInvalid([str(p) for p in problems])
    return arch


def parse_requirements(data: Any) -> Requirements:
    if not isinstance(data, dict):
        raise OutputInvalid(["expected a JSON object of requirements"])
    try:
        return Requirements.model_validate(data)
    except ValidationError as err:
        raise OutputInvalid([str(p) for p in from_validation_error(err)]) from None


def repair_message(problems: list[str]) -> Message:
    shown = problems[:MAX_PROBLEMS_FED_BACK]
    more = len(problems) - len(shown)
    lines = "\n".join(f"- {p}" for p in shown)
    tail = f"\n- ... and {more} more" if more > 0 else ""
    return Message(
        "user",
        "Your answer does not validate against the schema. Problems (path: message):\n"
        f"{lines}{tail}\n"
        "Return the complete corrected JSON object only, following the same schema.",
    )


def complete_structured(
    client: Completer, request: Request, parse: Callable[[Any], T], repairs: int
) -> Structured[T]:
    """Ask, validate, and repair up to `repairs` times; never raises for an LLM failure."""
    result: Structured[T] = Structured(None)
    current = request
    for _ in range(1 + max(0, repairs)):
        try:
            response = client.complete(current)
        except BudgetExceeded as exc:
            result.error, result.budget_exhausted = str(exc), True
            return result
        except LlmError as exc:
            result.error = str(exc)
            return result
        result.rounds += 1
        result.responses.append(response)
        try:
            result.value = parse(decode_json(response.text))
            result.problems = []
            return result
        except OutputInvalid as exc:
            result.problems = exc.problems
        current = current.extended(
            Message("assistant", response.text[:MAX_ANSWER_ECHOED]), repair_message(result.problems)
        )
    return result
