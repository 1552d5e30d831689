"""Engine results as HTTP responses: finite JSON, records as plain fields."""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

from archwright.archfile.jsonsafe import finite
from archwright.store import Job, Project, Version


class _FiniteJson(JSONResponse):
    """JSON with non-finite numbers mapped by `finite` — walked only when there is one:
    most results have none, and the walk cost about a tenth of an audit's reply."""

    def render(self, content: Any) -> bytes:
        try:
            text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except ValueError:  # an inf or a NaN somewhere
            return super().render(finite(content))
        return text.encode("utf-8")


def json_reply(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    return _FiniteJson(data, status, headers=headers)


def project_json(project: Project) -> dict[str, Any]:
    return {
        "id": project.id,
        "name": project.name,
        "created": project.created.isoformat(),
        "head": project.head,
    }


def version_json(version: Version, *, text: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": version.id,
        "number": version.number,
        "parent": version.parent,
        "author": version.author,
        "created": version.created.isoformat(),
        "etag": version.etag,
    }
    if text:
        data["yaml"] = version.text
    return data


def job_json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state.value,
        "cancel_requested": job.cancel_requested,
        "created": job.created.isoformat(),
        "finished": job.finished.isoformat() if job.finished else None,
        "heartbeat": job.heartbeat.isoformat() if job.heartbeat else None,
        "progress": job.progress,
        "error": job.problem,
    }


def quoted(etag: str) -> str:
    return f'"{etag}"'


def unquoted(header: str | None) -> str | None:
    if header is None:
        return None
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None
