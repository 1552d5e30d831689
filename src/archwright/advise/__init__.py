"""The design partner: trade-offs, selection, estimates, ADRs, SLOs, migration plans.

Every answer is computed from data (kb/tradeoffs, the catalog) and the architecture
model, under the context of a requirements file, with the reasons kept beside the numbers.

The trade-off names below are imported from their modules on first use
(`archwright.lazy`): `critique` and `review` import `archwright.advise.critique` or
`.review`, which loaded the trade-off knowledge base and its models with the package
(~0.05 G instructions, issue 16) and never used them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archwright.lazy import lazy_exports

if TYPE_CHECKING:
    from archwright.advise.tradeoff import Candidate, TradeoffError, evaluate
    from archwright.kb.context import Context, context_from

_HOME = {
    "Candidate": "archwright.advise.tradeoff",
    "TradeoffError": "archwright.advise.tradeoff",
    "evaluate": "archwright.advise.tradeoff",
    "Context": "archwright.kb.context",
    "context_from": "archwright.kb.context",
}

__all__ = ["Candidate", "Context", "TradeoffError", "context_from", "evaluate"]

__getattr__ = lazy_exports(__name__, _HOME)
