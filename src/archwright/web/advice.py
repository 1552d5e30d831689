"""Design, trade-off and selection: the calls `archwright design`, `tradeoff` and `select`
make, plus the model's JSON Schema (`archwright schema`) that the forms are built from."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from archwright.web import parsing
from archwright.web.bodies import AskRequest, DesignRequest, SelectRequest, TradeoffRequest
from archwright.web.errors import ApiError
from archwright.web.replies import json_reply

router = APIRouter(prefix="/api", tags=["design and advice"])

_CLOUDS = ("aws", "gcp", "azure")
# How reproduce commands name the model: the file `archwright ask` reads by default.
ASK_FILE = "archwright.yaml"


@cache
def _schema() -> dict[str, Any]:
    """Built once per process: it depends only on the code (15 ms of CPU per build, on
    every page load's critical path)."""
    from archwright.archfile.schema import architecture_schema

    return architecture_schema()


@router.get("/schema")
def schema() -> JSONResponse:
    """The JSON Schema of an architecture file (what `archwright schema` prints)."""
    return json_reply(_schema())


@router.post("/design")
def design(body: DesignRequest) -> JSONResponse:
    """A sized, explained architecture from a description or a requirements file's text."""
    from archwright.archfile import dumps_architecture
    from archwright.generate import design as run
    from archwright.generate.extract import DescriptionTooLong
    from archwright.generate.report import render
    from archwright.model import Cloud

    if body.cloud is not None and body.cloud not in _CLOUDS:
        raise ApiError(400, f"unknown cloud {body.cloud!r} (use {', '.join(_CLOUDS)})")
    given = [x for x in (body.description, body.requirements) if x is not None and x.strip()]
    if len(given) != 1:
        raise ApiError(400, "give exactly one of: description, requirements")
    target = Cloud(body.cloud) if body.cloud else None
    req = parsing.requirements(body.requirements)
    try:
        result = run(req if req is not None else body.description or "", cloud=target)
    except DescriptionTooLong as exc:
        raise ApiError(400, str(exc)) from None
    arch = result.architecture
    return json_reply(
        {
            "yaml": dumps_architecture(arch),
            "document": render(result),
            "name": arch.name,
            "components": len(arch.components),
            "decisions": len(arch.decisions),
            "conflicts": [
                {"title": c.title, "detail": c.detail, "resolution": c.resolution}
                for c in result.conflicts
            ],
            "not_understood": list(result.not_understood),
            "monthly_total": result.cost.monthly_total,
        }
    )


@router.post("/tradeoff")
def tradeoff(body: TradeoffRequest) -> JSONResponse:
    """Options scored on dimensions under the requirements, with what would flip it."""
    from archwright.advise.run import run_tradeoff
    from archwright.advise.tradeoff import TradeoffError

    req = parsing.requirements(body.requirements)
    try:
        result: dict[str, Any] = run_tradeoff(body.options, req, body.dimensions, {}, body.what_if)
    except TradeoffError as exc:
        raise ApiError(400, str(exc)) from None
    return json_reply(result)


@router.post("/select")
def select(body: SelectRequest) -> JSONResponse:
    """Catalog technologies ranked for a kind of component under the requirements."""
    from archwright.advise.select import SelectError
    from archwright.advise.select import select as run
    from archwright.kb import load_catalog
    from archwright.kb.tradeoffs import load_tradeoffs

    req = parsing.requirements(body.requirements)
    try:
        return json_reply(run(body.kind, req, load_catalog(), load_tradeoffs()))
    except SelectError as exc:
        raise ApiError(400, str(exc)) from None


@router.post("/ask")
def ask(body: AskRequest) -> JSONResponse:
    """One turn of the conversation about the model (what `archwright ask` answers): the
    same `advise.ask.answer` the CLI calls, so figures come from the engines. A proposed
    edit is returned as a diff and new text; nothing is saved until a version is saved."""
    from archwright.advise.ask import QuestionError, answer

    arch = parsing.architecture(body.yaml)
    try:
        reply = answer(body.question, arch, arch_name=ASK_FILE)
    except QuestionError as exc:
        raise ApiError(400, str(exc)) from None
    return json_reply(reply.to_json())
