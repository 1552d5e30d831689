"""Ollama's native /api/chat: `format` takes the JSON Schema itself, `stream` is turned off."""

from __future__ import annotations

from typing import Any

from archwright.llm.config import Endpoint
from archwright.llm.provider import HttpCaller, count, field
from archwright.llm.redact import Redactor
from archwright.llm.request import Request, Response, Usage


class Ollama:
    def __init__(
        self, name: str, endpoint: Endpoint, timeout_s: float, redact: Redactor, max_bytes: int
    ) -> None:
        self.name = name
        self.endpoint = endpoint.base_url
        self.http = HttpCaller(
            endpoint.base_url, {"content-type": "application/json"}, timeout_s, redact, max_bytes
        )

    def body(self, request: Request) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": request.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "stream": False,
            "options": {"temperature": request.temperature, "num_predict": request.max_tokens},
        }
        if request.schema is not None:
            body["format"] = request.schema
        return body

    def complete(self, request: Request, seconds: float | None = None) -> Response:
        data = self.http.post("/api/chat", self.body(request), seconds=seconds)
        content = field(data, "message", "content")
        return Response(
            text=content if isinstance(content, str) else "",
            usage=Usage(count(data, "prompt_eval_count"), count(data, "eval_count")),
            provider=self.name,
            model=request.model,
        )

    def close(self) -> None:
        self.http.close()
