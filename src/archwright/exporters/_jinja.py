"""Jinja2 for the text exporters: templates are package files, model values are only
ever context values (never template source), undefined names fail loudly.

Filters escape per target: `md` (one line of Markdown: HTML and table pipes neutralised),
`mdblock` (a paragraph: HTML neutralised, lines kept), `py` (a Python string literal),
`js` (a JavaScript/Java string literal: JSON with every non-ASCII character escaped).
"""

from __future__ import annotations

import html
import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined


def md_inline(text: object) -> str:
    """One line of Markdown: no HTML, no table breaks, no line breaks."""
    value = html.escape(str(text), quote=False).replace("|", "\\|")
    return " ".join(value.split())


def md_block(text: object) -> str:
    """A Markdown paragraph: no HTML; lines kept."""
    return html.escape(str(text), quote=False).replace("\r", "")


def py_string(text: object) -> str:
    """A double-quoted Python string literal, written the way `ruff format` writes it."""
    value = str(text)
    if '"' in value and "'" not in value:
        return repr(value)
    body = "".join(
        "\\\\" if ch == "\\" else '\\"' if ch == '"' else ch if ch.isprintable() else repr(ch)[1:-1]
        for ch in value
    )
    return f'"{body}"'


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archwright.exporters", "templates"),
        autoescape=False,  # Markdown and Python: escaped by the filters below
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_inline
    env.filters["mdblock"] = md_block
    env.filters["py"] = py_string
    env.filters["js"] = json.dumps
    return env


def render_template(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
