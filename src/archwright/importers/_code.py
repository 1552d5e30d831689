"""Peer addresses and ORM models in source code, found by reading it (never running it).

Most services name their peers in code: `Redis(host="redis")`, `"Server=db;..."`,
`os.getenv("ORDERS_URL", "http://orders:8080")`, `postgres://app@db/app`. A string
literal is scanned for addresses with the identifier (or the env-var name) just before
it as its key, so a bare word counts only after an address-like name, as in config
files. ORM files are dispatched to the reader of their framework.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from archwright.importers._edges import Address, addresses_in, is_address_key
from archwright.importers._orm import OrmModel
from archwright.importers._orm_python import read_python
from archwright.importers._orm_schema import read_jpa, read_prisma, read_typeorm

SOURCE_SUFFIXES = frozenset(
    {".py", ".js", ".mjs", ".cjs", ".ts", ".go", ".java", ".kt", ".cs", ".rb", ".php", ".rs"}
)
_LITERAL = re.compile(r"""(?P<q>["'`])(?P<val>[^"'`\n]{1,300})(?P=q)""")
_SEPARATORS = ("=>", "=", ":", "(", ",")
_STRUCTURE = frozenset(":=/.;")  # a literal without any of these is at most a bare name
_COMMENT = ("#", "//", "*", "/*", "--")
_DJANGO_ENGINE = re.compile(r"django\.db\.backends\.(\w+)")


@dataclass(frozen=True)
class CodeAddress:
    """An address found in a string literal of source code, with where it was written."""

    address: Address
    line: int
    key: str
    text: str


def addresses_in_code(text: str) -> list[CodeAddress]:
    """Addresses written in string literals, with their line and key."""
    out: list[CodeAddress] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(_COMMENT) or len(stripped) > 1000:
            continue
        for m in _LITERAL.finditer(stripped):
            value = m.group("val")
            key = key_before(stripped, m.start())
            if not _STRUCTURE.intersection(value) and not is_address_key(key):
                continue  # a bare word counts only after an address-like name
            for address in addresses_in(value, key):
                out.append(CodeAddress(address, number, key, stripped[:160]))
    return out


def key_before(line: str, start: int) -> str:
    """The name a literal is given to: `host=` / `host:` / `Redis(` / `getenv("HOST", `.

    Read backwards with string operations (no regex search over the prefix), so a line
    of many literals costs linear time."""
    prefix = line[max(0, start - 80) : start].rstrip()
    separator = next((s for s in _SEPARATORS if prefix.endswith(s)), None)
    if separator is None:
        return ""
    prefix = prefix[: -len(separator)].rstrip()
    quoted = prefix.endswith(("'", '"'))
    if quoted:
        prefix = prefix[:-1]
    end = len(prefix)
    begin = end
    while begin > 0 and (prefix[begin - 1].isalnum() or prefix[begin - 1] in "_."):
        begin -= 1
    return prefix[begin:end].rsplit(".", 1)[-1]


def django_engines(text: str) -> list[tuple[int, str]]:
    """`(line, engine)` for every `django.db.backends.<engine>` a settings file names."""
    return [
        (n, m.group(1))
        for n, line in enumerate(text.splitlines(), 1)
        for m in _DJANGO_ENGINE.finditer(line)
    ]


def orm_models(text: str, path: Path, shown: str) -> list[OrmModel]:
    """Models declared in one file (empty when it declares none); ValueError if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".prisma":
        return read_prisma(text, path, shown)
    if suffix == ".ts" and "@Entity" in text:
        return read_typeorm(text, path, shown)
    if suffix in (".java", ".kt") and "@Entity" in text:
        return read_jpa(text, path, shown)
    if suffix == ".py" and (
        path.name == "models.py" or path.parent.name == "models" or "__tablename__" in text
    ):
        try:
            return read_python(text, path, shown)
        except (SyntaxError, RecursionError, MemoryError, ValueError) as exc:
            raise ValueError(f"Python source not parsed ({type(exc).__name__})") from None
    return []


def python_imports(text: str) -> set[str]:
    """Top-level packages a Python file imports (Django app calls between apps)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
    return names
