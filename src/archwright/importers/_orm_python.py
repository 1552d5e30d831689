"""Django and SQLAlchemy models, read with `ast` (parsed, never imported or executed).

Django: a class in an app's `models.py` (or `models/` package) deriving from
`models.Model` or another model of the file; fields are `x = models.XField(...)`;
`ForeignKey`/`OneToOneField`/`ManyToManyField` name their target as a class, `"Model"`
or `"app.Model"`; the table is `Meta.db_table` or Django's `<app>_<model>`.
SQLAlchemy: a class with `__tablename__`; columns are `Column(...)`/`mapped_column(...)`
with `ForeignKey("table.column")`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from archwright.importers._orm import OrmField, OrmModel, logical_type
from archwright.importers._techmap import data_file

_RELATIONS = {"ForeignKey": False, "OneToOneField": True, "ManyToManyField": False}


def read_python(text: str, path: Path, shown: str) -> list[OrmModel]:
    """Models in one Python file; a file that does not parse gives none (caller logs)."""
    tree = ast.parse(text, filename=shown)
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    django = _django_app(path)
    out: list[OrmModel] = []
    model_names: set[str] = set()
    abstract: dict[str, tuple[OrmField, ...]] = {}  # abstract base -> fields it gives
    for cls in classes:
        if django and _is_django_model(cls, model_names):
            model_names.add(cls.name)
            inherited = tuple(f for b in cls.bases for f in abstract.get(_base_name(b), ()))
            model = _django_model(cls, django, shown, inherited)
            if _abstract(cls):
                abstract[cls.name] = tuple(f for f in model.fields if f.name != "id")
            else:
                out.append(model)
        elif (table := _assigned(cls, "__tablename__")) is not None:
            out.append(_sqlalchemy_model(cls, table, path.parent.name, shown))
    return out


def _django_app(path: Path) -> str | None:
    """The app label when `path` is an app's models.py or inside its models/ package."""
    if path.name == "models.py":
        return path.parent.name
    if path.parent.name == "models":
        return path.parent.parent.name
    return None


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_django_model(cls: ast.ClassDef, known: set[str]) -> bool:
    bases = {_base_name(b) for b in cls.bases}
    return "Model" in bases or bool(bases & known)


def _meta(cls: ast.ClassDef) -> ast.ClassDef | None:
    return next((n for n in cls.body if isinstance(n, ast.ClassDef) and n.name == "Meta"), None)


def _abstract(cls: ast.ClassDef) -> bool:
    meta = _meta(cls)
    return meta is not None and _assigned(meta, "abstract") is True


def _assigned(cls: ast.ClassDef, name: str) -> object | None:
    for node in cls.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            and isinstance(node.value, ast.Constant)
        ):
            return node.value.value
    return None


def _keyword(call: ast.Call, name: str) -> object | None:
    for kw in call.keywords:
        if kw.arg == name and isinstance(kw.value, ast.Constant):
            return kw.value.value
    return None


def _django_model(
    cls: ast.ClassDef, app: str, shown: str, inherited: tuple[OrmField, ...]
) -> OrmModel:
    meta = _meta(cls)
    table = _assigned(meta, "db_table") if meta else None
    fields: list[OrmField] = list(inherited)
    for node in cls.body:
        target, call = _field_call(node)
        if target is None or call is None:
            continue
        kind = _base_name(call.func)
        if kind in _RELATIONS:
            ref = _first_arg(call)
            if kind == "ManyToManyField" or ref is None:
                continue  # a join table Django creates; the FK pair lives there
            fields.append(
                OrmField(
                    f"{target}_id",
                    "bigint",
                    unique=_RELATIONS[kind],
                    nullable=_keyword(call, "null") is True,
                    references=cls.name if ref == "self" else ref,
                )
            )
        elif kind in data_file("ormmap.yaml")["django"]:
            fields.append(
                OrmField(
                    target,
                    data_file("ormmap.yaml")["django"][kind],
                    primary_key=_keyword(call, "primary_key") is True,
                    nullable=_keyword(call, "null") is True,
                    unique=_keyword(call, "unique") is True,
                )
            )
    if not any(f.primary_key for f in fields):
        fields.insert(0, OrmField("id", "bigint", primary_key=True, nullable=False))
    name = str(table) if isinstance(table, str) else f"{app}_{cls.name.lower()}"
    return OrmModel(cls.name, name, app, "django", shown, tuple(fields))


def _field_call(node: ast.stmt) -> tuple[str | None, ast.Call | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        target, value = node.target, node.value
    else:
        return None, None
    if isinstance(target, ast.Name) and isinstance(value, ast.Call):
        return target.id, value
    return None, None


def _first_arg(call: ast.Call) -> str | None:
    args = [*call.args, *(kw.value for kw in call.keywords if kw.arg == "to")]
    if not args:
        return None
    first = args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    name = _base_name(first)
    return name or None


def _sqlalchemy_model(cls: ast.ClassDef, table: object, module: str, shown: str) -> OrmModel:
    fields: list[OrmField] = []
    for node in cls.body:
        target, call = _field_call(node)
        if (
            target is None
            or call is None
            or _base_name(call.func)
            not in (
                "Column",
                "mapped_column",
            )
        ):
            continue
        ref = None
        type_name = "text"
        for arg in call.args:
            if isinstance(arg, ast.Call) and _base_name(arg.func) == "ForeignKey":
                ref = _first_arg(arg)
            elif _base_name(arg if not isinstance(arg, ast.Call) else arg.func):
                type_name = logical_type(
                    _base_name(arg if not isinstance(arg, ast.Call) else arg.func)
                )
        fields.append(
            OrmField(
                target,
                type_name,
                primary_key=_keyword(call, "primary_key") is True,
                nullable=_keyword(call, "nullable") is not False,
                unique=_keyword(call, "unique") is True,
                references=ref,
            )
        )
    return OrmModel(cls.name, str(table), module, "sqlalchemy", shown, tuple(fields))
