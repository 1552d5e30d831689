"""Terraform resources as plain records, from HCL folders or `terraform show -json`.

Both sources become the same `Resource` list (address, type, attributes, references to
other resource addresses with the attribute that holds each), so the mapping to the
model is written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archwright.importers._files import SafeRoot
from archwright.importers._hcl import parse_hcl_files
from archwright.importers._tfexpand import count_of, for_each_keys, substitute, variable_values
from archwright.importers.importer import ImportProblem

_REF = re.compile(
    r"(?<![\w.\"])((?:module\.[A-Za-z_][\w-]*\.)?(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z_][\w-]*)"
)
_MODULE_OUT = re.compile(r"(?<![\w.])module\.([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)")
_VAR = re.compile(r"(?<![\w.])var\.([A-Za-z_][\w-]*)")
_WHOLE_VAR = re.compile(r"^\$\{var\.([A-Za-z_][\w-]*)\}$")
MAX_MODULE_DEPTH = 10
_META_ARGS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})


@dataclass
class Resource:
    """One Terraform resource block (or plan instance), with the addresses it refers to."""

    address: str
    type: str
    name: str
    attrs: dict[str, Any]
    file: str
    refs: dict[str, str] = field(default_factory=dict)  # address -> attribute path
    count: int = 1  # `count` when it is known: identical instances, i.e. replicas


@dataclass
class _Module:
    """One module's resources, outputs and child modules, as loaded."""

    prefix: str
    resources: list[Resource] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    children: dict[str, _Module] = field(default_factory=dict)
    instances: dict[str, list[str]] = field(default_factory=dict)  # for_each base -> keys
    inputs: dict[str, Any] = field(default_factory=dict)  # the calling block's arguments


def load_hcl(
    root: SafeRoot, folder: Path, losses: list[tuple[str, str, str, str]]
) -> list[Resource]:
    module = _load_module(root, folder, "", 0, set(), losses, {})
    everything: list[Resource] = []
    instances: dict[str, list[str]] = {}
    _collect(module, everything, instances)
    known = {r.address for r in everything}
    for res in everything:
        res.refs = _references(res, known, module, instances)
    return everything


def _collect(module: _Module, out: list[Resource], instances: dict[str, list[str]]) -> None:
    out.extend(module.resources)
    instances.update(module.instances)
    for child in module.children.values():
        _collect(child, out, instances)


def _add_resource(
    module: _Module,
    address: str,
    rtype: str,
    name: str,
    body: Any,
    shown: str,
    variables: dict[str, Any],
    losses: list[tuple[str, str, str, str]],
) -> None:
    """One resource block: as is, with its count as replicas, or one per for_each key."""
    attrs = body if isinstance(body, dict) else {}
    count = 1
    if "count" in attrs:
        known = count_of(attrs["count"], variables)
        if known == 0:
            losses.append(("skipped", shown, address, "count is 0: not deployed"))
            return
        if known is None:
            losses.append(
                ("unresolved_reference", shown, f"{address}.count", _COMPUTED.format("count"))
            )
        count = known or 1
    if "for_each" in attrs:
        keys = for_each_keys(attrs["for_each"], variables)
        if keys is None:
            losses.append(
                ("unresolved_reference", shown, f"{address}.for_each", _COMPUTED.format("for_each"))
            )
        else:
            module.instances[address] = [f'{address}["{k}"]' for k in keys]
            for key, value in keys.items():
                module.resources.append(
                    Resource(
                        f'{address}["{key}"]',
                        rtype,
                        f"{name}[{key}]",
                        substitute(attrs, key, value),
                        shown,
                    )
                )
            return
    module.resources.append(Resource(address, rtype, name, attrs, shown, count=count))


_COMPUTED = "{} is computed, not a literal or a variable default; imported as one instance"


def _load_module(
    root: SafeRoot,
    folder: Path,
    prefix: str,
    depth: int,
    seen: set[Path],
    losses: list[tuple[str, str, str, str]],
    inputs: dict[str, Any],
) -> _Module:
    if depth > MAX_MODULE_DEPTH or folder in seen:
        raise ImportProblem(root.rel(folder) or ".", "modules nested too deeply or in a cycle")
    seen = seen | {folder}
    module = _Module(prefix, inputs=dict(inputs))
    files = sorted(p for p in folder.iterdir() if p.suffix == ".tf" and p.is_file())
    parsed = parse_hcl_files([(root.read_text(f), root.rel(f)) for f in files])
    variables = variable_values([b for d in parsed for b in d.get("variable") or []], inputs)
    for file, data in zip(files, parsed, strict=True):
        shown = root.rel(file)
        _read_blocks(module, data, shown, variables, losses)
        for block in data.get("module") or []:
            for name, body in block.items():
                where = (shown, f"module.{name}")
                source = str((body or {}).get("source", ""))
                if not source.startswith(("./", "../")):
                    note = f"module source {source!r} is not local; not followed"
                    losses.append(("unsupported", *where, note))
                    continue
                target = root.resolve(source, folder)
                if not target.is_dir():
                    note = f"local module {source!r} not found"
                    losses.append(("unresolved_reference", *where, note))
                    continue
                module.children[name] = _load_module(
                    root,
                    target,
                    f"{prefix}module.{name}.",
                    depth + 1,
                    seen,
                    losses,
                    {k: v for k, v in (body or {}).items() if k not in _META_ARGS},
                )
    _pass_inputs(module)
    return module


def _read_blocks(
    module: _Module,
    data: dict[str, Any],
    shown: str,
    variables: dict[str, Any],
    losses: list[tuple[str, str, str, str]],
) -> None:
    """One file's resources, data sources and outputs into `module` (its `module`
    blocks are followed by `_load_module`, which knows the folders)."""
    prefix = module.prefix
    for block in data.get("resource") or []:
        for rtype, named in block.items():
            for name, body in (named or {}).items():
                address = f"{prefix}{rtype}.{name}"
                _add_resource(module, address, rtype, name, body, shown, variables, losses)
    for block in data.get("data") or []:
        for rtype, named in block.items():
            for name, body in (named or {}).items():
                module.resources.append(
                    Resource(
                        f"{prefix}data.{rtype}.{name}",
                        rtype,
                        name,
                        body if isinstance(body, dict) else {},
                        shown,
                    )
                )
    for block in data.get("output") or []:
        for name, body in block.items():
            module.outputs[name] = (body or {}).get("value")


def _pass_inputs(child: _Module) -> None:
    """An attribute that is exactly `var.x` takes the caller's value for x when that
    value is a literal (a count, a flag, a map of tags), as Terraform would."""
    for res in child.resources:
        for key, value in list(res.attrs.items()):
            m = _WHOLE_VAR.match(value) if isinstance(value, str) else None
            if m and m.group(1) in child.inputs:
                given = child.inputs[m.group(1)]
                if not any("${" in text for _, text in _strings(given, "")):
                    res.attrs[key] = given


def _strings(node: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(node, str):
        return [(path, node)]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(v, f"{path}.{k}" if path else k)]
    if isinstance(node, list):
        return [s for i, v in enumerate(node) for s in _strings(v, f"{path}[{i}]")]
    return []


def _instances_named(base: str, after: str, instances: dict[str, list[str]]) -> list[str]:
    """`q["a"]` names one for_each instance; `q` alone (a splat, a `for`) names them all."""
    every = instances.get(base, [])
    key = _INDEX.match(after)
    if key:
        chosen = f'{base}["{key.group(1)}"]'
        return [chosen] if chosen in every else []
    return every


_INDEX = re.compile(r'\[\s*"([^"]+)"\s*\]')


def _module_at(module: _Module, prefix: str) -> _Module:
    for part in re.findall(r"module\.([\w-]+)\.", prefix):
        module = module.children.get(part, module)
    return module


def _references(
    res: Resource, known: set[str], top: _Module, instances: dict[str, list[str]]
) -> dict[str, str]:
    prefix = res.address[: res.address.index(res.type)] if res.type in res.address else ""
    refs: dict[str, str] = {}
    for path, text in _strings(res.attrs, ""):
        for m in _REF.finditer(text):
            candidate = prefix + m.group(1)
            if candidate in known and candidate != res.address:
                refs.setdefault(candidate, path)
            for instance in _instances_named(candidate, text[m.end() :], instances):
                if instance != res.address:
                    refs.setdefault(instance, path)
        for m in _VAR.finditer(text):
            _input_refs(res, m.group(1), path, prefix, known, top, refs)
        for m in _MODULE_OUT.finditer(text):
            child = _module_at(top, prefix).children.get(m.group(1))
            if child is None:
                continue
            value = child.outputs.get(m.group(2))
            for _, out_text in _strings(value, ""):
                for r in _REF.finditer(out_text):
                    candidate = child.prefix + r.group(1)
                    if candidate in known:
                        refs.setdefault(candidate, f"{path} (module.{m.group(1)}.{m.group(2)})")
    return refs


def _input_refs(
    res: Resource,
    var: str,
    path: str,
    prefix: str,
    known: set[str],
    top: _Module,
    refs: dict[str, str],
) -> None:
    """`var.x` inside a module refers to whatever its caller passes as x."""
    if not prefix:
        return
    parent_prefix = re.sub(r"module\.[\w-]+\.$", "", prefix)
    given = _module_at(top, prefix).inputs.get(var)
    for _, text in _strings(given, ""):
        for r in _REF.finditer(text):
            candidate = parent_prefix + r.group(1)
            if candidate in known and candidate != res.address:
                refs.setdefault(candidate, f"{path} (var.{var})")


def load_json_plan(data: Any, shown: str) -> list[Resource]:
    """Resources of a `terraform show -json` state or plan document."""
    if not isinstance(data, dict) or "format_version" not in data:
        raise ImportProblem(shown, "not a `terraform show -json` document (no format_version)")
    values = data.get("values") or data.get("planned_values") or {}
    resources: list[Resource] = []
    _json_module(values.get("root_module") or {}, shown, resources)
    known = {r.address for r in resources}
    config_refs = _config_references((data.get("configuration") or {}).get("root_module") or {}, "")
    by_value: dict[str, str] = {}
    for r in resources:
        for attr in ("id", "arn"):
            v = r.attrs.get(attr)
            if isinstance(v, str) and v:
                by_value.setdefault(v, r.address)
    for r in resources:
        refs: dict[str, str] = {}
        for target, path in config_refs.get(r.address.split("[")[0], {}).items():
            if target in known and target != r.address:
                refs.setdefault(target, path)
        for path, text in _strings(r.attrs, ""):
            found = by_value.get(text)
            if found and found != r.address and not path.endswith(("id", "arn")):
                refs.setdefault(found, path)
        r.refs = refs
    return resources


def _json_module(module: dict[str, Any], shown: str, out: list[Resource]) -> None:
    for r in module.get("resources") or []:
        if not isinstance(r, dict):
            continue
        address = str(r.get("address", ""))
        out.append(
            Resource(
                address,
                str(r.get("type", "")),
                str(r.get("name", "")),
                r.get("values") or {},
                shown,
            )
        )
    for child in module.get("child_modules") or []:
        if isinstance(child, dict):
            _json_module(child, shown, out)


def _config_references(module: dict[str, Any], prefix: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in module.get("resources") or []:
        refs: dict[str, str] = {}
        _expression_refs(r.get("expressions") or {}, "", refs, prefix)
        out[prefix + str(r.get("address", ""))] = refs
    for name, call in (module.get("module_calls") or {}).items():
        out.update(_config_references((call or {}).get("module") or {}, f"{prefix}module.{name}."))
    return out


def _expression_refs(node: Any, path: str, refs: dict[str, str], prefix: str) -> None:
    if isinstance(node, dict):
        for ref in node.get("references") or []:
            m = _REF.match(str(ref))
            if m:
                refs.setdefault(prefix + m.group(1), path)
        for k, v in node.items():
            if k != "references":
                _expression_refs(v, f"{path}.{k}" if path else k, refs, prefix)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _expression_refs(v, f"{path}[{i}]", refs, prefix)
