"""Prisma schemas, TypeORM entities and JPA entities, read with regular expressions.

Each of these declares a model in a block whose shape is regular enough to scan line by
line: Prisma `model X { field Type @id @relation(fields: [...], references: [...]) }`,
TypeORM `@Entity() class X { @Column() name: string; @ManyToOne(() => Y) y: Y }` and
JPA `@Entity class X { @Id Long id; @ManyToOne @JoinColumn(name = "y_id") Y y; }`. The
module of a TypeORM/JPA entity is its folder (Java: its package's last segment).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from archwright.importers._orm import OrmField, OrmModel, logical_type, snake

_PRISMA_MODEL = re.compile(r"^model\s+(\w+)\s*\{\s*$")
_PRISMA_FIELD = re.compile(r"^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$")
_PRISMA_RELATION = re.compile(
    r"@relation\([^)]*fields:\s*\[(\w+)[^\]]*\][^)]*references:\s*\[(\w+)"
)
_PRISMA_MAP = re.compile(r"@@map\(\s*\"([^\"]+)\"")

_TS_ENTITY = re.compile(
    r"@Entity\(\s*(?:['\"]([^'\"]+)['\"]|\{[^}]*name:\s*['\"]([^'\"]+)['\"][^}]*\})?\s*\)"
    r"\s*(?:export\s+)?(?:default\s+)?class\s+(\w+)"
)
_TS_MEMBER = re.compile(
    r"@(PrimaryGeneratedColumn|PrimaryColumn|Column|ManyToOne|OneToOne|CreateDateColumn|"
    r"UpdateDateColumn)\(([^)]*(?:\([^)]*\)[^)]*)*)\)\s*(?:@\w+\([^)]*\)\s*)*"
    r"(?:public\s+|private\s+|readonly\s+)*(\w+)[!?]?\s*:\s*([\w<>\[\]| ]+)"
)
_TS_TARGET = re.compile(r"=>\s*(\w+)")

_JAVA_ENTITY = re.compile(r"@Entity\b(.*?)\bclass\s+(\w+)", re.DOTALL)
_WINDOW = 2000  # an entity's class name follows its annotation within this many characters
MAX_ENTITIES = 500
_JAVA_TABLE = re.compile(r"@Table\(\s*(?:name\s*=\s*)?\"([^\"]+)\"")
_JAVA_FIELD = re.compile(
    r"((?:@\w+(?:\([^)]*\))?\s*)*)(?:private|protected|public)\s+(?:final\s+)?"
    r"([\w<>, ?]+?)\s+(\w+)\s*(?:=[^;]*)?;"
)
_JAVA_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.MULTILINE)
_JOIN_COLUMN = re.compile(r"@JoinColumn\(\s*(?:name\s*=\s*)?\"([^\"]+)\"")
_JAVA_COLUMN = re.compile(r"@Column\([^)]*name\s*=\s*\"([^\"]+)\"")


MAX_STATEMENT = 600


def _prisma_blocks(text: str) -> list[tuple[str, str]]:
    """`(name, body)` of each `model X {` ... `}` block, read line by line (linear)."""
    out: list[tuple[str, str]] = []
    name: str | None = None
    body: list[str] = []
    for line in text.splitlines():
        start = _PRISMA_MODEL.match(line)
        if start:
            name, body = start.group(1), []
        elif name is not None and line.startswith("}"):
            out.append((name, "\n".join(body)))
            name = None
        elif name is not None:
            body.append(line)
    return out


def _windowed(pattern: re.Pattern[str], marker: str, text: str) -> list[re.Match[str]]:
    """Matches of `pattern` starting at each `marker`, each looked for within a bounded
    window: an annotation with no class after it costs a window, not the whole file."""
    out: list[re.Match[str]] = []
    position = text.find(marker)
    for _ in range(MAX_ENTITIES):  # more annotations than any real file has: ignored
        if position < 0:
            break
        found = pattern.match(text, position, min(len(text), position + _WINDOW))
        if found:
            out.append(found)
        position = text.find(marker, position + len(marker))
    return out


def _matches(pattern: re.Pattern[str], body: str) -> list[Any]:
    """Matches within each `;`-ended statement of a class body, statements over 600
    characters skipped: member patterns stay linear on hostile input."""
    out: list[Any] = []
    for statement in body.split(";"):
        if len(statement) <= MAX_STATEMENT:
            out.extend(pattern.findall(statement + ";"))
    return out


def read_prisma(text: str, path: Path, shown: str) -> list[OrmModel]:
    module = path.parent.parent.name if path.parent.name == "prisma" else path.parent.name
    models = []
    for name, body in _prisma_blocks(text):
        fields: list[OrmField] = []
        relations = dict(_PRISMA_RELATION.findall(body))  # fk field -> referenced field
        targets = {}
        for line in body.splitlines():
            m = _PRISMA_FIELD.match(line)
            if not m or line.strip().startswith(("@@", "//")):
                continue
            fname, ftype, many, optional, rest = m.groups()
            rel = _PRISMA_RELATION.search(rest)
            if rel:
                targets[rel.group(1)] = ftype
            if many or rel or (ftype[:1].isupper() and ftype not in _PRISMA_SCALARS):
                continue
            fields.append(
                OrmField(
                    fname,
                    logical_type(ftype),
                    primary_key="@id" in rest,
                    nullable=bool(optional),
                    unique="@unique" in rest,
                )
            )
        fields = [
            OrmField(
                f.name,
                f.type,
                f.primary_key,
                f.nullable,
                f.unique,
                f"{targets[f.name]}" if f.name in targets and f.name in relations else None,
            )
            for f in fields
        ]
        table = _PRISMA_MAP.search(body)
        models.append(
            OrmModel(
                name, table.group(1) if table else name, module, "prisma", shown, tuple(fields)
            )
        )
    return models


_PRISMA_SCALARS = frozenset(
    {"String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"}
)


def read_typeorm(text: str, path: Path, shown: str) -> list[OrmModel]:
    models = []
    starts = _windowed(_TS_ENTITY, "@Entity(", text)
    for i, match in enumerate(starts):
        body = text[match.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        name = match.group(3)
        fields: list[OrmField] = []
        for deco, args, member, ts_type in _matches(_TS_MEMBER, body):
            if deco in ("ManyToOne", "OneToOne"):
                target = _TS_TARGET.search(args)
                fields.append(
                    OrmField(
                        f"{member}Id",
                        "int",
                        unique=deco == "OneToOne",
                        references=target.group(1) if target else ts_type.strip(),
                    )
                )
                continue
            fields.append(
                OrmField(
                    member,
                    logical_type(ts_type.split("|")[0].strip()),
                    primary_key=deco.startswith("Primary"),
                    nullable="nullable: true" in args,
                    unique="unique: true" in args,
                )
            )
        table = match.group(1) or match.group(2) or snake(name)
        models.append(OrmModel(name, table, path.parent.name, "typeorm", shown, tuple(fields)))
    return models


def read_jpa(text: str, path: Path, shown: str) -> list[OrmModel]:
    package = _JAVA_PACKAGE.search(text)
    module = package.group(1).rsplit(".", 1)[-1] if package else path.parent.name
    models = []
    for match in _windowed(_JAVA_ENTITY, "@Entity", text):
        header, name = match.group(1), match.group(2)
        table = _JAVA_TABLE.search(header)
        body = text[match.end() :]
        fields: list[OrmField] = []
        for notes, java_type, member in _matches(_JAVA_FIELD, body):
            if "@Transient" in notes or "@OneToMany" in notes:
                continue
            if "@ManyToMany" in notes or java_type.startswith(("List<", "Set<")):
                continue
            if "@ManyToOne" in notes or "@OneToOne" in notes:
                join = _JOIN_COLUMN.search(notes)
                fields.append(
                    OrmField(
                        join.group(1) if join else f"{snake(member)}_id",
                        "bigint",
                        unique="@OneToOne" in notes,
                        references=java_type.strip(),
                    )
                )
                continue
            column = _JAVA_COLUMN.search(notes)
            fields.append(
                OrmField(
                    column.group(1) if column else snake(member),
                    logical_type(java_type),
                    primary_key="@Id" in notes,
                    nullable="nullable = false" not in notes,
                    unique="unique = true" in notes,
                )
            )
        models.append(
            OrmModel(
                name, table.group(1) if table else snake(name), module, "jpa", shown, tuple(fields)
            )
        )
    return models
