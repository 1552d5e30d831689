"""Which components an infrastructure export expresses as designed, and the losses.

One place decides it for every infrastructure format, from the same classification the
exporters render from (`_topology`) and the same data (`data/infra_mapping.yaml`): a
local stack (Compose, Kubernetes) runs each store's engine from an image; a cloud
target (Terraform on AWS, Pulumi on GCP) writes the managed resource its role names.
Anything else is a `Loss`, with what the output holds instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from archwright.exporters._losses import Fact, Loss, component_loss
from archwright.exporters._topology import Topology, load_mapping
from archwright.model import Component, Kind

NOT_DEPLOYED = frozenset({Kind.CLIENT, Kind.EXTERNAL_API, Kind.PAYMENT})


def catalog_name(technology: str) -> str:
    """The catalog's name for a technology (its own text when the catalog lacks it)."""
    from archwright.kb.catalog import load_catalog

    found = load_catalog().find(technology)
    return found.name if found is not None else technology.lower().strip()


def not_deployed(comp: Component) -> Loss | None:
    """Clients and third-party services are used, not deployed, by any infrastructure."""
    if comp.kind is Kind.CLIENT:
        return component_loss(comp, "a client runs on users' devices; nothing to deploy")
    if comp.kind in NOT_DEPLOYED or _saas(comp.technology):
        return component_loss(comp, "a third-party service is called, not deployed")
    if _hosted_model(comp.technology):
        return component_loss(comp, "a hosted model API is called per request; nothing to deploy")
    return None


def _saas(technology: str | None) -> bool:
    from archwright.kb.catalog import Hosting, load_catalog

    found = load_catalog().find(technology) if technology else None
    return found is not None and found.hosting is Hosting.SAAS


def _hosted_model(technology: str | None) -> bool:
    """A provider's model API (Bedrock, Vertex AI): called on demand, never provisioned,
    whatever kind the design gives the component that calls it (llm or ml_model)."""
    from archwright.kb.catalog import Hosting, load_catalog

    found = load_catalog().find(technology) if technology else None
    if found is None or found.hosting is not Hosting.MANAGED:
        return False
    # A managed embedder or reranker billed per token or per search (Titan embeddings,
    # Cohere rerank on Bedrock) is an API too; a managed endpoint (SageMaker) is not.
    per_call = found.tokens is not None and found.tokens.gpu is None
    return found.kind is Kind.LLM or (found.kind is Kind.ML_MODEL and per_call)


def foreign(technology: str, cloud: str) -> bool:
    """A technology that is not the target cloud's own managed service (self-hosted,
    another vendor's SaaS, another cloud's). A cloud export writes the role's managed
    resource in its place, and no file of that format could hold the designed one as
    that resource, so the substitution is a format limit, declared as a loss; a
    technology of the cloud itself written as another is the exporter's gap."""
    from archwright.kb.catalog import load_catalog

    found = load_catalog().find(technology)
    return found is None or found.cloud != cloud


def _service_technology(comp: Component, platform: str, where: str) -> Loss | None:
    if not comp.technology:
        return None
    name = catalog_name(comp.technology)
    if name in load_mapping().container_platforms and (not platform or name == platform):
        return None
    return Loss(
        comp.id,
        Fact.TECHNOLOGY,
        comp.technology,
        f"our code runs as a container {where}",
        platform,
        format_limit=not platform,
    )


def local_losses(
    topo: Topology, fmt: str, one_replica: bool, expressed: frozenset[str] | set[str] = frozenset()
) -> list[Loss]:
    """Compose and Kubernetes: services are containers, stores run their engine's image.

    `one_replica`: the format runs one container per service (Compose), so a replicated
    service is a loss too; stores always run one container (replication is the engine's
    own cluster set-up, which a starting point does not write). `expressed`: ids the
    exporter writes itself (the load balancer an Ingress stands for); it judges those.
    """
    out: list[Loss] = []
    for comp in sorted(topo.arch.components, key=lambda c: c.id):
        if comp.id not in expressed:
            out.extend(_local(topo, comp, fmt, one_replica))
    out.extend(_local_protocols(topo))
    out.extend(_local_store_links(topo))
    return out


def _local_store_links(topo: Topology) -> Iterator[Loss]:
    """Each designed connection between two stores or brokers the stack runs.

    Such a connection is no call of our code: it is the provider's own integration
    (cross-region replication, an S3 event notification into a queue, a delivery into
    the lake). A local stack runs each engine as its own container, unwired to the
    others, and the stand-in images have no such integration to configure."""
    for conn in topo.arch.connections:
        ends = (conn.source, conn.target)
        if any(e in topo.service_ids or e not in topo.roles for e in ends):
            continue
        if not all(topo.deployed(e) for e in ends):
            continue  # a store the stack does not run (its own loss says so)
        why = (
            "replication across regions is the engine's own set-up; the stack runs "
            "each copy as its own container"
            if conn.properties.get("replication")
            else "the provider delivers from one to the other itself; the local "
            "engines are not wired to each other"
        )
        yield Loss(
            f"{conn.source}->{conn.target}",
            Fact.CONNECTION,
            conn.protocol.value,
            why,
        )


def _local_protocols(topo: Topology) -> Iterator[Loss]:
    """Each designed connection the local stack wires with another protocol."""
    flows = set(topo.flows)
    for conn in topo.arch.connections:
        pair = (conn.source, conn.target)
        caller, callee = pair if pair in flows else (pair[1], pair[0])
        if (caller, callee) not in flows or conn.protocol is None:
            continue
        if callee in topo.roles and not topo.deployed(callee):
            continue  # the callee is not in the stack (its own loss says so)
        role = topo.roles.get(callee)
        written = role.protocol if role and role.protocol else topo.local_scheme(caller, callee)
        if written != conn.protocol.value:
            yield Loss(
                f"{conn.source}->{conn.target}",
                Fact.PROTOCOL,
                conn.protocol.value,
                "a local stack speaks the engine's plain protocol, without TLS",
                written,
            )


def _local(topo: Topology, comp: Component, fmt: str, one_replica: bool) -> Iterator[Loss]:
    if comp.id in topo.service_ids:
        loss = _service_technology(comp, "", f"built from services/{topo.dns(comp.id)}")
        if loss is not None:
            yield loss
        if one_replica and comp.replicas > 1:
            yield Loss(comp.id, Fact.REPLICAS, designed(comp), f"{fmt} runs one container", "1")
        return
    role = topo.roles.get(comp.id)
    if role is None:
        yield not_deployed(comp) or component_loss(
            comp, f"a {comp.kind.value} has no {fmt} counterpart in a local stack"
        )
        return
    if not role.runs_locally:
        # A managed service (Kinesis, API Gateway) has no local stack at all; a
        # self-hosted one (Centrifugo) has an image this exporter does not write yet.
        limit = not comp.technology or _managed(comp.technology)
        why = f"no local image stands for the {role.name} role"
        yield component_loss(comp, why, format_limit=limit)
        return
    if comp.technology and catalog_name(comp.technology) != role.technology:
        yield Loss(
            comp.id,
            Fact.TECHNOLOGY,
            comp.technology,
            f"runs locally as {role.image}",
            role.technology,
            format_limit=_managed(comp.technology),
        )
    if comp.replicas > 1:
        yield Loss(
            comp.id,
            Fact.REPLICAS,
            designed(comp),
            "one container; replication is the engine's own cluster set-up",
            "1",
        )


def _managed(technology: str) -> bool:
    """A managed or SaaS service: no local stack can run it, only a stand-in for it."""
    from archwright.kb.catalog import Hosting, load_catalog

    found = load_catalog().find(technology)
    return found is not None and found.hosting in (Hosting.MANAGED, Hosting.SAAS)


def platform_losses(topo: Topology, fmt: str) -> list[Loss]:
    """A platform (Railway, Render) builds our services and offers some stores from its
    own templates (`platforms` in the mapping: role → the catalog technology it runs);
    anything else is a loss, as is a designed technology other than what it runs."""
    offered = load_mapping().platforms[fmt]
    out: list[Loss] = []
    for comp in sorted(topo.arch.components, key=lambda c: c.id):
        if comp.id in topo.service_ids:
            loss = _service_technology(comp, "", f"built from services/{topo.dns(comp.id)}")
            out.extend([loss] if loss is not None else [])
            continue
        role = topo.roles.get(comp.id)
        if role is None or role.name not in offered:
            what = f"the {role.name} role" if role else f"a {comp.kind.value}"
            out.append(
                not_deployed(comp) or component_loss(comp, f"{fmt} offers nothing for {what}")
            )
            continue
        runs = offered[role.name]
        if comp.technology and catalog_name(comp.technology) != runs:
            why = f"{fmt} runs its own {runs}"
            out.append(Loss(comp.id, Fact.TECHNOLOGY, comp.technology, why, runs))
    return out


def designed(comp: Component) -> str:
    return comp.technology or f"kind {comp.kind.value}"


def cloud_losses(
    topo: Topology,
    cloud: str,
    platform: str,
    written: Callable[[str], bool],
    edge: Callable[[Component], Loss | None],
) -> list[Loss]:
    """Terraform (AWS) and Pulumi (GCP): one managed resource per role the exporter writes.

    `written(key)` says whether the exporter writes the role's resource (its builder
    exists); `edge` judges the components the format handles itself (CDN, load
    balancer, DNS...), returning their loss or None when expressed.
    """
    resources = load_mapping().aws_resources if cloud == "aws" else load_mapping().gcp_resources
    out: list[Loss] = []
    for comp in sorted(topo.arch.components, key=lambda c: c.id):
        if comp.id in topo.service_ids:
            loss = _service_technology(comp, platform, f"on {platform}")
            if loss is not None:
                out.append(loss)
            continue
        role = topo.roles.get(comp.id)
        if role is None:
            found = _edge_or_not_deployed(comp, edge)
            if found is not None:
                out.append(found)
            continue
        key = role.aws if cloud == "aws" else role.gcp
        if not key or not written(key):
            why = f"no {cloud} resource is written for the {role.name} role"
            out.append(component_loss(comp, why, format_limit=False))
            continue
        techs = resources[key]
        if comp.technology and catalog_name(comp.technology) not in techs:
            out.append(
                Loss(
                    comp.id,
                    Fact.TECHNOLOGY,
                    comp.technology,
                    f"the {role.name} role is written as {techs[0]}",
                    techs[0],
                    format_limit=foreign(comp.technology, cloud),
                )
            )
    return out


def _edge_or_not_deployed(comp: Component, edge: Callable[[Component], Loss | None]) -> Loss | None:
    """A client or third-party API is not deployed; an edge component the format writes
    itself (a CDN written as CloudFront, even when the design names Cloudflare's) is
    judged by `edge`, so the loss says what the files hold."""
    if comp.kind is Kind.CLIENT or comp.kind in NOT_DEPLOYED:
        return not_deployed(comp)
    found = edge(comp)
    if found is None or found.fact is not Fact.COMPONENT:
        return found
    return not_deployed(comp) or found


__all__ = [
    "catalog_name",
    "cloud_losses",
    "foreign",
    "local_losses",
    "not_deployed",
    "platform_losses",
]
