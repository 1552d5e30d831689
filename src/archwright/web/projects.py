"""Projects and versions: every save is a version; a stale save is refused (412).

`PUT /api/projects/{id}/model` must carry the head's ETag in If-Match once the project
has a version (428 without it); a save based on an older head gets 412 with the current
ETag, and the version it would have replaced is untouched.
"""

from __future__ import annotations

import difflib
from typing import Annotated

from fastapi import APIRouter, Header, Path, Request
from fastapi.responses import JSONResponse

from archwright.store import Store, Version
from archwright.store.projects import check_base
from archwright.web import parsing
from archwright.web.bodies import NewProject, Rename, Save
from archwright.web.errors import ApiError
from archwright.web.replies import json_reply, project_json, quoted, unquoted, version_json

router = APIRouter(prefix="/api/projects", tags=["projects"])

ProjectId = Annotated[
    str, Path(pattern=r"^[0-9a-f]{32}$", description="The project's id (32 hex digits).")
]
Number = Annotated[int, Path(ge=1, le=2_000_000_000, description="A version number, from 1.")]

MAX_DIFF_LINES = 5_000


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def diff(before: str, after: str, a: str, b: str) -> str:
    """Unified diff of two versions' text (bounded: a giant rewrite is cut, and says so)."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), a, b, n=2
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines\n"]
    return "".join(lines)


def _with_diff(store: Store, project_id: str, version: Version) -> dict[str, object]:
    before = store.version(project_id, version.parent).text if version.parent else ""
    label = f"v{version.parent}" if version.parent else "empty"
    data = version_json(version, text=True)
    data["diff"] = diff(before, version.text, label, f"v{version.number}")
    return data


@router.get("")
def list_projects(request: Request) -> JSONResponse:
    """Every project, oldest first."""
    return json_reply({"projects": [project_json(p) for p in store_of(request).projects()]})


@router.post("", status_code=201)
def create_project(body: NewProject, request: Request) -> JSONResponse:
    """A project; with `yaml`, its first version (checked like `archwright validate`)."""
    if body.yaml is not None:
        parsing.architecture(body.yaml)
    store = store_of(request)
    project = store.create_project(body.name, body.yaml, body.author)
    head = store.head(project.id)
    headers = {"ETag": quoted(head.etag)} if head else {}
    return json_reply(project_json(project), 201, headers)


@router.get("/{project_id}")
def get_project(project_id: ProjectId, request: Request) -> JSONResponse:
    return json_reply(project_json(store_of(request).project(project_id)))


@router.patch("/{project_id}")
def rename_project(project_id: ProjectId, body: Rename, request: Request) -> JSONResponse:
    return json_reply(project_json(store_of(request).rename_project(project_id, body.name)))


@router.delete("/{project_id}", status_code=204)
def delete_project(project_id: ProjectId, request: Request) -> JSONResponse:
    store_of(request).delete_project(project_id)
    return JSONResponse(None, 204)


@router.get("/{project_id}/model")
def get_model(project_id: ProjectId, request: Request) -> JSONResponse:
    """The head version's text, with its ETag (send it back as If-Match to save)."""
    head = store_of(request).head(project_id)
    if head is None:
        raise ApiError(404, "the project has no version yet")
    return json_reply(version_json(head, text=True), headers={"ETag": quoted(head.etag)})


@router.put("/{project_id}/model")
def save_model(
    project_id: ProjectId,
    body: Save,
    request: Request,
    if_match: str | None = Header(None, description="The head's ETag this save is based on."),
) -> JSONResponse:
    """Save a new version (checked first); 412 when someone saved since you loaded.

    A save based on an old version is refused before its model is parsed: under
    contention most saves are stale, and parsing was most of their cost. The store
    checks the base again, atomically, when it writes."""
    store = store_of(request)
    expected = unquoted(if_match)
    current = store.head(project_id)
    if expected is None and current is not None:
        raise ApiError(428, "send the ETag of the version you edited as If-Match")
    check_base(current, expected)
    parsing.architecture(body.yaml)
    version = store.save(project_id, body.yaml, body.author or "web", expected)
    return json_reply(_with_diff(store, project_id, version), 201, {"ETag": quoted(version.etag)})


@router.get("/{project_id}/versions")
def list_versions(project_id: ProjectId, request: Request) -> JSONResponse:
    versions = store_of(request).versions(project_id)
    return json_reply({"versions": [version_json(v, text=False) for v in versions]})


@router.get("/{project_id}/versions/{number}")
def get_version(project_id: ProjectId, number: Number, request: Request) -> JSONResponse:
    """One version's text and its diff from its parent."""
    store = store_of(request)
    version = store.version(project_id, number)
    return json_reply(
        _with_diff(store, project_id, version), headers={"ETag": quoted(version.etag)}
    )
