"""The design partner: trade-offs, selection, estimates, ADRs, SLOs, migration plans.

Every answer is computed from data (kb/tradeoffs, the catalog) and the architecture
model, under the context of a requirements file, with the reasons kept beside the numbers.
"""

from archwright.advise.tradeoff import Candidate, TradeoffError, evaluate
from archwright.kb.context import Context, context_from

__all__ = ["Candidate", "Context", "TradeoffError", "context_from", "evaluate"]
