"""Entities of the model's SQL stores, with safe identifiers, shared by the SQL, Prisma and
OpenAPI exporters.

Table and column names are sanitized to `[a-z_][a-z0-9_]*` (unique per store and per
table, hash-suffixed on collision), so generated DDL never needs quoting; the original
names survive as comments (SQL string literals, escaped).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from archwright.exporters._data import data_text, data_yaml
from archwright.exporters._names import ident_namer
from archwright.model import Architecture, Column, Component, Entity, Kind

SQL_KINDS = frozenset({Kind.SQL_DB, Kind.VECTOR_DB})


@cache
def reserved_words() -> frozenset[str]:
    """PostgreSQL's reserved words, from `data/postgres_reserved.txt`."""
    text = data_text("postgres_reserved.txt")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return frozenset(word for line in lines for word in line.split())


def column_types() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = data_yaml("column_types.yaml")
    return data


def type_of(column: Column) -> dict[str, Any]:
    types = column_types()
    return types.get(column.type.lower().strip(), types["text"])


@dataclass(frozen=True)
class Table:
    entity: Entity
    name: str
    columns: list[tuple[Column, str]]

    def column(self, original: str) -> str | None:
        for col, name in self.columns:
            if col.name == original:
                return name
        return None


def tables_of(component: Component) -> list[Table]:
    """The component's entities with unique safe names, in model order."""
    tables = ident_namer([e.name for e in component.entities], reserved=reserved_words())
    out = []
    seen: set[str] = set()
    for entity in component.entities:
        if entity.name in seen:  # a repeated entity name: the first one wins
            continue
        seen.add(entity.name)
        columns = ident_namer([c.name for c in entity.columns], reserved=reserved_words())
        kept: list[tuple[Column, str]] = []
        names: set[str] = set()
        for col in entity.columns:
            if col.name not in names:
                names.add(col.name)
                kept.append((col, columns(col.name)))
        out.append(Table(entity, tables(entity.name), kept))
    return out


def sql_stores(arch: Architecture) -> list[Component]:
    """Relational stores that have entities, sorted by id."""
    return sorted(
        (c for c in arch.components if c.kind in SQL_KINDS and c.entities), key=lambda c: c.id
    )


def resolve_reference(tables: list[Table], ref: str) -> tuple[Table, str] | None:
    """`entity.field` → (table, column name), when both exist in the same store."""
    entity, _, field = ref.rpartition(".")
    for table in tables:
        if table.entity.name == entity:
            column = table.column(field)
            if column is not None:
                return table, column
    return None


def can_reference(col: Column, table: Table, column: str) -> bool:
    """A foreign key needs its target unique (a sole primary key or UNIQUE) and the
    same type: PostgreSQL refuses anything else, and so does Prisma."""
    keys = [c for c, _ in table.columns if c.primary_key]
    for other, name in table.columns:
        if name == column:
            unique = other.unique or (other.primary_key and len(keys) == 1)
            return unique and type_of(other)["postgres"] == type_of(col)["postgres"]
    return False
