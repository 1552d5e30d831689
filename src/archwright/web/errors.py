"""Every refusal as JSON `{"error": message, "problems": [...]}` with a 4xx status.

Bad input is the caller's to fix, so it is named (file place and problem, like the CLI)
and never answered with a 500 or a stack trace. An unexpected exception is logged on the
server and answered with a plain 500 that says nothing about the code.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from archwright.archfile import FileProblem
from archwright.archfile.io import one_line
from archwright.store import Conflict, Invalid, NotFound, StoreError

log = logging.getLogger("archwright.web")


class ApiError(Exception):
    """A refusal already phrased for the caller."""

    def __init__(self, status: int, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []


def body(message: str, problems: list[str] | None = None, **extra: object) -> dict[str, object]:
    return {"error": one_line(message)[:500], "problems": problems or [], **extra}


def _field(loc: tuple[object, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(body(exc.message, exc.problems), exc.status)

    @app.exception_handler(FileProblem)
    async def file_problem(_: Request, exc: FileProblem) -> JSONResponse:
        lines = exc.lines()
        return JSONResponse(body(lines[0] if lines else "invalid input", lines), 422)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        if isinstance(exc, Conflict):
            return JSONResponse(body(str(exc), current_etag=exc.current_etag), 412)
        status = 404 if isinstance(exc, NotFound) else 400 if isinstance(exc, Invalid) else 503
        return JSONResponse(body(str(exc)), status)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [f"{_field(tuple(e.get('loc', ())))}: {e.get('msg', '')}" for e in exc.errors()]
        return JSONResponse(body(problems[0] if problems else "invalid request", problems), 422)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(body(str(exc.detail)), exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(body("internal error; the server log has the details"), 500)
