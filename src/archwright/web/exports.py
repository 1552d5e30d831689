"""Every export format as a zip download: the exporter's files, checked like `-o` would be.

The files pass the same path checks the folder export applies
(`archwright.exporters._staging.planned`), then go into a zip in memory; nothing is
written to the server's disk.
"""

from __future__ import annotations

import io
import zipfile

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from archwright.web import parsing
from archwright.web.bodies import ExportRequest
from archwright.web.errors import ApiError
from archwright.web.replies import json_reply

router = APIRouter(prefix="/api", tags=["exports"])

MAX_ZIP_BYTES = 50_000_000
_STAMP = (2020, 1, 1, 0, 0, 0)
"""Fixed entry dates: the same model gives the same zip, byte for byte."""


@router.get("/formats")
def formats() -> JSONResponse:
    """Every export format with its one-line summary and category."""
    from archwright.exporters import registry

    return json_reply(
        {
            "formats": [
                {"name": name, "summary": e.summary, "category": e.category}
                for name, e in sorted(registry.exporters().items())
            ]
        }
    )


@router.post("/export")
def export(body: ExportRequest) -> Response:
    """The export as `<format>.zip`; what the format cannot express in X-Archwright-Losses."""
    from archwright.exporters import registry
    from archwright.exporters._staging import planned
    from archwright.exporters.exporter import ExportError, UnsafePath

    try:
        registry.load(body.format)
    except KeyError as exc:
        raise ApiError(400, str(exc.args[0])) from None
    arch = parsing.architecture(body.yaml)
    try:
        module = registry.prepare(body.format, arch)
        files = planned(module.render(arch))
        lost = registry.losses(body.format, arch)
    except (ExportError, UnsafePath) as exc:
        raise ApiError(400, str(exc)) from None
    data = _zip(files)
    return Response(
        data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{body.format}.zip"',
            "X-Archwright-Losses": str(len(lost)),
        },
    )


def _zip(files: dict[str, bytes]) -> bytes:
    if sum(len(b) for b in files.values()) > MAX_ZIP_BYTES:
        raise ApiError(413, f"the export is larger than {MAX_ZIP_BYTES:,} bytes")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(files.items()):
            info = zipfile.ZipInfo(path, _STAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
