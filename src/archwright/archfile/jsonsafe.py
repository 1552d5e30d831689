"""JSON that every parser accepts: the one mapping of unbounded and undefined numbers."""

from __future__ import annotations

import math
from typing import Any


def finite(data: Any) -> Any:
    """`data` with every non-finite float replaced, so the document is JSON (RFC 8259).

    Python writes `Infinity` and `NaN`, which no JSON parser accepts. An unbounded value
    (the ceiling of a component with no capacity limit, a saturated queue's latency) is
    written as the string "inf" (or "-inf"); an undefined one (NaN) as null. The mapping
    is documented in docs/model.md (Bounds).
    """
    if isinstance(data, float):
        if math.isnan(data):
            return None
        if math.isinf(data):
            return "inf" if data > 0 else "-inf"
        return data
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(value) for value in data]
    return data
