"""The analysis engines on a model sent as text: the same calls the CLI commands make.

validate → `archwright validate`, audit → `archwright audit`, cost → `archwright cost`,
simulate / chaos / availability → the commands of the same names, compare → `archwright
compare`. Each endpoint parses the text (a 422 naming line and place when it is not a
valid model) and returns the engine's own result as JSON.
"""

from __future__ import annotations

import json

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from archwright.web import parsing
from archwright.web.bodies import (
    AuditRequest,
    AvailabilityRequest,
    ChaosRequest,
    CompareRequest,
    CostRequest,
    ModelText,
    SimulateRequest,
)
from archwright.web.errors import ApiError
from archwright.web.replies import json_reply

router = APIRouter(prefix="/api", tags=["analysis"])


@router.post("/validate")
def validate(body: ModelText) -> JSONResponse:
    """Shape, kinds, references and units; traffic warnings (like `archwright validate`)."""
    from archwright.archfile import FileProblem
    from archwright.cost.traffic_checks import check_traffic

    try:
        arch = parsing.architecture(body.yaml)
    except FileProblem as exc:
        return json_reply({"valid": False, "problems": exc.lines(), "warnings": []})
    warnings = [f"{p.path}: {p.message}" if p.path else p.message for p in check_traffic(arch)]
    return json_reply(
        {
            "valid": True,
            "problems": [],
            "warnings": warnings,
            "components": len(arch.components),
            "connections": len(arch.connections),
        }
    )


def _audit(body: AuditRequest) -> tuple[object, object]:
    from archwright.audit import UnknownSelector, audit

    arch = parsing.architecture(body.yaml)
    try:
        return audit(arch, only=body.only, skip=body.skip), arch
    except UnknownSelector as exc:
        raise ApiError(400, str(exc)) from None


@router.post("/audit")
def audit(body: AuditRequest) -> JSONResponse:
    """Findings (with the component ids they target) and grades A-F per category."""
    from archwright.audit.render import to_json

    report, _ = _audit(body)
    return json_reply(to_json(report))  # type: ignore[arg-type]


@router.post("/audit/sarif")
def audit_sarif(body: AuditRequest) -> Response:
    """The same audit as a SARIF 2.1.0 log, as a download."""
    from archwright.archfile.jsonsafe import finite
    from archwright.audit.sarif import to_sarif

    report, arch = _audit(body)
    log = to_sarif(report, arch, body.yaml, "archwright.yaml")  # type: ignore[arg-type]
    return Response(
        json.dumps(finite(log), indent=2, ensure_ascii=False),
        media_type="application/sarif+json",
        headers={"Content-Disposition": 'attachment; filename="archwright.sarif"'},
    )


@router.post("/cost")
def cost(body: CostRequest) -> JSONResponse:
    """Monthly cost per component and in total, with assumptions and cheaper options."""
    from archwright.cost import CLOUDS, monthly_cost
    from archwright.cost.report import to_json
    from archwright.kb.catalog import load_catalog

    if body.cloud is not None and body.cloud not in CLOUDS:
        raise ApiError(400, f"unknown cloud {body.cloud!r}; choose from: {', '.join(CLOUDS)}")
    arch = parsing.architecture(body.yaml)
    return json_reply(to_json(monthly_cost(arch, load_catalog(), body.cloud)))


@router.post("/simulate")
def simulate(body: SimulateRequest) -> JSONResponse:
    """Utilisation, latency and ceiling of every component and the bottleneck at `rps`."""
    from archwright.simulate.load import simulate as run

    arch = parsing.architecture(body.yaml)
    return json_reply(run(arch, body.rps, body.scale))


@router.post("/chaos")
def chaos(body: ChaosRequest) -> JSONResponse:
    """Fail components, zones or a region (or slow a component): the cascade, step by step."""
    from archwright.simulate.chaos import ChaosInputError, Scenario, parse_slow
    from archwright.simulate.chaos import chaos as run
    from archwright.simulate.load import default_rps

    if not (body.fail or body.zones or body.region or body.slow):
        raise ApiError(400, "nothing to break: give fail, zones, region or slow")
    arch = parsing.architecture(body.yaml)
    try:
        scenario = Scenario(
            fail=body.fail, zones=body.zones, region=body.region, slow=parse_slow(body.slow)
        )
        return json_reply(run(arch, scenario, body.rps or default_rps(arch)))
    except ChaosInputError as exc:
        raise ApiError(400, str(exc)) from None


@router.post("/availability")
def availability(body: AvailabilityRequest) -> JSONResponse:
    """Composite availability of every journey against the SLO (exact where possible)."""
    from archwright.simulate.availability import availability as run
    from archwright.simulate.load import default_rps

    arch = parsing.architecture(body.yaml)
    load = body.rps or default_rps(arch)
    return json_reply(run(arch, load, method="auto", samples=body.samples, seed=body.seed))


@router.post("/compare")
def compare(body: CompareRequest) -> JSONResponse:
    """Two models side by side: structure, audit, cost, capacity and availability deltas."""
    from archwright.advise.compare import compare as run

    a = parsing.architecture(body.a, "a")
    b = parsing.architecture(body.b, "b")
    return json_reply(run(a, b))
