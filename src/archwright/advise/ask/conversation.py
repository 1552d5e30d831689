"""A named conversation kept in the project's store: its turns and the model's versions.

A session named NAME is a store conversation titled NAME about a project of the same
name, whose versions are the model file as it was when the session started and after
each accepted edit. It resumes by name, and exports as markdown with an ADR (the adr
engine's MADR) for every decision taken: accepted edits, trade-offs and drafted records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archwright.advise.adr import render_decision
from archwright.advise.ask.result import Answer
from archwright.model import Decision
from archwright.store import Message, Role, Store


@dataclass
class Conversation:
    store: Store
    session_id: str
    project_id: str

    @classmethod
    def open(cls, store: Store, name: str, model_text: str | None) -> Conversation:
        """Resume the conversation titled `name`, or start it (with the model as version 1)."""
        project = next((p for p in store.projects() if p.name == name), None)
        if project is None:
            project = store.create_project(name, model_text, author="archwright ask")
        session = next((s for s in store.sessions(project.id) if s.title == name), None)
        if session is None:
            session = store.create_session(project.id, name)
        return cls(store, session.id, project.id)

    def messages(self) -> list[Message]:
        return self.store.messages(self.session_id)

    def questions(self) -> list[str]:
        """What was asked, oldest first (the interactive prompt's history)."""
        return [m.text for m in self.messages() if m.role is Role.USER]

    def record(self, reply: Answer, accepted_text: str | None = None) -> tuple[Message, Message]:
        """The question and the answer; an accepted edit becomes a new model version.
        Returns the two messages as stored (the web chat shows them with their places)."""
        version_id = None
        if accepted_text is not None:
            head = self.store.head(self.project_id)
            version = self.store.save(
                self.project_id, accepted_text, "archwright ask", head.etag if head else None
            )
            version_id = version.id
        asked = self.store.append(self.session_id, Role.USER, reply.question)
        payload: dict[str, Any] = reply.to_json()
        payload["accepted"] = accepted_text is not None
        said = self.store.append(self.session_id, Role.ASSISTANT, reply.text, payload, version_id)
        return asked, said

    def export_markdown(self, title: str) -> str:
        """The conversation as markdown, then the decisions taken as MADR records."""
        lines = [f"# Conversation: {title}\n"]
        records: list[tuple[str, str]] = []
        for message in self.messages():
            if message.role is Role.USER:
                lines.append(f"## Q: {message.text}\n")
                continue
            lines.append(message.text + "\n")
            payload = message.payload
            if payload.get("command"):
                lines.append(f"Reproduce: `{payload['command']}`\n")
            lines += [f"- Against: {p}" for p in payload.get("pushback", [])]
            records += [(r["file"], r["markdown"]) for r in payload.get("records", [])]
            if payload.get("accepted") and payload.get("edit"):
                records.append(_edit_record(payload, len(records) + 1))
            lines.append("")
        if records:
            lines.append("# Decisions\n")
            lines += [f"{markdown.rstrip()}\n\n---\n" for _, markdown in records]
        return "\n".join(lines).rstrip() + "\n"


def _edit_record(payload: dict[str, Any], number: int) -> tuple[str, str]:
    """An accepted edit as a model decision, rendered by the adr engine."""
    edit = payload["edit"]
    deltas = [
        f"{d['metric']}: {d['before']} -> {d['after']} {d['unit']}".rstrip() for d in edit["deltas"]
    ]
    decision = Decision(
        id=f"ASK-{number:03d}",
        title=edit["summary"],
        context=payload["question"],
        chosen=edit["kind"],
        rationale="accepted in an `archwright ask` session after the figures below",
        consequences=deltas,
        revisit_if=list(payload.get("pushback", [])),
    )
    return render_decision(decision, number)
