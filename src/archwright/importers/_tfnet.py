"""Who may call whom, from GCP firewall rules and Azure network security rules.

AWS security groups name their members by reference (see terraform.py). GCP firewall
rules name them by network tag or service account (`source_tags = ["web"]`,
`target_tags = ["db"]`); Azure rules by application security group, whose members are
the VMs behind network interfaces associated with it. An allow rule from one group to
another is a configured path between their members: a caller edge, confirmed, with the
rule as evidence. An allow rule from the Internet (`0.0.0.0/0`, `*`, `Internet`) makes
its targets public.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._tfdata import Resource
from archwright.importers.importer import Evidence
from archwright.model import Protocol

_ASG = re.compile(r"((?:module\.[\w-]+\.)*azurerm_application_security_group\.[\w-]+)")
_SA = re.compile(r"((?:module\.[\w-]+\.)*google_service_account\.[\w-]+)")


def network_rules(builder: Builder, res_list: list[Resource], public_cidrs: list[str]) -> None:
    _gcp_firewalls(builder, res_list, public_cidrs)
    _azure_rules(builder, res_list, public_cidrs)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    return []


def _gcp_members(builder: Builder, res_list: list[Resource]) -> dict[str, set[str]]:
    """`tag:web` / `sa:<address>` → components carrying it (directly or via a template)."""
    by_address = {r.address: r for r in res_list}
    members: dict[str, set[str]] = defaultdict(set)
    for res in res_list:
        if res.address not in builder.components:
            continue
        sources = [res] + [
            by_address[t] for t in res.refs if t in by_address and "template" in by_address[t].type
        ]
        for src in sources:
            for tag in _strings(src.attrs.get("tags")):
                members[f"tag:{tag}"].add(res.address)
            for text in _strings(src.attrs.get("service_account")):
                for sa in _SA.findall(text):
                    members[f"sa:{sa}"].add(res.address)
    return members


def _gcp_firewalls(builder: Builder, res_list: list[Resource], public_cidrs: list[str]) -> None:
    members = _gcp_members(builder, res_list)
    for res in res_list:
        if res.type != "google_compute_firewall" or not _allows_ingress_gcp(res.attrs):
            continue
        attrs = res.attrs
        targets = _union(members, "tag", _strings(attrs.get("target_tags")))
        targets |= _union(members, "sa", _sa_refs(attrs.get("target_service_accounts")))
        sources = _union(members, "tag", _strings(attrs.get("source_tags")))
        sources |= _union(members, "sa", _sa_refs(attrs.get("source_service_accounts")))
        if any(c in public_cidrs for c in _strings(attrs.get("source_ranges"))):
            _make_public(builder, targets)
        key = f"{res.address}.source_tags"
        _edges(builder, sources, targets, res.file, key, f"allowed by {res.address}")


def _allows_ingress_gcp(attrs: dict[str, Any]) -> bool:
    direction = str(attrs.get("direction") or "INGRESS").upper()
    return direction == "INGRESS" and "allow" in attrs


def _sa_refs(value: Any) -> list[str]:
    return [sa for text in _strings(value) for sa in _SA.findall(text)]


def _union(members: dict[str, set[str]], prefix: str, names: Iterable[str]) -> set[str]:
    return {m for n in names for m in members.get(f"{prefix}:{n}", set())}


def _azure_members(builder: Builder, res_list: list[Resource]) -> dict[str, set[str]]:
    """ASG address → VMs whose network interface is associated with it."""
    nic_owner: dict[str, set[str]] = defaultdict(set)
    for res in res_list:
        if res.address in builder.components:
            for target in res.refs:
                if ".azurerm_network_interface." in f".{target}":
                    nic_owner[target].add(res.address)
    members: dict[str, set[str]] = defaultdict(set)
    for res in res_list:
        asgs = [a for text in _strings(res.attrs) for a in _ASG.findall(text)]
        if res.type == "azurerm_network_interface_application_security_group_association":
            nics = [t for t in res.refs if "azurerm_network_interface." in t]
            for asg in asgs:
                for nic in nics:
                    members[asg] |= nic_owner.get(nic, set())
        elif res.type == "azurerm_network_interface":
            for asg in asgs:
                members[asg] |= nic_owner.get(res.address, set())
    return members


def _azure_rules(builder: Builder, res_list: list[Resource], public_cidrs: list[str]) -> None:
    members = _azure_members(builder, res_list)
    for res in res_list:
        if res.type == "azurerm_network_security_group":
            blocks = res.attrs.get("security_rule") or []
            rules = [(b, f"{res.address}.security_rule[{i}]") for i, b in enumerate(_list(blocks))]
        elif res.type == "azurerm_network_security_rule":
            rules = [(res.attrs, res.address)]
        else:
            continue
        for rule, key in rules:
            if not _allows_ingress_azure(rule):
                continue
            sources = _asg_members(members, rule.get("source_application_security_group_ids"))
            targets = _asg_members(members, rule.get("destination_application_security_group_ids"))
            prefixes = [
                *_strings(rule.get("source_address_prefix")),
                *_strings(rule.get("source_address_prefixes")),
            ]
            if any(p in public_cidrs for p in prefixes):
                _make_public(builder, targets)
            _edges(builder, sources, targets, res.file, key, f"allowed by {key}")


def _list(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    return [v for v in value or [] if isinstance(v, dict)]


def _allows_ingress_azure(rule: dict[str, Any]) -> bool:
    return (
        str(rule.get("direction", "")).lower() == "inbound"
        and str(rule.get("access", "")).lower() == "allow"
    )


def _asg_members(members: dict[str, set[str]], value: Any) -> set[str]:
    return {m for text in _strings(value) for a in _ASG.findall(text) for m in members.get(a, ())}


def _make_public(builder: Builder, targets: set[str]) -> None:
    for member in sorted(targets):
        comp = builder.components[member]
        builder.components[member] = comp.model_copy(update={"public": True})


def _edges(
    builder: Builder, sources: set[str], targets: set[str], file: str, key: str, why: str
) -> None:
    for caller in sorted(sources):
        for member in sorted(targets):
            if caller != member:
                builder.add_edge(
                    caller,
                    member,
                    Evidence(caller, member, file, key, why),
                    builder.protocols.get(member, Protocol.HTTPS),
                    1,
                )
