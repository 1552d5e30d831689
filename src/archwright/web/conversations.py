"""The chat panel's conversations, kept as store sessions exactly as `archwright ask
--session` keeps them: `advise.ask.Conversation` records each turn (the question, then
the answer with its payload), so a conversation survives a reload, is read from any
replica, and exports the same way.

A conversation belongs to a project: every route names both, and a session of another
project (or of no project, as a CLI session not tied to one) is answered 404, so a
conversation id alone never opens a project's conversation elsewhere.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import JSONResponse

from archwright.store import Message, Role, Store
from archwright.store import Session as SessionRecord
from archwright.web import parsing
from archwright.web.advice import ASK_FILE
from archwright.web.bodies import AskRequest, NewConversation, Verdict
from archwright.web.errors import ApiError
from archwright.web.projects import ProjectId, store_of
from archwright.web.replies import json_reply

router = APIRouter(prefix="/api/projects/{project_id}/conversations", tags=["conversations"])

SessionId = Annotated[
    str, Path(pattern=r"^[0-9a-f]{32}$", description="The conversation's id (32 hex digits).")
]
VERDICTS = {
    "accepted": "Accepted: saved as version {version}.",
    "refused": "Refused: the project is unchanged.",
    "not_applied": "Not applied: {reason}",
}


def session_json(session: SessionRecord) -> dict[str, Any]:
    return {"id": session.id, "title": session.title, "created": session.created.isoformat()}


def message_json(message: Message) -> dict[str, Any]:
    return {
        "position": message.position,
        "role": message.role.value,
        "text": message.text,
        "payload": message.payload,
        "created": message.created.isoformat(),
    }


def _owned(store: Store, project_id: str, session_id: str) -> SessionRecord:
    """The conversation, if it is about this project (404 otherwise, as if absent)."""
    store.project(project_id)
    session = store.session(session_id)
    if session.project_id != project_id:
        raise ApiError(404, f"project {project_id} has no conversation {session_id}")
    return session


@router.get("")
def list_conversations(project_id: ProjectId, request: Request) -> JSONResponse:
    """The project's conversations, oldest first (the page resumes the newest)."""
    sessions = store_of(request).sessions(project_id)
    return json_reply({"conversations": [session_json(s) for s in sessions]})


@router.post("", status_code=201)
def create_conversation(
    project_id: ProjectId, body: NewConversation, request: Request
) -> JSONResponse:
    session = store_of(request).create_session(project_id, body.title)
    return json_reply(session_json(session), 201)


@router.get("/{session_id}")
def get_conversation(
    project_id: ProjectId, session_id: SessionId, request: Request
) -> JSONResponse:
    """The conversation with every message in order (answers carry their payload)."""
    store = store_of(request)
    session = _owned(store, project_id, session_id)
    messages = store.messages(session_id)
    return json_reply({**session_json(session), "messages": [message_json(m) for m in messages]})


@router.post("/{session_id}/turns", status_code=201)
def ask_turn(
    project_id: ProjectId, session_id: SessionId, body: AskRequest, request: Request
) -> JSONResponse:
    """One turn, answered by `advise.ask.answer` on the editor's model and recorded by
    `Conversation.record` (as `ask --session` records it). Nothing is saved to the model:
    an edit is accepted through the page's save, then its verdict posted."""
    from archwright.advise.ask import Conversation, QuestionError, answer

    store = store_of(request)
    _owned(store, project_id, session_id)
    arch = parsing.architecture(body.yaml)
    try:
        reply = answer(body.question, arch, arch_name=ASK_FILE)
    except QuestionError as exc:
        raise ApiError(400, str(exc)) from None
    question, said = Conversation(store, session_id, project_id).record(reply)
    return json_reply({"question": message_json(question), "answer": message_json(said)}, 201)


@router.post("/{session_id}/verdicts", status_code=201)
def add_verdict(
    project_id: ProjectId, session_id: SessionId, body: Verdict, request: Request
) -> JSONResponse:
    """What became of an answer's edit: accepted (naming the version it was saved as),
    refused, or not applied (and why). Kept as a system message linked to the version."""
    store = store_of(request)
    _owned(store, project_id, session_id)
    said = next((m for m in store.messages(session_id) if m.position == body.answer), None)
    if said is None or said.role is not Role.ASSISTANT or not said.payload.get("edit"):
        raise ApiError(400, f"message {body.answer} of this conversation proposes no edit")
    version_id = None
    if body.verdict == "accepted":
        if body.version is None:
            raise ApiError(400, "an accepted edit names the version it was saved as")
        version_id = store.version(project_id, body.version).id
    text = VERDICTS[body.verdict].format(version=body.version, reason=body.reason or "")
    payload = {"verdict": body.verdict, "answer": body.answer, "version": body.version}
    message = store.append(session_id, Role.SYSTEM, text, payload, version_id)
    return json_reply(message_json(message), 201)
