"""OpenAI-compatible chat completions: OpenAI, Azure OpenAI, vLLM, Ollama /v1, LM Studio, llama.cpp.

Structured output uses `response_format: {type: json_schema}`; `strict` stays off
because strict mode rejects schemas with open maps (our `properties` fields), and the
answer is validated by the model anyway.
"""

from __future__ import annotations

from typing import Any

from archwright.llm.config import Endpoint
from archwright.llm.provider import HttpCaller, count, field
from archwright.llm.redact import Redactor
from archwright.llm.request import Request, Response, Usage

AZURE_DEFAULT_API_VERSION = "2024-10-21"


class OpenAICompatible:
    def __init__(
        self, name: str, endpoint: Endpoint, timeout_s: float, redact: Redactor, max_bytes: int
    ) -> None:
        self.name = name
        self.endpoint = endpoint.base_url
        self.azure = name == "azure"
        self.api_version = endpoint.api_version or AZURE_DEFAULT_API_VERSION
        headers = {"content-type": "application/json"}
        if endpoint.api_key:
            if self.azure:
                headers["api-key"] = endpoint.api_key
            else:
                headers["authorization"] = f"Bearer {endpoint.api_key}"
        self.http = HttpCaller(endpoint.base_url, headers, timeout_s, redact, max_bytes)

    def body(self, request: Request) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": request.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
        }
        if request.schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": request.schema,
                    "strict": False,
                },
            }
        return body

    def complete(self, request: Request, seconds: float | None = None) -> Response:
        if self.azure:
            data = self.http.post(
                f"/openai/deployments/{request.model}/chat/completions",
                self.body(request),
                params={"api-version": self.api_version},
                seconds=seconds,
            )
        else:
            data = self.http.post("/chat/completions", self.body(request), seconds=seconds)
        content = field(data, "choices", 0, "message", "content")
        usage = data.get("usage", {}) if isinstance(data, dict) else {}
        return Response(
            text=content if isinstance(content, str) else "",
            usage=Usage(count(usage, "prompt_tokens"), count(usage, "completion_tokens")),
            provider=self.name,
            model=request.model,
        )

    def close(self) -> None:
        self.http.close()
