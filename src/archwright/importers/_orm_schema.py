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

from archwright.importers._orm import OrmField, OrmModel, logical_type, snake

_PRISMA_MODEL = re.compile(r"^model\s+(\w+)\s*\{(.*?)^\}", re.MULTILINE | re.DOTALL)
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
_JAVA_TABLE = re.compile(r"@Table\(\s*(?:name\s*=\s*)?\"([^\"]+)\"")
_JAVA_FIELD = re.compile(
    r"((?:@\w+(?:\([^)]*\))?\s*)*)(?:private|protected|public)\s+(?:final\s+)?"
    r"([\w<>, ?]+?)\s+(\w+)\s*(?:=[^;]*)?;"
)
_JAVA_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.MULTILINE)
_JOIN_COLUMN = re.compile(r"@JoinColumn\(\s*(?:name\s*=\s*)?\"([^\"]+)\"")
_JAVA_COLUMN = re.compile(r"@Column\([^)]*name\s*=\s*\"([^\"]+)\"")


def read_prisma(text: str, path: Path, shown: str) -> list[OrmModel]:
    module = path.parent.parent.name if path.parent.name == "prisma" else path.parent.name
    models = []
    for name, body in _PRISMA_MODEL.findall(text):
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
    starts = list(_TS_ENTITY.finditer(text))
    for i, match in enumerate(starts):
        body = text[match.end() : starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        name = match.group(3)
        fields: list[OrmField] = []
        for deco, args, member, ts_type in _TS_MEMBER.findall(body):
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
    for match in _JAVA_ENTITY.finditer(text):
        header, name = match.group(1), match.group(2)
        table = _JAVA_TABLE.search(header)
        body = text[match.end() :]
        fields: list[OrmField] = []
        for notes, java_type, member in _JAVA_FIELD.findall(body):
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
