"""A small AST mutator, and the pytest plugin that loads one mutant in place of a module.

Why our own: mutmut 3 copies the tree and rewrites every function into a trampoline,
then runs the whole suite once to map tests to functions; on a shared 2-core machine
that first pass alone does not fit. This mutator changes one thing at a time in the
module's syntax tree (a comparison flipped or loosened, an arithmetic operator swapped,
a number nudged, `and`/`or` swapped, a `not` dropped) and the plugin compiles that
mutant in place of the real module when pytest starts, so no file on disk is touched.

`ARCHWRIGHT_MUTANT=archwright.simulate.queueing:17` selects mutant 17 of that module.
"""

from __future__ import annotations

import ast
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

SRC = Path(__file__).resolve().parent.parent / "src"

_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINARY: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
}


@dataclass(frozen=True)
class Mutation:
    index: int
    line: int
    description: str


def _docstring_ids(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _annotation_ids(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        annotations: list[ast.expr | None] = []
        if isinstance(node, ast.arg | ast.AnnAssign):
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            annotations.append(node.returns)
        for ann in annotations:
            if ann is not None:
                found.update(id(n) for n in ast.walk(ann))
    return found


def _number(value: object) -> object | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int):
        return value + 1
    return value * 1.5 if value else 1.0


def _sites(tree: ast.AST) -> list[tuple[ast.AST, str, object]]:
    """Every place one mutation can be made, in a fixed order: (node, what, replacement)."""
    skip = _docstring_ids(tree) | _annotation_ids(tree)
    sites: list[tuple[ast.AST, str, object]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _COMPARE:
            new = _COMPARE[type(node.ops[0])]
            sites.append((node, f"{type(node.ops[0]).__name__} -> {new.__name__}", new))
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            new_op = _BINARY[type(node.op)]
            sites.append((node, f"{type(node.op).__name__} -> {new_op.__name__}", new_op))
        elif isinstance(node, ast.AugAssign) and type(node.op) in _BINARY:
            new_op = _BINARY[type(node.op)]
            sites.append((node, f"{type(node.op).__name__}= -> {new_op.__name__}=", new_op))
        elif isinstance(node, ast.BoolOp):
            new_bool: type[ast.boolop] = ast.Or if isinstance(node.op, ast.And) else ast.And
            sites.append((node, f"{type(node.op).__name__} -> {new_bool.__name__}", new_bool))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            sites.append((node, "drop not", None))
        elif isinstance(node, ast.Constant):
            replacement = _number(node.value)
            if replacement is not None:
                sites.append((node, f"{node.value!r} -> {replacement!r}", replacement))
    return sites


def mutations(path: Path) -> list[Mutation]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        Mutation(i, getattr(node, "lineno", 0), what)
        for i, (node, what, _) in enumerate(_sites(tree))
    ]


class _DropNot(ast.NodeTransformer):
    def __init__(self, target: ast.AST) -> None:
        self.target = target

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        self.generic_visit(node)
        return node.operand if node is self.target else node


def mutant_code(path: Path, index: int) -> object:
    """The compiled module with mutation `index` applied."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node, _, replacement = _sites(tree)[index]
    if isinstance(node, ast.Compare):
        assert isinstance(replacement, type)
        node.ops[0] = replacement()
    elif isinstance(node, ast.BinOp | ast.AugAssign | ast.BoolOp):
        assert isinstance(replacement, type)
        node.op = replacement()
    elif isinstance(node, ast.UnaryOp):
        tree = _DropNot(node).visit(tree)
    elif isinstance(node, ast.Constant):
        node.value = replacement
    ast.fix_missing_locations(tree)
    return compile(tree, str(path), "exec")


def module_path(module: str) -> Path:
    base = SRC / Path(*module.split("."))
    package = base / "__init__.py"
    return package if package.exists() else base.with_suffix(".py")


class _MutantLoader(importlib.abc.Loader):
    def __init__(self, path: Path, index: int) -> None:
        self.path = path
        self.index = index

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        exec(mutant_code(self.path, self.index), module.__dict__)  # the mutant, compiled above


class _MutantFinder(importlib.abc.MetaPathFinder):
    def __init__(self, module: str, index: int) -> None:
        self.module = module
        self.index = index

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != self.module:
            return None
        file = module_path(fullname)
        loader = _MutantLoader(file, self.index)
        is_package = file.name == "__init__.py"
        return importlib.util.spec_from_file_location(
            fullname,
            file,
            loader=loader,
            submodule_search_locations=[str(file.parent)] if is_package else None,
        )


def install(selector: str) -> None:
    module, _, index = selector.rpartition(":")
    sys.meta_path.insert(0, _MutantFinder(module, int(index)))


if os.environ.get("ARCHWRIGHT_MUTANT"):
    install(os.environ["ARCHWRIGHT_MUTANT"])
