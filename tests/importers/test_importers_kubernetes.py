"""Kubernetes features: Lists, DNS names, ConfigMaps/Secrets by reference, Ingress, policies."""

from __future__ import annotations

from pathlib import Path

from archwright.importers import kubernetes
from archwright.model import Protocol


def _deploy(name: str, image: str, env: str = "", extra: str = "") -> str:
    return f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: {name}, namespace: shop}}
spec:
  replicas: 2
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers:
      - name: main
        image: {image}
{env}{extra}---
apiVersion: v1
kind: Service
metadata: {{name: {name}-svc, namespace: shop}}
spec:
  selector: {{app: {name}}}
  ports: [{{name: grpc, port: 50051}}]
---
"""


def test_dns_forms_configmap_secret_ingress_policy(tmp_path: Path) -> None:
    api_env = """        env:
        - {name: ORDERS_ADDR, value: "orders-svc.shop.svc.cluster.local:50051"}
        - name: CACHE
          valueFrom: {configMapKeyRef: {name: cfg, key: cache_url}}
        envFrom:
        - secretRef: {name: creds}
"""
    text = (
        _deploy("api", "example/api", api_env)
        + _deploy("orders", "example/orders")
        + _deploy("cache", "redis:7")
        + _deploy("db", "postgres:16")
        + """apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
data: {cache_url: "redis://cache-svc.shop:6379"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: shop}
stringData: {DATABASE_URL: "postgres://admin:hunter2@db-svc:5432/app"}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
  - http:
      paths:
      - path: /api
        backend: {service: {name: api-svc, port: {number: 80}}}
      - path: /gone
        backend: {service: {name: missing, port: {number: 80}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: orders-from-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: orders}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: api}}}]
"""
    )
    (tmp_path / "all.yaml").write_text(text)
    result = kubernetes.parse(tmp_path)
    arch = result.architecture
    edges = {(c.source, c.target): c for c in arch.connections}
    assert set(edges) == {
        ("api", "orders"),
        ("api", "cache"),
        ("api", "db"),
        ("ingress-web", "api"),
    }
    assert edges[("api", "orders")].protocol is Protocol.GRPC
    assert edges[("api", "cache")].protocol is Protocol.REDIS
    assert len(edges[("api", "orders")].properties["evidence"]) == 2  # env + network policy
    assert arch.component("ingress-web").public
    assert arch.component("api").replicas == 2
    assert "hunter2" not in str(result.report()) + str(arch.model_dump())
    assert any("'missing'" in loss.detail for loss in result.losses)


def test_list_kind_and_cronjob(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text("""{"apiVersion": "v1", "kind": "List", "items": [
      {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "report"},
       "spec": {"schedule": "0 * * * *", "jobTemplate": {"spec": {"template": {"spec": {
         "containers": [{"name": "r", "image": "example/report",
                         "args": ["--target", "http://api:8080/report"]}]}}}}}},
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"},
       "spec": {"template": {"metadata": {"labels": {"app": "api"}},
                "spec": {"containers": [{"name": "a", "image": "example/api"}]}}}}]}""")
    arch = kubernetes.parse(tmp_path).architecture
    assert arch.component("report").kind.value == "scheduler"
    assert [(c.source, c.target) for c in arch.connections] == [("report", "api")]


def test_helm_template_skipped_with_loss(tmp_path: Path) -> None:
    (tmp_path / "tpl.yaml").write_text("kind: Deployment\nmetadata: {name: {{ .Values.name }}}\n")
    (tmp_path / "ok.yaml").write_text(_deploy("api", "example/api"))
    result = kubernetes.parse(tmp_path)
    assert [c.id for c in result.architecture.components] == ["api"]
    assert any("helm template" in loss.detail for loss in result.losses)
