"""Anthropic's messages API. Structured output is a forced tool call whose input_schema is ours."""

from __future__ import annotations

import json
from typing import Any

from archwright.llm.config import Endpoint
from archwright.llm.provider import HttpCaller, count, field
from archwright.llm.redact import Redactor
from archwright.llm.request import Request, Response, Usage

ANTHROPIC_VERSION = "2023-06-01"


class Anthropic:
    def __init__(
        self, name: str, endpoint: Endpoint, timeout_s: float, redact: Redactor, max_bytes: int
    ) -> None:
        self.name = name
        self.endpoint = endpoint.base_url
        headers = {
            "content-type": "application/json",
            "anthropic-version": ANTHROPIC_VERSION,
            "x-api-key": endpoint.api_key,
        }
        self.http = HttpCaller(endpoint.base_url, headers, timeout_s, redact, max_bytes)

    def body(self, request: Request) -> dict[str, Any]:
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        body: dict[str, Any] = {
            "model": request.model,
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "messages": [
                {"role": m.role, "content": m.content}
                for m in request.messages
                if m.role != "system"
            ],
        }
        if system:
            body["system"] = system
        if request.schema is not None:
            body["tools"] = [
                {
                    "name": request.schema_name,
                    "description": "Return the answer through this tool, as its input.",
                    "input_schema": request.schema,
                }
            ]
            body["tool_choice"] = {"type": "tool", "name": request.schema_name}
        return body

    def complete(self, request: Request, seconds: float | None = None) -> Response:
        data = self.http.post("/v1/messages", self.body(request), seconds=seconds)
        blocks = field(data, "content")
        text = ""
        for block in blocks if isinstance(blocks, list) else []:
            if not isinstance(block, dict):
                continue
            if block.get("type") == "tool_use":
                text = json.dumps(block.get("input"), ensure_ascii=False)
                break
            if block.get("type") == "text":
                text += str(block.get("text", ""))
        usage = data.get("usage", {}) if isinstance(data, dict) else {}
        return Response(
            text=text,
            usage=Usage(count(usage, "input_tokens"), count(usage, "output_tokens")),
            provider=self.name,
            model=request.model,
        )

    def close(self) -> None:
        self.http.close()
