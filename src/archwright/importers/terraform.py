"""Import Terraform: cloud resources as components, references as calls, exposure.

PATH is a folder of `.tf` files (local modules followed, never outside PATH; registry
modules reported, not fetched) or a `terraform show -json` state/plan file. Resource
types map to kinds and catalog technologies through tfmap.yaml. A direct reference
(`DB_HOST = aws_db_instance.main.address`) is a call from the referrer; wiring resources
(listeners, target groups, IAM roles and policies, event source mappings) connect the
components they touch, front to back; security-group ingress rules give calls between
their members, and open CIDRs make members public. Nothing is executed: no `terraform`
binary, no provider, no network.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from pathlib import Path
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._files import SafeRoot
from archwright.importers._techmap import data_file, protocol_for_port
from archwright.importers._tfdata import Resource, load_hcl, load_json_plan
from archwright.importers._tfnet import network_rules
from archwright.importers.importer import (
    Evidence,
    Importer,
    ImportProblem,
    ImportResult,
    shape_errors,
)
from archwright.kb.catalog import load_catalog
from archwright.model import KIND_GROUP, Component, Kind, KindGroup, Protocol

IMPORTER = Importer(
    name="terraform",
    summary="Terraform HCL folders (local modules) and `terraform show -json` files",
    looks_for=("*.tf", "*.json"),
)

# Front to back: calls go from a lower rank to a higher one.
_RANK = {
    KindGroup.CLIENT: 0,
    KindGroup.EDGE: 1,
    KindGroup.COMPUTE: 2,
    KindGroup.AI: 3,
    KindGroup.DATA_PROCESSING: 3,
    KindGroup.MESSAGING: 4,
    KindGroup.DATASTORE: 5,
    KindGroup.PLATFORM: 5,
    KindGroup.EXTERNAL: 5,
    KindGroup.OBSERVABILITY: 5,
}


def _tfmap() -> dict[str, Any]:
    data: dict[str, Any] = data_file("tfmap.yaml")
    return data


def parse(path: Path) -> ImportResult:
    root = SafeRoot(path)
    losses: list[tuple[str, str, str, str]] = []
    start = root.start
    with shape_errors(root.rel(start) or "."):
        res_list = _load(root, start, losses)
    builder = Builder((root.root.name or "terraform").lower(), "terraform")
    for loss in losses:
        builder.loss(*loss)
    with shape_errors(root.rel(start) or "."):
        _build(builder, res_list)
    return builder.result()


def _load(root: SafeRoot, start: Path, losses: list[tuple[str, str, str, str]]) -> list[Resource]:
    if start.is_file() and start.suffix == ".json":
        res_list = load_json_plan(root.json(start), root.rel(start))
    elif start.is_file() and start.suffix == ".tf":
        res_list = load_hcl(root, start.parent, losses)
    elif start.is_dir() and any(p.suffix == ".tf" for p in start.iterdir()):
        res_list = load_hcl(root, start, losses)
    elif start.is_dir():
        plans = sorted(p for p in start.iterdir() if p.suffix == ".json")
        if not plans:
            raise ImportProblem(root.rel(start) or ".", "no .tf files or terraform JSON found")
        res_list = [r for p in plans for r in load_json_plan(root.json(p), root.rel(p))]
    else:
        raise ImportProblem(root.rel(start), "expected a folder, a .tf file or a JSON plan")
    return res_list


def _build(builder: Builder, res_list: list[Resource]) -> None:
    tfmap = _tfmap()
    mapping = tfmap["resources"]
    glue_prefixes = tuple(tfmap["glue_prefixes"])
    sg_types = set(tfmap["security_groups"])
    network = set(tfmap["network_types"])
    by_address = {r.address: r for r in res_list}
    unmapped: dict[tuple[str, str], int] = defaultdict(int)
    for res in res_list:
        entry = mapping.get(res.type)
        if _part_of(res) or res.attrs.get("replicate_source_db"):
            continue  # a part of another component (an auth secret, a read replica)
        if entry is not None and entry.get("tagged_only") and not _tags(res).get("Component"):
            continue  # a module's own log group: a part of it, not a component
        if entry is not None and "data." not in res.address:
            _add_component(builder, res, entry)
        elif not res.type.startswith(glue_prefixes) and res.type not in sg_types | network:
            unmapped[(res.file, res.type)] += 1
    for (file, rtype), count in sorted(unmapped.items()):
        builder.loss(
            "unsupported",
            file,
            rtype,
            f"{count} resource(s) of this type not mapped to a component",
        )
    comps = builder.components
    _cluster_instances(builder, res_list)
    # direct references between components
    for res in res_list:
        for target, attr in sorted(res.refs.items()):
            if res.address in comps and target in comps:
                a, b = _ordered(comps, res.address, target)
                if a is not None and b is not None:
                    builder.add_edge(
                        a,
                        b,
                        Evidence(a, b, res.file, f"{res.address}.{attr}", target),
                        _protocol(builder, b),
                        2,
                    )
    _glue(builder, res_list, by_address, glue_prefixes)
    _security_groups(builder, res_list, sg_types, tfmap["public_cidrs"])
    network_rules(builder, res_list, tfmap["public_cidrs"])


def _cluster_instances(builder: Builder, res_list: list[Resource]) -> None:
    """An Aurora cluster runs as many nodes as its `aws_rds_cluster_instance` count."""
    for res in res_list:
        count = res.attrs.get("count", 1)
        if res.type != "aws_rds_cluster_instance" or not isinstance(count, int) or count < 1:
            continue
        for target in res.refs:
            comp = builder.components.get(target)
            if comp is not None and _type_of(target) == "aws_rds_cluster":
                builder.components[target] = comp.model_copy(update={"replicas": count})


def _tags(res: Resource) -> dict[str, Any]:
    tags = res.attrs.get("tags")
    return tags if isinstance(tags, dict) else {}


def _part_of(res: Resource) -> bool:
    """Tagged `PartOf` (archwright's exporter does so): a part, not a component."""
    return bool(_tags(res).get("PartOf"))


def _name(res: Resource) -> str:
    """The `Component` tag when set (a round trip), the module's name for a module's
    main resource (`module.api.aws_ecs_service.this`), else the resource name."""
    tagged = _tags(res).get("Component")
    if isinstance(tagged, str) and tagged and "${" not in tagged:
        return tagged
    parts = res.address.split(".")
    if res.name == "this" and len(parts) >= 4 and parts[-4] == "module":
        return parts[-3]
    return res.name


def _replicas(res: Resource) -> int:
    attrs = res.attrs
    for key in ("desired_count", "num_cache_nodes", "num_cache_clusters", "number_of_broker_nodes"):
        if isinstance(attrs.get(key), int) and attrs[key] > 0:
            return int(attrs[key])
    config = attrs.get("cluster_config")
    config = config[0] if isinstance(config, list) and config else config
    if isinstance(config, dict) and isinstance(config.get("instance_count"), int):
        return max(int(config["instance_count"]), 1)
    return 2 if attrs.get("multi_az") is True else 1


def _add_component(builder: Builder, res: Resource, entry: dict[str, Any]) -> None:
    wanted = str(entry["technology"])
    by = entry.get("by")
    value = str(res.attrs.get(by, "")).lower() if by else ""
    if value:
        for prefix, tech in sorted(entry.get("engine", {}).items(), key=lambda kv: -len(kv[0])):
            if value.startswith(str(prefix)):
                wanted = str(tech)
                break
    found = load_catalog().find(wanted)
    kind = Kind(entry["kind"])
    if found is None:
        builder.loss(
            "unknown_technology",
            res.file,
            res.address,
            f"{wanted!r} is not in the catalog yet; kind {kind.value} kept",
        )
    public = _exposed(res)
    props: dict[str, Any] = {"terraform_type": res.type}
    if found is None:
        props["technology_hint"] = wanted
    tagged_kind = _tags(res).get("Kind")
    if isinstance(tagged_kind, str) and tagged_kind in set(Kind):
        kind = Kind(tagged_kind)
    if res.count > 1:  # `count` instances of the resource, each with its own size
        props["terraform_count"] = res.count
    builder.add(
        res.address,
        res.file,
        res.address,
        protocol=Protocol(entry["protocol"]),
        name=_name(res),
        kind=kind,
        technology=found.name if found else None,
        replicas=_replicas(res) * res.count,
        public=public,
        properties=props,
    )


def _exposed(res: Resource) -> bool:
    attrs = res.attrs
    if attrs.get("publicly_accessible") is True:
        return True
    if res.type in ("aws_lb", "aws_alb", "aws_elb"):
        return attrs.get("internal") not in (True, "true")
    return res.type in (
        "aws_cloudfront_distribution",
        "aws_api_gateway_rest_api",
        "aws_apigatewayv2_api",
        "google_api_gateway_gateway",
        "azurerm_cdn_frontdoor_profile",
        "azurerm_api_management",
    )


# Within the edge, traffic passes DNS, then the CDN, the WAF, the gateway, the balancer.
_EDGE_ORDER = {
    Kind.DNS: 0.1,
    Kind.CDN: 0.2,
    Kind.WAF: 0.3,
    Kind.API_GATEWAY: 0.4,
    Kind.LOAD_BALANCER: 0.5,
}


def _rank(comp: Component) -> float:
    return _RANK[KIND_GROUP[comp.kind]] + _EDGE_ORDER.get(comp.kind, 0.0)


def _ordered(comps: dict[str, Component], a: str, b: str) -> tuple[str | None, str | None]:
    ra, rb = _rank(comps[a]), _rank(comps[b])
    if ra <= rb:
        return a, b
    return b, a


def _protocol(builder: Builder, target: str) -> Protocol:
    return builder.protocols.get(target, Protocol.HTTPS)


def _glue(
    builder: Builder,
    res_list: list[Resource],
    by_address: dict[str, Resource],
    glue_prefixes: tuple[str, ...],
) -> None:
    """Components touching one connected group of wiring resources call each other."""
    comps = builder.components
    glue = {r.address for r in res_list if r.type.startswith(glue_prefixes)}
    parent = {g: g for g in glue}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    touches: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for res in res_list:
        for target in res.refs:
            if res.address in glue and target in glue:
                parent[find(res.address)] = find(target)
    for res in res_list:
        for target, attr in res.refs.items():
            if res.address in glue and target in comps:
                touches[res.address].add((target, res.file, f"{res.address}.{attr}"))
            elif res.address in comps and target in glue:
                touches[target].add((res.address, res.file, f"{res.address}.{attr}"))
    groups: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for g, items in touches.items():
        groups[find(g)] |= items
    for items in groups.values():
        members = sorted({i[0] for i in items})
        where = {i[0]: (i[1], i[2]) for i in sorted(items)}
        callers = any(_rank(comps[m]) <= _RANK[KindGroup.AI] for m in members)
        for a, b in itertools.combinations(members, 2):
            if _rank(comps[a]) == _rank(comps[b]):
                continue
            if callers and min(_rank(comps[a]), _rank(comps[b])) > _RANK[KindGroup.AI]:
                continue  # two resources one service's role reaches do not call each other
            src, dst = _ordered(comps, a, b)
            if src is None or dst is None:
                continue
            file, key = where[dst]
            builder.add_edge(
                src,
                dst,
                Evidence(src, dst, file, key, f"wired via {key}"),
                _protocol(builder, dst),
                1,
            )


def _security_groups(
    builder: Builder, res_list: list[Resource], sg_types: set[str], public_cidrs: list[str]
) -> None:
    comps = builder.components
    members: dict[str, set[str]] = defaultdict(set)
    for res in res_list:
        if res.address in comps:
            for target in res.refs:
                if target.split(".")[-2] in sg_types or _type_of(target) in sg_types:
                    members[target].add(res.address)
    # sg, source sg, open to the internet, file, key, port
    rules: list[tuple[str, str | None, bool, str, str, int | None]] = []
    for res in res_list:
        if res.type in sg_types:
            for i, rule in enumerate(_blocks(res.attrs.get("ingress"))):
                rules.extend(
                    _rule(res, res.address, rule, f"{res.address}.ingress[{i}]", public_cidrs)
                )
            ranges = res.attrs.get("source_ranges") or []
            if any(c in public_cidrs for c in ranges):
                rules.append(
                    (res.address, None, True, res.file, f"{res.address}.source_ranges", None)
                )
        elif res.type in ("aws_security_group_rule", "aws_vpc_security_group_ingress_rule"):
            if res.type == "aws_security_group_rule" and res.attrs.get("type") != "ingress":
                continue
            sg = next((t for t, a in res.refs.items() if a.startswith("security_group_id")), None)
            if sg:
                rules.extend(_rule(res, sg, res.attrs, res.address, public_cidrs))
    for sg, source, open_, file, key, port in rules:
        by_port = protocol_for_port(port)
        for member in sorted(members.get(sg, ())):
            if open_:
                builder.components[member] = comps[member].model_copy(update={"public": True})
            for caller in sorted(members.get(source or "", ())):
                if caller != member:
                    builder.add_edge(
                        caller,
                        member,
                        Evidence(caller, member, file, key, f"ingress from {source}"),
                        by_port or _protocol(builder, member),
                        2 if by_port else 1,  # the rule's port says the protocol
                    )


def _type_of(address: str) -> str:
    parts = address.split(".")
    return parts[-2] if len(parts) >= 2 else ""


def _blocks(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value or [] if isinstance(v, dict)]


def _rule(
    res: Resource, sg: str, rule: dict[str, Any], key: str, public_cidrs: list[str]
) -> list[tuple[str, str | None, bool, str, str, int | None]]:
    out: list[tuple[str, str | None, bool, str, str, int | None]] = []
    port = rule.get("from_port") if rule.get("from_port") == rule.get("to_port") else None
    port = port if isinstance(port, int) else None
    cidrs = [
        *(rule.get("cidr_blocks") or []),
        *(rule.get("ipv6_cidr_blocks") or []),
        rule.get("cidr_ipv4") or "",
        rule.get("cidr_ipv6") or "",
    ]
    if any(c in public_cidrs for c in cidrs):
        out.append((sg, None, True, res.file, key, port))
    sources = [
        *(rule.get("security_groups") or []),
        rule.get("source_security_group_id") or "",
        rule.get("referenced_security_group_id") or "",
    ]
    for text in sources:
        for target in res.refs:
            if isinstance(text, str) and target in text and target != sg:
                out.append((sg, target, False, res.file, key, port))
    return out
