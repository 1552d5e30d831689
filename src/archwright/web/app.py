"""The FastAPI application: routers, limits, sign-in, the canvas's static files."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from archwright import __version__
from archwright.store import Store
from archwright.web import advice, analysis, conversations, errors, exports, jobs, projects
from archwright.web.auth import Gate
from archwright.web.bodies import Login
from archwright.web.errors import ApiError
from archwright.web.limits import Guard
from archwright.web.replies import json_reply
from archwright.web.settings import Settings

STATIC = Path(__file__).parent / "static"


def _session_router(gate: Gate) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["session"])

    @router.get("/health")
    def health() -> JSONResponse:
        """Liveness for a load balancer: no project data, no authentication."""
        return json_reply({"status": "ok", "version": __version__})

    @router.get("/session")
    def session(request: Request, response: Response) -> dict[str, object]:
        """Whether this browser is signed in; on loopback without a token, sign it in."""
        cookie = request.cookies.get("aw_session")
        if gate.session_ok(cookie):
            return {"authenticated": True, "csrf": gate.csrf_for(cookie or "")}
        if gate.settings.token:
            return {"authenticated": False, "csrf": None}
        return {"authenticated": True, "csrf": gate.issue(response)}

    @router.post("/session")
    def login(body: Login, response: Response) -> dict[str, object]:
        """Exchange the server's token for a session cookie (and its CSRF token)."""
        if not gate.token_ok(body.token):
            raise ApiError(401, "the token is not valid")
        return {"authenticated": True, "csrf": gate.issue(response)}

    return router


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The whole server for `settings` (the store is opened, and migrated, here)."""
    settings.check()
    gate = Gate(settings)
    app = FastAPI(
        title="archwright",
        version=__version__,
        description="The archwright workbench API: projects, versions and every engine.",
        # The interactive pages load scripts from a CDN and inline, which the content
        # security policy forbids; /openapi.json documents the API.
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store or Store(settings.db_url)
    app.state.settings = settings
    errors.install(app)
    app.include_router(_session_router(gate))
    protected = [Depends(gate.check)]
    for module in (projects, conversations, analysis, advice, exports, jobs):
        app.include_router(module.router, dependencies=protected)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-store"})

    app.add_middleware(Guard, settings=settings)
    return app
