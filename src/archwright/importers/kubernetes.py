"""Import Kubernetes manifests: workloads, the Services that name them, and their calls.

Reads plain, Helm-rendered (`helm template`) and Kustomize-built (`kustomize build`)
YAML: multi-document files, `List` kinds, folders. A Service's selector ties its DNS
name (`carts`, `carts.sock-shop`, `carts.sock-shop.svc.cluster.local:80`) to the
workloads behind it, so an env value naming it becomes a call; Ingress routes become
calls from the ingress, NetworkPolicy ingress rules become allowed calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archwright.importers._build import Builder
from archwright.importers._files import SafeRoot
from archwright.importers._techmap import kind_from_name, match_image, protocol_for_port
from archwright.importers.importer import (
    Evidence,
    Importer,
    ImportProblem,
    ImportResult,
    shape_errors,
)
from archwright.model import Kind, Protocol

IMPORTER = Importer(
    name="kubernetes",
    summary="Kubernetes manifests (plain, Helm-rendered or Kustomize output)",
    looks_for=("*.yaml", "*.yml", "*.json"),
)

WORKLOADS = {
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "Job",
    "CronJob",
    "Pod",
    "DeploymentConfig",
}
_KIND_FOR = {"Job": Kind.WORKER, "CronJob": Kind.SCHEDULER}


class _Doc:
    """One manifest, with the kind, name and namespace every pass asks for read once
    (the passes asked about 400 times per Online Boutique import)."""

    __slots__ = ("data", "file", "kind", "name", "namespace")

    def __init__(self, data: dict[str, Any], file: str) -> None:
        meta = data.get("metadata") or {}
        self.data = data
        self.file = file
        self.kind = str(data.get("kind", ""))
        self.name = str(meta.get("name", ""))
        self.namespace = str(meta.get("namespace") or "default")

    @property
    def ref(self) -> str:
        return f"{self.kind}/{self.name}"


class _Cluster:
    """The manifests read, and the indexes the passes over them build (plain classes,
    not dataclasses: the two cost 1.5 M instructions to build at each import)."""

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self.workload_of: dict[tuple[str, str], str] = {}  # (ns, name) -> id
        self.pod_labels: dict[str, tuple[str, dict[str, Any]]] = {}
        self.configmaps: dict[tuple[str, str], _Doc] = {}
        self.secrets: dict[tuple[str, str], _Doc] = {}
        self.label_index: dict[tuple[str, Any, Any], set[str]] = {}
        self.indexed = -1  # how many workloads label_index covers


def parse(path: Path) -> ImportResult:
    root = SafeRoot(path)
    cluster = _Cluster()
    files = (
        [root.start]
        if root.start.is_file()
        else [p for p in root.walk() if p.suffix.lower() in (".yaml", ".yml", ".json")]
    )
    builder = Builder((root.root.name or "kubernetes").lower(), "kubernetes")
    for file in files:
        _read(root, file, cluster, builder)
    if not any(d.kind in WORKLOADS for d in cluster.docs):
        raise ImportProblem(root.rel(root.start) or ".", "no Kubernetes workloads found")
    for doc in cluster.docs:
        builder.names.namespaces.add(doc.namespace)
        if doc.kind == "ConfigMap":
            cluster.configmaps[(doc.namespace, doc.name)] = doc
        elif doc.kind == "Secret":
            cluster.secrets[(doc.namespace, doc.name)] = doc
    for doc in cluster.docs:
        if doc.kind in WORKLOADS:
            with shape_errors(f"{doc.file}: {doc.ref}"):
                _add_workload(builder, cluster, doc)
    for doc in cluster.docs:
        if doc.kind == "Service":
            with shape_errors(f"{doc.file}: {doc.ref}"):
                _add_service(builder, cluster, doc)
    for doc in cluster.docs:
        with shape_errors(f"{doc.file}: {doc.ref}"):
            if doc.kind in WORKLOADS:
                _workload_edges(builder, cluster, doc)
            elif doc.kind == "Ingress":
                _ingress(builder, cluster, doc)
            elif doc.kind == "NetworkPolicy":
                _network_policy(builder, cluster, doc)
    return builder.result()


def _read(root: SafeRoot, file: Path, cluster: _Cluster, builder: Builder) -> None:
    shown = root.rel(file)
    text = root.read_text(file)
    if "{{" in text and ".Values" in text:
        builder.loss("skipped", shown, "", "a Helm template; render it with `helm template`")
        return
    docs = root.yaml_docs(file) if file.suffix.lower() != ".json" else [root.json(file)]
    for data in docs:
        for item in _flatten(data):
            if "apiVersion" in item and "kind" in item:
                for key in ("metadata", "spec", "data"):
                    if item.get(key) is not None and not isinstance(item[key], dict):
                        raise ImportProblem(shown, f"{item['kind']}: {key} must be a mapping")
                cluster.docs.append(_Doc(item, shown))


def _flatten(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict):
        return []
    if str(data.get("kind", "")).endswith("List") and isinstance(data.get("items"), list):
        return [i for item in data["items"] for i in _flatten(item)]
    return [data]


def _pod_spec(doc: _Doc) -> tuple[dict[str, Any], str]:
    spec = doc.data.get("spec") or {}
    if doc.kind == "Pod":
        return spec, "spec"
    if doc.kind == "CronJob":
        tmpl = ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}
        return tmpl.get("spec") or {}, "spec.jobTemplate.spec.template.spec"
    return ((spec.get("template") or {}).get("spec") or {}), "spec.template.spec"


def _labels(doc: _Doc) -> dict[str, Any]:
    spec = doc.data.get("spec") or {}
    if doc.kind == "Pod":
        return dict((doc.data.get("metadata") or {}).get("labels") or {})
    if doc.kind == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    return dict(((spec.get("template") or {}).get("metadata") or {}).get("labels") or {})


ID_ANNOTATION = "archwright.io/component-id"  # set by archwright's Kubernetes exporter


def _annotated_id(doc: _Doc) -> str | None:
    for meta in (
        doc.data.get("metadata"),
        ((doc.data.get("spec") or {}).get("template") or {}).get("metadata"),
    ):
        value = ((meta or {}).get("annotations") or {}).get(ID_ANNOTATION)
        if value:
            return str(value)
    return None


KIND_LABEL = "app.kubernetes.io/component"  # recommended label; archwright writes a kind


def _labelled_kind(doc: _Doc) -> Kind | None:
    value = ((doc.data.get("metadata") or {}).get("labels") or {}).get(KIND_LABEL)
    return Kind(value) if isinstance(value, str) and value in set(Kind) else None


def _add_workload(builder: Builder, cluster: _Cluster, doc: _Doc) -> None:
    cid = _annotated_id(doc) or doc.name
    if cid in builder.components:
        cid = f"{doc.namespace}/{cid}"
    pod, _ = _pod_spec(doc)
    containers = [c for c in pod.get("containers") or [] if isinstance(c, dict)]
    images = [str(c.get("image", "")) for c in containers]
    match = next((m for m in (match_image(i) for i in images if i) if m), None)
    kind = _labelled_kind(doc) or (
        match.kind
        if match
        else (_KIND_FOR.get(doc.kind) or kind_from_name(doc.name) or Kind.SERVICE)
    )
    if match is None:
        builder.loss(
            "unknown_image",
            doc.file,
            f"{doc.ref}: image",
            f"{', '.join(images) or 'no image'} not in the technology map; "
            f"imported as {kind.value}",
        )
    replicas = (doc.data.get("spec") or {}).get("replicas", 1)
    builder.add(
        cid,
        doc.file,
        doc.ref,
        doc.name,
        f"{doc.name}.{doc.namespace}",
        protocol=match.protocol if match else None,
        kind=kind,
        technology=match.technology if match else None,
        replicas=replicas if isinstance(replicas, int) and replicas >= 0 else 1,
        properties={"workload": doc.kind, "namespace": doc.namespace, "images": images},
    )
    cluster.workload_of[(doc.namespace, doc.name)] = cid
    cluster.pod_labels[cid] = (doc.namespace, _labels(doc))


def _selected(cluster: _Cluster, namespace: str, selector: dict[str, Any]) -> list[str]:
    """Workloads whose pod labels match every pair of `selector`, through a label index.

    Scanning every workload for every Service made 4,000 Deployment+Service pairs take
    68 s; the index makes each lookup proportional to the matches.
    """
    if not selector:
        return []
    index = _label_index(cluster)
    found: set[str] | None = None
    for key, value in selector.items():
        try:
            matches = index.get((namespace, key, value), set())
        except TypeError:  # an unhashable selector value: compare the slow way
            return _scan_selected(cluster, namespace, selector)
        found = set(matches) if found is None else found & matches
        if not found:
            return []
    return sorted(found or ())


def _label_index(cluster: _Cluster) -> dict[tuple[str, Any, Any], set[str]]:
    if cluster.indexed != len(cluster.pod_labels):
        cluster.label_index.clear()
        for cid, (ns, labels) in cluster.pod_labels.items():
            for key, value in labels.items():
                try:
                    cluster.label_index.setdefault((ns, key, value), set()).add(cid)
                except TypeError:
                    continue
        cluster.indexed = len(cluster.pod_labels)
    return cluster.label_index


def _scan_selected(cluster: _Cluster, namespace: str, selector: dict[str, Any]) -> list[str]:
    return sorted(
        cid
        for cid, (ns, labels) in cluster.pod_labels.items()
        if ns == namespace and all(labels.get(k) == v for k, v in selector.items())
    )


def _add_service(builder: Builder, cluster: _Cluster, doc: _Doc) -> None:
    spec = doc.data.get("spec") or {}
    selector = spec.get("selector") or {}
    targets = _selected(cluster, doc.namespace, selector)
    if not targets:
        builder.loss(
            "unresolved_reference",
            doc.file,
            f"{doc.ref}: spec.selector",
            f"selects no workload ({selector or 'no selector'})",
        )
        return
    if len(targets) > 1:
        builder.loss(
            "unresolved_reference",
            doc.file,
            f"{doc.ref}: spec.selector",
            f"selects {', '.join(targets)}; calls are given to {targets[0]}",
        )
    target = targets[0]
    for alias in (doc.name, f"{doc.name}.{doc.namespace}"):
        builder.names.add(alias, target)
    comp = builder.components[target]
    if spec.get("type") in ("LoadBalancer", "NodePort"):
        builder.components[target] = comp.model_copy(update={"public": True})
    for port in spec.get("ports") or []:
        if not isinstance(port, dict):
            continue
        name = port.get("appProtocol") or port.get("name")
        proto = protocol_for_port(None, str(name)) if name else None
        number = port.get("port")
        if proto is not None and isinstance(number, int):
            builder.port_protocols[(target, number)] = proto
            builder.protocols.setdefault(target, proto)


def _workload_edges(builder: Builder, cluster: _Cluster, doc: _Doc) -> None:
    cid = cluster.workload_of[(doc.namespace, doc.name)]
    pod, base = _pod_spec(doc)
    for group in ("initContainers", "containers"):
        for container in pod.get(group) or []:
            if isinstance(container, dict):
                where = f"{doc.ref}: {base}.{group}[{container.get('name', '?')}]"
                _container_edges(builder, cluster, doc, cid, container, where)
    for volume in pod.get("volumes") or []:
        ref = (volume.get("configMap") or {}).get("name") if isinstance(volume, dict) else None
        cm = cluster.configmaps.get((doc.namespace, str(ref))) if ref else None
        if ref and cm is None:
            builder.loss(
                "unresolved_reference",
                doc.file,
                f"{doc.ref}: volumes",
                f"ConfigMap {ref!r} is not in the manifests",
            )
        elif cm is not None:
            from archwright.importers._configs import parse_config

            for key, text in sorted((cm.data.get("data") or {}).items()):
                for item in parse_config(str(text), str(key), cm.file)[0]:
                    builder.add_address(
                        cid, item.address, cm.file, f"{cm.ref}: data.{key} {item.key}", item.value
                    )


def _container_edges(
    builder: Builder, cluster: _Cluster, doc: _Doc, cid: str, container: dict[str, Any], where: str
) -> None:
    for env in container.get("env") or []:
        if not isinstance(env, dict):
            continue
        key = f"{where}.env.{env.get('name')}"
        if isinstance(env.get("value"), str):
            builder.scan_value(cid, env["value"], doc.file, key)
        ref = env.get("valueFrom") or {}
        for kind, store in (
            ("configMapKeyRef", cluster.configmaps),
            ("secretKeyRef", cluster.secrets),
        ):
            if isinstance(ref.get(kind), dict):
                _from_store(
                    builder,
                    doc,
                    cid,
                    key,
                    store,
                    ref[kind].get("name"),
                    [ref[kind].get("key")],
                    kind,
                )
    for env_from in container.get("envFrom") or []:
        for kind, store in (("configMapRef", cluster.configmaps), ("secretRef", cluster.secrets)):
            if isinstance(env_from, dict) and isinstance(env_from.get(kind), dict):
                _from_store(
                    builder,
                    doc,
                    cid,
                    f"{where}.envFrom",
                    store,
                    env_from[kind].get("name"),
                    None,
                    kind,
                )
    for field_name in ("command", "args"):
        parts = container.get(field_name)
        if isinstance(parts, list):
            builder.scan_value(
                cid, " ".join(str(p) for p in parts), doc.file, f"{where}.{field_name}"
            )


def _from_store(
    builder: Builder,
    doc: _Doc,
    cid: str,
    key: str,
    store: dict[tuple[str, str], _Doc],
    name: Any,
    keys: list[Any] | None,
    kind: str,
) -> None:
    source = store.get((doc.namespace, str(name)))
    if source is None:
        builder.loss("unresolved_reference", doc.file, key, f"{kind} {name!r} not in the manifests")
        return
    data = dict(source.data.get("data") or {})
    data.update(source.data.get("stringData") or {})
    secret = source.kind == "Secret"
    for k in sorted(data) if keys is None else [k for k in keys if k in data]:
        value = str(data[k])
        if secret and "stringData" not in source.data:
            import base64
            import binascii

            try:
                value = base64.b64decode(value, validate=True).decode("utf-8", "replace")
            except (binascii.Error, ValueError):
                continue
        for address in _addresses(value, str(k)):
            # secret values never reach evidence: only the key that held the address
            builder.add_address(
                cid, address, source.file, f"{source.ref}: data.{k}", "" if secret else value
            )


def _addresses(value: str, key: str) -> list[Any]:
    from archwright.importers._edges import addresses_in

    return addresses_in(value, key)


def _ingress(builder: Builder, cluster: _Cluster, doc: _Doc) -> None:
    spec = doc.data.get("spec") or {}
    backends: list[tuple[str, str]] = []
    default = spec.get("defaultBackend") or spec.get("backend")
    if isinstance(default, dict):
        backends.append((_backend_name(default), "spec.defaultBackend"))
    for i, rule in enumerate(spec.get("rules") or []):
        paths = ((rule or {}).get("http") or {}).get("paths") or []
        for j, p in enumerate(paths):
            backend = (p or {}).get("backend") or {}
            backends.append(
                (_backend_name(backend), f"spec.rules[{i}].http.paths[{j}] {p.get('path', '/')}")
            )
    ingress_id = _annotated_id(doc) or f"ingress-{doc.name}"
    builder.add(
        ingress_id,
        doc.file,
        doc.ref,
        kind=Kind.LOAD_BALANCER,
        public=True,
        properties={"namespace": doc.namespace},
    )
    for name, key in backends:
        target = builder.names.resolve(f"{name}.{doc.namespace}") or builder.names.resolve(name)
        if target is None:
            builder.loss(
                "unresolved_reference",
                doc.file,
                f"{doc.ref}: {key}",
                f"backend Service {name!r} selects nothing deployed",
            )
            continue
        builder.add_edge(
            ingress_id,
            target,
            Evidence(ingress_id, target, doc.file, f"{doc.ref}: {key}", name),
            Protocol.HTTP,
            2,
        )


def _backend_name(backend: dict[str, Any]) -> str:
    service = backend.get("service")
    if isinstance(service, dict):
        return str(service.get("name", ""))
    return str(backend.get("serviceName", ""))


def _network_policy(builder: Builder, cluster: _Cluster, doc: _Doc) -> None:
    spec = doc.data.get("spec") or {}
    pod_selector = (spec.get("podSelector") or {}).get("matchLabels") or {}
    targets = _selected(cluster, doc.namespace, pod_selector) if pod_selector else []
    for i, rule in enumerate(spec.get("ingress") or []):
        for j, peer in enumerate((rule or {}).get("from") or []):
            labels = ((peer or {}).get("podSelector") or {}).get("matchLabels") or {}
            for source in _selected(cluster, doc.namespace, labels):
                for target in targets:
                    if source != target:
                        builder.add_edge(
                            source,
                            target,
                            Evidence(
                                source,
                                target,
                                doc.file,
                                f"{doc.ref}: spec.ingress[{i}].from[{j}]",
                                "allowed by policy",
                            ),
                        )
