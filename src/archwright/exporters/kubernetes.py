"""Kubernetes manifests: one file per component plus namespace, ingress and network policy.

Services become Deployments (HPA, PDB when replicated, ConfigMap for settings);
datastores and brokers with a local image become StatefulSets with a headless Service.
Every pod runs non-root with a read-only root filesystem, no privilege escalation, all
capabilities dropped, the runtime's seccomp profile, probes and resource bounds. The
network starts from default-deny; each connection of the model opens exactly one path
(caller pods → callee pods on the callee's port). Secrets are referenced, never written:
`<name>-credentials` Secrets are created out of band.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from archwright.exporters._fidelity import local_losses
from archwright.exporters._losses import Fact, Loss, readme
from archwright.exporters._names import dns_label
from archwright.exporters._topology import (
    SERVICE_PORT,
    Role,
    Topology,
    front_load_balancer,
    front_routes,
    health_path,
    sharing_topology,
    topology,
)
from archwright.exporters._yaml import dump_yaml_all
from archwright.exporters._yaml_block import Fixed
from archwright.exporters.compose import secret_vars
from archwright.exporters.exporter import Exporter, Files
from archwright.model import Architecture, Component

EXPORTER = Exporter(
    name="kubernetes",
    summary="Kubernetes manifests: workloads, services, HPA, PDB, ingress, network policies",
    category="infrastructure",
    validator="kubernetes-validate --strict, checkov",
)

RUN_AS = 10001
_PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]
# Checks that do not fit a generated starting point; skipped visibly, with the reason.
_SKIPS = {
    "CKV_K8S_43": "images are pinned by tag in a starting point; pin digests once built",
    "CKV_K8S_15": "IfNotPresent with immutable version tags; Always needs registry access",
}
_ENV_SECRET_SKIP = {
    "CKV_K8S_35": "the password is read from an environment variable (12-factor); "
    "mount it as a file once the app supports that",
}


def _skip_annotations(skips: dict[str, str]) -> dict[str, str]:
    return {
        f"checkov.io/skip{i}": f"{code}={why}"
        for i, (code, why) in enumerate(sorted(skips.items()), start=1)
    }


class _Ctx:
    def __init__(self, arch: Architecture) -> None:
        self.topo: Topology = topology(arch)
        self.ns = dns_label(arch.name) or "archwright"
        self.secrets = secret_vars(self.topo)
        self._labels: dict[str, Fixed] = {}
        self._selectors: dict[str, Fixed] = {}
        self._peers: dict[str, Fixed] = {}
        self._egress: dict[str, Fixed] = {}
        self._metas: dict[tuple[str, str], Fixed] = {}
        self.secret_env: dict[tuple[str, bool], list[Fixed]] = {}  # see `_secret_env`

    def labels(self, cid: str) -> Fixed:
        """One mapping per component, so the YAML writer writes its block once per place."""
        labels = self._labels.get(cid)
        if labels is None:
            labels = self._labels[cid] = Fixed(
                {
                    "app.kubernetes.io/name": self.topo.dns(cid),
                    "app.kubernetes.io/part-of": self.ns,
                    "app.kubernetes.io/component": self.topo.component(cid).kind.value,
                }
            )
        return labels

    def selector(self, cid: str) -> Fixed:
        """`matchLabels` of a component's pods: the selector of its workload, budget and
        network policy, and the peer of every policy that lets it call or be called."""
        selector = self._selectors.get(cid)
        if selector is None:
            selector = self._selectors[cid] = Fixed({"matchLabels": self.labels(cid)})
        return selector

    def peer(self, cid: str) -> Fixed:
        """A network policy's `from`/`to` entry for a component's pods."""
        peer = self._peers.get(cid)
        if peer is None:
            peer = self._peers[cid] = Fixed({"podSelector": self.selector(cid)})
        return peer

    def egress_to(self, cid: str) -> Fixed:
        """The egress rule to a component's pods on its port: the same rule in the
        policy of every component that calls it."""
        rule = self._egress.get(cid)
        if rule is None:
            rule = self._egress[cid] = Fixed(
                {"to": [self.peer(cid)], "ports": [_tcp(self.topo.port(cid))]}
            )
        return rule

    def meta(self, name: str, cid: str | None = None, **annotations: str) -> dict[str, Any]:
        if cid is not None and not annotations:
            return self._component_meta(name, cid)
        return self._meta(name, cid, annotations)

    def _component_meta(self, name: str, cid: str) -> Fixed:
        """A component's metadata with no annotation of the caller's: the same block in
        its Service, autoscaler, disruption budget and network policy (`Fixed`)."""
        meta = self._metas.get((name, cid))
        if meta is None:
            meta = self._metas[(name, cid)] = Fixed(self._meta(name, cid, {}))
        return meta

    def _meta(self, name: str, cid: str | None, annotations: dict[str, str]) -> dict[str, Any]:
        meta: dict[str, Any] = {"name": name, "namespace": self.ns}
        if cid is not None:
            meta["labels"] = self.labels(cid)
            annotations = {"archwright.io/component-id": cid, **annotations}
        if annotations:
            meta["annotations"] = dict(sorted(annotations.items()))
        return meta


def _security(read_only: bool = True) -> Fixed:
    return _SECURITY[read_only]


# Every container's and every pod's security context: the same blocks in each workload,
# so `Fixed` (written once per place).
_SECURITY = {
    read_only: Fixed(
        {
            "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": read_only,
            "runAsNonRoot": True,
            "runAsUser": RUN_AS,
            "runAsGroup": RUN_AS,
            "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"},
        }
    )
    for read_only in (True, False)
}
_POD_SECURITY = Fixed(
    {
        "runAsNonRoot": True,
        "runAsUser": RUN_AS,
        "runAsGroup": RUN_AS,
        "fsGroup": RUN_AS,
        "seccompProfile": {"type": "RuntimeDefault"},
    }
)


def _pod_spec(containers: list[dict[str, Any]], volumes: list[dict[str, Any]]) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "automountServiceAccountToken": False,
        "securityContext": _POD_SECURITY,
        "containers": containers,
    }
    if volumes:
        spec["volumes"] = volumes
    return spec


@cache
def _resources(cpu: str, memory: str, cpu_max: str, memory_max: str) -> Fixed:
    return Fixed(
        {
            "requests": {"cpu": cpu, "memory": memory},
            "limits": {"cpu": cpu_max, "memory": memory_max},
        }
    )


# Blocks every workload of one kind repeats (mounts, volumes, ports, probes, resources):
# `Fixed`, so the YAML writer writes each once per place (issue 17).
_MOUNT_TMP = Fixed({"name": "tmp", "mountPath": "/tmp"})
_MOUNT_RUN = Fixed({"name": "run", "mountPath": "/var/run"})
_VOLUME_TMP = Fixed({"name": "tmp", "emptyDir": {}})
_VOLUME_RUN = Fixed({"name": "run", "emptyDir": {}})
_HTTP_PORT = Fixed({"name": "http", "containerPort": SERVICE_PORT})


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _http_probe(path: str, period: int, delay: int) -> Fixed:
    """A service's readiness or liveness probe: GET `path` every `period` seconds."""
    return Fixed(
        {
            "httpGet": {"path": path, "port": "http"},
            "periodSeconds": period,
            "initialDelaySeconds": delay,
        }
    )


@cache
def _store_probe(healthcheck: tuple[str, ...], period: int, delay: int) -> Fixed:
    """A store's probe: its role's health command, else a connection to its port."""
    check: dict[str, Any] = (
        {"exec": {"command": list(healthcheck)}} if healthcheck else {"tcpSocket": {"port": "main"}}
    )
    return Fixed({**check, "periodSeconds": period, "initialDelaySeconds": delay})


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _tcp(port: int) -> Fixed:
    """A network-policy rule's port."""
    return Fixed({"protocol": "TCP", "port": port})


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _service_port(name: str, port: int, target: str) -> Fixed:
    """A Service's port: the same few blocks in every Service of an export."""
    return Fixed({"name": name, "port": port, "targetPort": target})


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _claim(size: str) -> Fixed:
    """A store's volume claim: one block per size, as `Fixed` (most stores share one)."""
    return Fixed(
        {
            "metadata": {"name": "data"},
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": size}},
            },
        }
    )


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _store_port(port: int) -> Fixed:
    return Fixed({"name": "main", "containerPort": port})


@lru_cache(maxsize=256)  # keyed by model values: bounded
def _cpu_metric(utilization: int) -> Fixed:
    return Fixed(
        {
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": utilization},
            },
        }
    )


def _secret_env(ctx: _Ctx, store_id: str, consumer: bool) -> list[Fixed]:
    """A store's secrets as `env` entries: in its own container (`consumer` False), or
    in each service that calls it, where every caller's entries are the same `Fixed`."""
    key = (store_id, consumer)
    out = ctx.secret_env.get(key)
    if out is None:
        out = ctx.secret_env[key] = []
        for var, env_var in ctx.secrets.get(store_id, []):
            ref = {"name": f"{ctx.topo.dns(store_id)}-credentials", "key": dns_label(var)}
            name = env_var if consumer else var
            out.append(Fixed({"name": name, "valueFrom": {"secretKeyRef": ref}}))
    return out


def _port_name(topo: Topology, cid: str) -> str:
    """`grpc` when every designed caller speaks gRPC to it (the port name says the
    protocol to meshes and readers), else `http`."""
    callers = topo.callers_of(cid)
    grpc = [topo.local_scheme(c, cid) == "grpc" for c in callers]
    return "grpc" if grpc and all(grpc) else "http"


def _service_docs(ctx: _Ctx, comp: Component) -> list[dict[str, Any]]:
    """A service's ConfigMap, Deployment, Service and autoscaler, and a disruption
    budget when it runs at least two pods."""
    topo, name = ctx.topo, ctx.topo.dns(comp.id)
    config = {"PORT": str(SERVICE_PORT), "SERVICE_NAME": name, **topo.env_for(comp.id)}
    env: list[dict[str, Any]] = []
    for target in topo.calls_from(comp.id):
        env.extend(_secret_env(ctx, target, consumer=True))
    low, high, cpu_target = _replica_range(comp)
    docs: list[dict[str, Any]] = [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": ctx.meta(f"{name}-config", comp.id),
            "data": dict(sorted(config.items())),
        },
        _deployment(ctx, comp, name, low, env),
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": ctx.meta(name, comp.id),
            "spec": {
                "selector": ctx.labels(comp.id),
                "ports": [_service_port(_port_name(topo, comp.id), SERVICE_PORT, "http")],
            },
        },
        _autoscaler(ctx, comp, name, (low, high, cpu_target)),
    ]
    if low >= 2:
        docs.append(
            {
                "apiVersion": "policy/v1",
                "kind": "PodDisruptionBudget",
                "metadata": ctx.meta(name, comp.id),
                "spec": {"minAvailable": low - 1, "selector": ctx.selector(comp.id)},
            }
        )
    return docs


def _replica_range(comp: Component) -> tuple[int, int, int]:
    """The pods a service starts with and may grow to, and the CPU percentage the
    autoscaler holds: the model's autoscaling when it has one, else its replicas up to
    three times as many at 70%."""
    replicas = max(comp.replicas, 1)
    scaling = comp.autoscaling
    low = max(scaling.min_replicas, 1) if scaling else replicas
    high = max(scaling.max_replicas if scaling else replicas * 3, low + 1)
    cpu_target = round((scaling.target_utilization if scaling else 0.7) * 100)
    return low, high, cpu_target


def _deployment(
    ctx: _Ctx, comp: Component, name: str, replicas: int, env: list[dict[str, Any]]
) -> dict[str, Any]:
    """The service's Deployment: one hardened app container reading its ConfigMap, and
    the secrets of what it calls as `env`."""
    health = health_path(comp)
    container: dict[str, Any] = {
        "name": "app",
        "image": f"{ctx.ns}/{name}:0.1.0",
        "imagePullPolicy": "IfNotPresent",
        "ports": [_HTTP_PORT],
        "envFrom": [{"configMapRef": {"name": f"{name}-config"}}],
        "readinessProbe": _http_probe(health, 10, 5),
        "livenessProbe": _http_probe(health, 10, 15),
        "resources": _resources("100m", "128Mi", "500m", "512Mi"),
        "securityContext": _security(),
        "volumeMounts": [_MOUNT_TMP],
    }
    if env:
        container["env"] = env
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": ctx.meta(
            name, comp.id, **_skip_annotations({**_SKIPS, **(_ENV_SECRET_SKIP if env else {})})
        ),
        "spec": {
            "replicas": replicas,
            "selector": ctx.selector(comp.id),
            "template": {
                "metadata": {"labels": ctx.labels(comp.id)},
                "spec": _pod_spec([container], [_VOLUME_TMP]),
            },
        },
    }


def _autoscaler(
    ctx: _Ctx, comp: Component, name: str, scale: tuple[int, int, int]
) -> dict[str, Any]:
    """The HorizontalPodAutoscaler of the service's Deployment (`_replica_range`)."""
    low, high, cpu_target = scale
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": ctx.meta(name, comp.id),
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
            "minReplicas": low,
            "maxReplicas": high,
            "metrics": [_cpu_metric(cpu_target)],
        },
    }


def _store_docs(ctx: _Ctx, comp: Component) -> list[dict[str, Any]]:
    """A datastore or broker as a one-replica StatefulSet (its volume claimed per pod)
    behind a headless Service, so its pod keeps a stable name and disk."""
    role = ctx.topo.roles[comp.id]
    name = ctx.topo.dns(comp.id)
    container = _store_container(ctx, comp, role, name)
    skips = {**_SKIPS, **(_ENV_SECRET_SKIP if ctx.secrets.get(comp.id) else {})}
    spec: dict[str, Any] = {
        "serviceName": name,
        "replicas": 1,
        "selector": ctx.selector(comp.id),
        "template": {
            "metadata": {"labels": ctx.labels(comp.id)},
            "spec": _pod_spec([container], [_VOLUME_TMP, _VOLUME_RUN]),
        },
    }
    if role.volume:
        size = f"{max(int(comp.storage_gb or 10), 1)}Gi"
        spec["volumeClaimTemplates"] = [_claim(size)]
    return [
        {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": ctx.meta(name, comp.id, **_skip_annotations(skips)),
            "spec": spec,
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": ctx.meta(name, comp.id),
            "spec": {
                "clusterIP": "None",
                "selector": ctx.labels(comp.id),
                "ports": [_service_port("main", role.port, "main")],
            },
        },
    ]


def _store_container(ctx: _Ctx, comp: Component, role: Role, name: str) -> dict[str, Any]:
    """The store's container: the role's image, command and environment (its own
    secrets included), health probes, bounded resources, writable /tmp, /run and data."""
    env = [{"name": k, "value": v.replace("{host}", name)} for k, v in role.env]
    env.extend(_secret_env(ctx, comp.id, consumer=False))
    mounts: list[dict[str, Any]] = [_MOUNT_TMP, _MOUNT_RUN]
    if role.volume:
        mounts.append({"name": "data", "mountPath": role.volume})
    container: dict[str, Any] = {
        "name": "main",
        "image": role.image,
        "imagePullPolicy": "IfNotPresent",
        "ports": [_store_port(role.port)],
        "readinessProbe": _store_probe(role.healthcheck, 10, 10),
        "livenessProbe": _store_probe(role.healthcheck, 20, 30),
        "resources": _resources("250m", "512Mi", "1", "1Gi"),
        "securityContext": _security(),
        "volumeMounts": mounts,
    }
    if role.command:
        container["args"] = list(role.command)
    if env:
        container["env"] = env
    return container


# Every policy's first egress rule: name lookups in kube-system (the same block 10,000
# times in a 10k export, so written once).
_DNS_EGRESS = Fixed(
    {
        "to": [
            {
                "namespaceSelector": {
                    "matchLabels": {"kubernetes.io/metadata.name": "kube-system"}
                },
                "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
            }
        ],
        "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
    }
)


def _policy(ctx: _Ctx, cid: str) -> dict[str, Any]:
    topo = ctx.topo
    ingress: list[dict[str, Any]] = []
    callers = [c for c in topo.callers_of(cid) if topo.deployed(c)]
    port = topo.port(cid)
    if callers:
        ingress.append(
            {
                "from": [ctx.peer(c) for c in callers],
                "ports": [_tcp(port)],
            }
        )
    if cid in topo.entry_ids:
        ingress.append(
            {
                "from": [
                    {
                        "namespaceSelector": {
                            "matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}
                        }
                    }
                ],
                "ports": [_tcp(port)],
            }
        )
    egress: list[dict[str, Any]] = [_DNS_EGRESS]
    for target in topo.calls_from(cid):
        if topo.deployed(target):
            egress.append(ctx.egress_to(target))
    if _calls_outside(ctx, cid):
        egress.append(
            {
                "to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": _PRIVATE_RANGES}}],
                "ports": [_tcp(443)],
            }
        )
    spec: dict[str, Any] = {
        "podSelector": ctx.selector(cid),
        "policyTypes": ["Ingress", "Egress"],
        "egress": egress,
    }
    if ingress:
        spec["ingress"] = ingress
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": ctx.meta(topo.dns(cid), cid),
        "spec": spec,
    }


def _calls_outside(ctx: _Ctx, cid: str) -> bool:
    """Calls a managed or third-party component that does not run in the cluster."""
    topo = ctx.topo
    return any(t in topo.by_id and not topo.deployed(t) for t in topo.connection_targets(cid))


def _ingress(ctx: _Ctx) -> dict[str, Any] | None:
    entry = front_routes(ctx.topo)
    if not entry:
        return None
    host = f"{ctx.ns}.example.com"
    paths = []
    for index, cid in enumerate(entry):
        name = ctx.topo.dns(cid)
        paths.append(
            {
                "path": "/" if index == 0 else f"/{name}",
                "pathType": "Prefix",
                "backend": {"service": {"name": name, "port": {"number": SERVICE_PORT}}},
            }
        )
    front = front_load_balancer(ctx.topo)
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": ctx.meta(ctx.ns, front.id if front else None),
        "spec": {
            "ingressClassName": "nginx",
            "tls": [{"hosts": [host], "secretName": f"{ctx.ns}-tls"}],
            "rules": [{"host": host, "http": {"paths": paths}}],
        },
    }


@sharing_topology
def render(arch: Architecture) -> Files:
    ctx = _Ctx(arch)
    topo = ctx.topo
    files: Files = {}
    header = "# Generated by archwright. Secrets named *-credentials are created out of band.\n"
    files["kubernetes/namespace.yaml"] = header + dump_yaml_all(
        [
            {
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": {
                    "name": ctx.ns,
                    "labels": {"pod-security.kubernetes.io/enforce": "restricted"},
                },
            }
        ]
    )
    for comp in topo.services:
        files[f"kubernetes/{topo.dns(comp.id)}.yaml"] = header + dump_yaml_all(
            _service_docs(ctx, comp)
        )
    for comp, role in topo.stores:
        if role.runs_locally:
            files[f"kubernetes/{topo.dns(comp.id)}.yaml"] = header + dump_yaml_all(
                _store_docs(ctx, comp)
            )
    policies: list[dict[str, Any]] = [
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "NetworkPolicy",
            "metadata": ctx.meta("default-deny-all"),
            "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]},
        }
    ]
    deployed = [c.id for c in topo.services] + [c.id for c, r in topo.stores if r.runs_locally]
    policies.extend(_policy(ctx, cid) for cid in sorted(deployed))
    files["kubernetes/network-policies.yaml"] = header + dump_yaml_all(policies)
    ingress = _ingress(ctx)
    if ingress is not None:
        files["kubernetes/ingress.yaml"] = header + dump_yaml_all([ingress])
    files["kubernetes/README.md"] = readme(
        f"{arch.name}: Kubernetes", _INTRO.format(ns=ctx.ns), losses(arch)
    )
    return files


def losses(arch: Architecture) -> list[Loss]:
    """What the manifests do not run as designed (managed services, edge, replication)."""
    topo = topology(arch)
    front = front_load_balancer(topo)
    if front is None:
        out = local_losses(topo, "kubernetes", one_replica=False)
        if topo.entry:
            out.append(
                Loss(
                    f"ingress-{dns_label(arch.name) or 'archwright'}",
                    Fact.ADDED,
                    "load_balancer",
                    "public services are reached through an Ingress; the design draws no "
                    "load balancer in front of them",
                    ",".join(topo.entry),
                )
            )
        return out
    out = local_losses(topo, "kubernetes", one_replica=False, expressed={front.id})
    if front.technology:
        out.append(
            Loss(front.id, Fact.TECHNOLOGY, front.technology, "written as an Ingress (nginx)")
        )
    if front.replicas > 1:
        out.append(
            Loss(front.id, Fact.REPLICAS, front.technology or "load_balancer", "one Ingress", "1")
        )
    return out


_INTRO = """Kubernetes manifests generated by archwright for the namespace `{ns}`.
Create the `*-credentials` Secrets out of band, then `kubectl apply -f .`."""
