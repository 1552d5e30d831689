"""A ceiling on tokens and dollars per run, checked before every call and charged after.

The check uses a cheap estimate of the prompt (four characters a token) so that a call
which would certainly cross the line is never made; the charge uses the usage the
provider reports. Cache hits cost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from archwright.llm.errors import BudgetExceeded
from archwright.llm.request import Request, Usage

CHARS_PER_TOKEN = 4


@dataclass
class Budget:
    max_tokens: int | None
    max_usd: float | None
    tokens: int = 0
    usd: float = 0.0

    def check(self, request: Request) -> None:
        estimate = request.prompt_chars() // CHARS_PER_TOKEN
        if self.max_tokens is not None and self.tokens + estimate > self.max_tokens:
            raise BudgetExceeded(
                f"token budget of {self.max_tokens:,} per run reached "
                f"({self.tokens:,} used, this prompt needs about {estimate:,})"
            )
        if self.max_usd is not None and self.usd >= self.max_usd:
            raise BudgetExceeded(
                f"cost budget of ${self.max_usd:.2f} per run reached (${self.usd:.4f} spent)"
            )

    def charge(self, usage: Usage, usd: float) -> None:
        self.tokens += usage.total
        self.usd += usd
