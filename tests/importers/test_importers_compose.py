"""Compose features: versions, merge rules, extends, include, env files, anchors, profiles."""

from __future__ import annotations

from pathlib import Path

from archwright.importers import compose
from archwright.model import Kind, Protocol


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    return folder


def _edges(folder: Path) -> set[tuple[str, str]]:
    arch = compose.parse(folder).architecture
    return {(c.source, c.target) for c in arch.connections}


def test_override_file_merged_by_compose_rules(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "docker-compose.yml": "version: '3.8'\nservices:\n  api:\n    image: example/api\n"
            "    environment: [A=1]\n    ports: ['8080:80']\n"
            "  db: {image: 'postgres:16'}\n",
            "docker-compose.override.yml": "services:\n  api:\n"
            "    environment: {DATABASE_URL: 'postgres://db:5432/x'}\n"
            "    ports: ['9090:90']\n",
        },
    )
    arch = compose.parse(tmp_path).architecture
    api = arch.component("api")
    assert api.properties["ports"] == ["8080:80", "9090:90"]  # sequences unioned
    assert arch.component("db").kind is Kind.SQL_DB
    conn = arch.connections[0]
    assert (conn.source, conn.target, conn.protocol) == ("api", "db", Protocol.SQL)
    assert arch.properties["source_files"] == ["docker-compose.yml", "docker-compose.override.yml"]


def test_v1_format_links_are_calls(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "docker-compose.yml": "web:\n  build: .\n  links: ['cache:redis']\n"
            "cache:\n  image: redis\n"
        },
    )
    assert _edges(tmp_path) == {("web", "cache")}


def test_extends_include_anchors_env_interpolation(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".env": "BROKER=rabbit\n",
            "common.yaml": "services:\n  base:\n    environment:\n      AMQP_URL: amqp://${BROKER}:5672\n",
            "infra/compose.yaml": (
                "services:\n  rabbit: {image: 'rabbitmq:3'}\n  cache: {image: redis}\n"
            ),
            "app.env": "CACHE_HOST=cache\n",
            "compose.yaml": (
                "include:\n  - infra/compose.yaml\n"
                "x-common: &common\n  restart: always\n  env_file: app.env\n"
                "services:\n"
                "  worker:\n    <<: *common\n    image: example/worker\n"
                "    extends: {file: common.yaml, service: base}\n"
                "  api:\n    <<: *common\n    image: example/api\n"
                "    environment: {PAYMENTS_URL: 'http://${PAY_HOST:-payments}:8000/v1'}\n"
                "  payments:\n    image: example/payments\n    profiles: [full]\n"
            ),
        },
    )
    result = compose.parse(tmp_path)
    arch = result.architecture
    edges = {(c.source, c.target): c for c in arch.connections}
    assert set(edges) == {
        ("worker", "rabbit"),
        ("worker", "cache"),
        ("api", "cache"),
        ("api", "payments"),
    }
    assert edges[("worker", "rabbit")].protocol is Protocol.AMQP
    assert edges[("worker", "rabbit")].mode.value == "async"
    assert arch.component("payments").properties["profiles"] == ["full"]
    evidence = edges[("api", "cache")].properties["evidence"]
    assert any("environment.CACHE_HOST" in e for e in evidence)  # from env_file app.env


def test_unset_variable_and_unknown_address_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "compose.yaml": "services:\n  api:\n    image: example/api\n"
            "    environment:\n      TOKEN: ${TOKEN}\n"
            "      SEARCH_URL: http://search:9200\n"
        },
    )
    result = compose.parse(tmp_path)
    lines = [loss.line() for loss in result.losses]
    assert any("unresolved_reference" in x and "TOKEN" in x for x in lines)
    assert any("unknown_address" in x and "'search'" in x for x in lines)


def test_depends_on_is_startup_order_not_call(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "compose.yaml": "services:\n  api:\n    image: example/api\n"
            "    depends_on: {db: {condition: service_healthy}}\n"
            "    environment: {DB_HOST: db}\n"
            "  web:\n    image: example/web\n    depends_on: [api]\n"
            "  db: {image: mysql}\n"
        },
    )
    arch = compose.parse(tmp_path).architecture
    # api names its peer (DB_HOST): its depends_on stays start-up order only; web names
    # nobody, so its depends_on is the only trace of a call: kept as `likely`.
    levels = {(c.source, c.target): c.properties["confidence"] for c in arch.connections}
    assert levels == {("api", "db"): "confirmed", ("web", "api"): "likely"}
    assert arch.properties["startup_order"] == [
        {"before": "api", "after": "web", "also_calls": False},
        {"before": "db", "after": "api", "also_calls": True},
    ]


def test_hostname_and_container_name_resolve(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "compose.yaml": "services:\n  elasticsearch:\n    image: elasticsearch:8\n"
            "    container_name: es\n"
            "  shipper:\n    image: logstash:8\n"
            "    volumes: ['./pipeline:/usr/share/logstash/pipeline']\n",
            "pipeline/out.conf": 'output { elasticsearch { hosts => ["http://es:9200"] } }\n',
        },
    )
    assert _edges(tmp_path) == {("shipper", "elasticsearch")}


def test_traefik_labels_route(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "compose.yaml": "services:\n  proxy: {image: 'traefik:v3'}\n"
            "  app:\n    image: example/app\n"
            "    labels: ['traefik.enable=true']\n"
        },
    )
    assert _edges(tmp_path) == {("proxy", "app")}


def test_deterministic_output(tmp_path: Path) -> None:
    from archwright.archfile import dumps_architecture

    folder = Path(__file__).parent / "fixtures" / "eshoponcontainers"
    first = dumps_architecture(compose.parse(folder).architecture)
    assert first == dumps_architecture(compose.parse(folder).architecture)
