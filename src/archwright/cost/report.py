"""An estimate as plain data (JSON), for the CLI and the web workbench alike."""

from __future__ import annotations

from typing import Any

from archwright.cost.estimate import Estimate


def to_json(result: Estimate) -> dict[str, Any]:
    """SPEC §4 shape plus `alternatives` and per-component `priced`/`technology`.

    The one JSON form of an estimate: `archwright cost --format json` prints it and the
    web workbench's cost panel receives it.
    """
    return {
        "cloud": result.cloud,
        "currency": result.currency,
        "monthly_total": result.monthly_total,
        "transaction_fees": result.transaction_fees,
        "monthly_low": result.monthly_low,
        "monthly_high": result.monthly_high,
        "components": {
            cid: {
                "monthly": c.monthly,
                "basis": c.basis,
                "priced": c.priced,
                "technology": c.technology,
                "in_total": c.in_total,
            }
            for cid, c in result.components.items()
        },
        "network": {
            line: {"monthly": c.monthly, "basis": c.basis, "priced": c.priced}
            for line, c in result.network.items()
        },
        "warnings": result.warnings,
        "assumptions": result.assumptions,
        "alternatives": [
            {
                "component": a.component,
                "current": a.current,
                "suggestion": a.suggestion,
                "current_monthly": a.current_monthly,
                "suggested_monthly": a.suggested_monthly,
                "monthly_saving": round(a.saving, 2),
                "tradeoff": a.tradeoff,
            }
            for a in result.alternatives
        ],
    }
