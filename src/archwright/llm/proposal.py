"""Asking a model to propose an architecture for a description or requirements file.

The model proposes the shape (components, connections, journeys, decisions); the
built-in engine sizes and audits it afterwards, so the request asks for structure and
reasons, not for numbers the engine computes better. Technologies must come from the
catalog: a name the catalog does not know goes back through the repair loop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from archwright.kb.catalog import Catalog
from archwright.llm.request import Message, Request
from archwright.llm.structured import OutputInvalid, parse_architecture
from archwright.llm.untrusted import DATA_RULES, quote
from archwright.model import Architecture, Kind, Requirements

MAX_TECHNOLOGIES_LISTED = 400


def proposal_request(description: str, requirements: Requirements, catalog: Catalog) -> Request:
    """The design request: our instructions outside, the person's text inside data markers."""
    by_kind: dict[str, list[str]] = {}
    for tech in catalog.technologies[:MAX_TECHNOLOGIES_LISTED]:
        by_kind.setdefault(tech.kind.value, []).append(tech.name)
    system = (
        "You are a principal software architect. Propose an architecture for the system "
        "described by the user, as JSON following the given schema. Use component kinds "
        "from the schema and technologies only from the catalog list (or leave technology "
        "empty). Give every component a short stable id (lowercase, hyphens), connect them "
        "with the protocols they really use, add the main user journeys and the key "
        "decisions with alternatives. Do not size replicas precisely; archwright sizes the "
        "design from the load afterwards.\n\n" + DATA_RULES
    )
    req_data = requirements.model_dump(mode="json", exclude_defaults=True)
    user = "\n\n".join(
        [
            "Catalog technologies by kind: "
            + json.dumps(dict(sorted(by_kind.items())), separators=(",", ":")),
            "Component kinds: " + ", ".join(k.value for k in Kind),
            quote("system description", description.strip() or "(none given)"),
            quote("requirements (JSON)", json.dumps(req_data, indent=1, ensure_ascii=False)),
            "Propose the architecture.",
        ]
    )
    return Request(
        (Message("system", system), Message("user", user)),
        schema=Architecture.model_json_schema(),
        schema_name="architecture",
        max_tokens=8192,
    )


def proposal_parser(catalog: Catalog) -> Callable[[Any], Architecture]:
    """Model validation, then the catalog: unknown technologies are problems to repair."""

    def parse(data: Any) -> Architecture:
        arch = parse_architecture(data)
        problems = []
        for i, comp in enumerate(arch.components):
            if comp.technology and catalog.find(comp.technology) is None:
                options = [t.name for t in catalog.of_kind(comp.kind)][:8]
                hint = (
                    f"; for a {comp.kind.value} use one of {', '.join(options)}" if options else ""
                )
                problems.append(
                    f"components[{i}].technology: {comp.technology!r} is not in the catalog"
                    f"{hint}, or leave it empty"
                )
        if not arch.components:
            problems.append("components: propose at least one component")
        if problems:
            raise OutputInvalid(problems)
        return arch

    return parse
