"""What one turn is asked about: the question, the model, the optional requirements."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from archwright.advise.ask.result import Answer, Figure, Slots
from archwright.kb.catalog import Catalog
from archwright.model import Architecture, Requirements

NO_FILE = "ARCH"
"""How commands name the model when it came from no file (the web workbench, a test)."""


@dataclass(frozen=True)
class Asked:
    question: str
    intent: str
    slots: Slots
    arch: Architecture
    arch_name: str
    spec: Requirements | None
    spec_name: str | None
    catalog: Catalog

    @property
    def requirements(self) -> Requirements:
        """The stated requirements: the --spec file, else the model's own."""
        return self.spec if self.spec is not None else self.arch.requirements

    def command(self, *words: str) -> str:
        """A shell command line, every argument quoted where it needs to be."""
        return " ".join(shlex.quote(w) for w in words)

    def spec_args(self) -> tuple[str, ...]:
        """Where `select`/`tradeoff` read the same requirements: --spec, else the model."""
        if self.spec_name:
            return ("--spec", self.spec_name)
        return ("--arch", self.arch_name) if self.arch_name != NO_FILE else ()

    def reply(
        self,
        text: str,
        figures: list[Figure] | None = None,
        command: str = "",
        pushback: list[str] | None = None,
        records: list[tuple[str, str]] | None = None,
    ) -> Answer:
        return Answer(
            question=self.question,
            intent=self.intent,
            slots=self.slots,
            text=text,
            figures=tuple(figures or ()),
            command=command,
            pushback=tuple(pushback or ()),
            records=tuple(records or ()),
        )

    def ask_back(self, text: str) -> Answer:
        """A slot the intent needs is missing: say what to add, compute nothing."""
        return self.reply(text)

    def component_list(self) -> str:
        return ", ".join(c.id for c in self.arch.components)
