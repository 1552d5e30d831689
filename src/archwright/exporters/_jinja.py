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

from jinja2 import Environment, PackageLoader, StrictUndefined, meta


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
        # package files do not change while a process runs: no stat of the template
        # per render (three per service of a scaffold, 14,000 at 10k components)
        auto_reload=False,
    )
    env.filters["md"] = md_inline
    env.filters["mdblock"] = md_block
    env.filters["py"] = py_string
    env.filters["js"] = json.dumps
    return env


@cache
def _constant(name: str) -> str | None:
    """The text of a template that reads nothing from its context (no free name, no
    other template), rendered once per process: a scaffold renders each service's
    contract test from one (thousands of times at 10k components, issue 16)."""
    env = environment()
    assert env.loader is not None
    tree = env.parse(env.loader.get_source(env, name)[0])
    if meta.find_undeclared_variables(tree) or any(meta.find_referenced_templates(tree)):
        return None
    return env.get_template(name).render()


def render_template(name: str, **context: Any) -> str:
    constant = _constant(name)
    if constant is not None:
        return constant
    return environment().get_template(name).render(**context)
