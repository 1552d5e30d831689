"""ORM models found in source: the tables a codebase owns, by module, with foreign keys.

A monolith's modules are only separable along its data: which module's models own which
tables, and which foreign keys cross between modules. Django apps, SQLAlchemy declarative
classes, Prisma schemas, TypeORM and JPA entities all say this in source, so it is read
(never imported or run) and becomes entities on the datastore plus `properties.modules`
on the unit, which the migration planner turns into its coupling graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from archwright.model import Column, Entity


@dataclass(frozen=True)
class OrmField:
    """One column of an ORM model, as its declaration states it."""

    name: str
    type: str = "text"
    primary_key: bool = False
    nullable: bool = True
    unique: bool = False
    references: str | None = None  # a model name ("Order", "orders.Order") or a table


@dataclass(frozen=True)
class OrmModel:
    """One ORM model class and the table it maps to."""

    name: str  # class / model name
    table: str
    module: str  # Django app, package folder or Java package the model lives in
    framework: str
    file: str
    fields: tuple[OrmField, ...] = ()


@dataclass
class ModelSet:
    """Every model of one unit, with references resolved to `table.column`."""

    models: list[OrmModel] = field(default_factory=list)

    def by_table(self) -> dict[str, OrmModel]:
        return {m.table: m for m in self.models}

    def resolve(self, ref: str, module: str) -> str | None:
        """`orders.Order`, `Order` or `orders_order(.id)` → `orders_order.id`."""
        table, _, column = ref.partition(".") if ref.count(".") == 1 else (ref, "", "")
        for m in self.models:
            if m.table == table:
                return f"{m.table}.{column or _pk(m)}"
        app, _, name = ref.rpartition(".")
        candidates = [m for m in self.models if m.name == name and (not app or m.module == app)]
        if len(candidates) > 1:
            candidates = [m for m in candidates if m.module == module] or candidates[:1]
        return f"{candidates[0].table}.{_pk(candidates[0])}" if candidates else None

    def entities(self) -> list[Entity]:
        out = []
        for m in sorted(self.models, key=lambda x: x.table):
            columns = [
                Column(
                    name=f.name,
                    type=self._key_type(f, m.module),
                    primary_key=f.primary_key,
                    nullable=f.nullable and not f.primary_key,
                    unique=f.unique,
                    references=self.resolve(f.references, m.module) if f.references else None,
                )
                for f in m.fields
            ]
            out.append(Entity(name=m.table, columns=columns))
        return out

    def _key_type(self, f: OrmField, module: str) -> str:
        """A foreign key has the type of the key it points to (a uuid id stays a uuid)."""
        target = self.resolve(f.references, module) if f.references else None
        if target is None:
            return f.type
        table, _, column = target.partition(".")
        model = self.by_table()[table]
        return next((x.type for x in model.fields if x.name == column), f.type)

    def modules(self) -> list[dict[str, object]]:
        """`[{name, framework, tables}]`, sorted: the modules a migration extracts."""
        names = sorted({m.module for m in self.models})
        return [
            {
                "name": n,
                "framework": sorted({m.framework for m in self.models if m.module == n})[0],
                "tables": sorted(m.table for m in self.models if m.module == n),
            }
            for n in names
        ]


def logical_type(name: str) -> str:
    """A source type name (`BigInteger`, `LocalDateTime`, `number`) → a logical column type."""
    from archwright.importers._techmap import data_file

    lowered = name.lower()
    for word, logical in data_file("ormmap.yaml")["type_words"]:
        if word in lowered:
            return str(logical)
    return "text"


def _pk(model: OrmModel) -> str:
    return next((f.name for f in model.fields if f.primary_key), "id")


Reader = Callable[[str, Path, str], list[OrmModel]]  # text, file path, shown path


def snake(name: str) -> str:
    """`OrderLine` → `order_line` (TypeORM/JPA/Prisma default table names)."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and (not name[i - 1].isupper() or name[i + 1 : i + 2].islower()):
            out.append("_")
        out.append(ch.lower())
    return "".join(out)
