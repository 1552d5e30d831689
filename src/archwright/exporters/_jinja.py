"""Jinja2 for the text exporters: templates are package files, model values are only
ever context values (never template source), undefined names fail loudly.

Filters escape per target: `md` (one line of Markdown: HTML and table pipes neutralised),
`mdblock` (a paragraph: HTML neutralised, lines kept), `py` (a Python string literal),
`js` (a JavaScript/Java string literal: JSON with every non-ASCII character escaped).
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
from functools import cache, lru_cache
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, meta
from jinja2.bccache import Bucket

from archwright.cachedir import cache_folder, ours_alone

# How the templates are compiled; part of the bytecode cache's file names, so a change
# here never reuses code compiled under the old settings.
_OPTIONS: dict[str, Any] = {
    "autoescape": False,  # Markdown and Python: escaped by the filters below
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
}


def md_inline(text: object) -> str:
    """One line of Markdown: no HTML, no table breaks, no line breaks."""
    return _inline(str(text))


@lru_cache(maxsize=100_000)
def _inline(text: str) -> str:
    """`md_inline` of a string, kept per text (keyed by the string, so 1 and 1.0 stay
    apart): labels and technologies repeat across a design document."""
    return " ".join(html.escape(text, quote=False).replace("|", "\\|").split())


def md_block(text: object) -> str:
    """A Markdown paragraph: no HTML; lines kept."""
    return html.escape(str(text), quote=False).replace("\r", "")


def py_string(text: object) -> str:
    """A double-quoted Python string literal, written the way `ruff format` writes it."""
    value = str(text)
    if '"' in value and "'" not in value:
        return repr(value)
    if "\\" not in value and '"' not in value and value.isprintable():
        return f'"{value}"'  # nothing to escape: most labels (a loop per character else)
    body = "".join(
        "\\\\" if ch == "\\" else '\\"' if ch == '"' else ch if ch.isprintable() else repr(ch)[1:-1]
        for ch in value
    )
    return f'"{body}"'


class _BestEffortCache(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, where a cache that cannot be written
    (read-only or full disk) means compiling again next time, not a failed export."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """The compiled templates under the user cache folder, or None without one.

    Compiling a template (lexing, parsing, generating and compiling Python) costs
    more than rendering it: about 4% of `export --to scaffold`'s profile on a
    50-component model (issue 16). Jinja checks each cached entry
    against the template's source and its own and Python's versions; the file name
    adds these compile settings.
    """
    folder = cache_folder()
    if folder is None:
        return None
    target = folder / "templates"
    try:
        target.mkdir(mode=0o700, parents=True, exist_ok=True)
        mark = target.stat()
    except OSError:
        return None
    # compiled code is loaded from here: only a folder that is ours alone may hold it
    if not ours_alone(mark):
        return None
    settings = hashlib.sha256(repr(sorted(_OPTIONS.items())).encode()).hexdigest()[:16]
    return _BestEffortCache(str(target), f"exporters-{settings}-%s.cache")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("archwright.exporters", "templates"),
        undefined=StrictUndefined,
        # package files do not change while a process runs: no stat of the template
        # per render (three per service of a scaffold, 14,000 at 10k components)
        auto_reload=False,
        bytecode_cache=bytecode_cache(),
        **_OPTIONS,
    )
    env.filters["md"] = md_inline
    env.filters["mdblock"] = md_block
    env.filters["py"] = py_string
    env.filters["js"] = json.dumps
    return env


# Renders of one template before it is asked whether it is constant. Asking parses the
# template and walks its tree (0.1-19 ms a template, the design document's the most),
# which the compiled-code cache does not save: asked on the first render it was 122 M
# of the 1,668 M instructions of a 50-component scaffold (issue 16), for templates
# rendered once or a few dozen times, whose renders cost microseconds (7 us for the
# contract test). Past this count the answer pays for itself.
_ASK_AFTER = 64
_RENDERS: dict[str, int] = {}


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
    count = _RENDERS[name] = _RENDERS.get(name, 0) + 1
    if count > _ASK_AFTER:
        constant = _constant(name)
        if constant is not None:
            return constant
    return environment().get_template(name).render(**context)
