"""The operations a generated service serves, read from its OpenAPI document.

The OpenAPI exporter's `document` is the one definition of a service's contract; the
scaffold generates handlers and contract tests from the same document, so code, spec
and tests cannot drift apart. Every value here is already safe for code: paths are
normalised, parameter names are identifiers, text is only ever quoted by the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_PARAM = re.compile(r"\{([^}]+)\}")
_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")


@dataclass(frozen=True)
class Operation:
    verb: str  # lower-case HTTP method
    path: str  # OpenAPI path template, `/orders/{id}`
    operation_id: str  # an identifier
    summary: str
    params: tuple[str, ...]
    body: bool
    auth: bool
    statuses: tuple[int, ...]

    @property
    def express_path(self) -> str:
        """`/orders/{id}` → `/orders/:id`."""
        return _PARAM.sub(lambda m: ":" + m.group(1), self.path)

    @property
    def sample_path(self) -> str:
        """A concrete path for a contract test: each parameter becomes `sample`."""
        return _PARAM.sub("sample", self.path)


def operations(document: dict[str, Any], health: str) -> list[Operation]:
    """Every operation of the document except the health check, in document order."""
    out: list[Operation] = []
    for path, item in document["paths"].items():
        for verb in _VERBS:
            op = item.get(verb)
            if op is None or (verb == "get" and path == health):
                continue
            out.append(
                Operation(
                    verb=verb,
                    path=path,
                    operation_id=op["operationId"],
                    summary=op.get("summary", ""),
                    params=tuple(p["name"] for p in op.get("parameters", [])),
                    body="requestBody" in op,
                    auth="security" in op,
                    statuses=tuple(sorted(int(s) for s in op["responses"])),
                )
            )
    return out


def free_name(base: str, taken: tuple[str, ...]) -> str:
    """`base`, or `base_`, `base__`… whichever no path parameter uses."""
    name = base
    while name in taken:
        name += "_"
    return name
