"""`archwright ask`: questions in words, answered by the engines (docs/ask.md).

`answer(question, arch, ...) -> Answer` is the one entry point; the CLI and the web chat
panel both call it. An Answer carries the intent and slots the router read, the text,
the engine figures, the command that reproduces them, the case against any
recommendation, and for an edit the diff and before/after figures to accept.
"""

from archwright.advise.ask.accept import StaleFile, apply_edit
from archwright.advise.ask.asked import NO_FILE
from archwright.advise.ask.conversation import Conversation
from archwright.advise.ask.deltas import render_delta
from archwright.advise.ask.entry import MAX_QUESTION, QuestionError, answer
from archwright.advise.ask.result import Answer, Delta, Edit, Figure, Route, Slots
from archwright.advise.ask.route import route

__all__ = [
    "MAX_QUESTION",
    "NO_FILE",
    "Answer",
    "Conversation",
    "Delta",
    "Edit",
    "Figure",
    "QuestionError",
    "Route",
    "Slots",
    "StaleFile",
    "answer",
    "apply_edit",
    "render_delta",
    "route",
]
