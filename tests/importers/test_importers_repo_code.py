"""`import repo` reading code: peer hosts, task-queue brokers, ORM models, and `migrate`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from archwright.importers import repo
from archwright.model import Kind, Mode

DJANGO = Path(__file__).parent / "fixtures" / "django-shop"
APPS = ["accounts", "catalog", "orders", "payments", "reviews"]


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archwright", *args], capture_output=True, text=True, timeout=120
    )


def test_django_apps_models_and_cross_app_foreign_keys() -> None:
    arch = repo.parse(DJANGO).architecture
    unit = arch.component("django-shop")
    modules = {m["name"]: m for m in unit.properties["modules"]}
    assert sorted(modules) == APPS
    assert modules["accounts"]["tables"] == ["accounts_customer", "customer_address"]  # db_table
    # orders/views.py imports catalog.models; orders/api/serializers.py accounts.models
    assert modules["orders"]["calls"] == ["accounts", "catalog"]
    assert modules["payments"]["calls"] == ["orders"]
    store = arch.component(unit.properties["datastore"])
    assert store.kind is Kind.SQL_DB and store.technology == "postgresql"
    tables = {e.name: e for e in store.entities}
    assert "catalog_timestamped" not in tables  # abstract base: no table, fields inherited
    assert [c.name for c in tables["catalog_product"].columns][:2] == ["id", "created"]
    refs = {
        (e.name, c.name): c.references for e in store.entities for c in e.columns if c.references
    }
    assert refs == {
        ("catalog_category", "parent_id"): "catalog_category.id",
        ("catalog_product", "category_id"): "catalog_category.id",
        ("customer_address", "customer_id"): "accounts_customer.id",
        ("orders_order", "customer_id"): "accounts_customer.id",
        ("orders_order", "shipping_address_id"): "customer_address.id",
        ("orders_orderline", "order_id"): "orders_order.id",
        ("orders_orderline", "product_id"): "catalog_product.id",
        ("payments_payment", "order_id"): "orders_order.id",
        ("reviews_review", "author_id"): "accounts_customer.id",
        ("reviews_review", "product_id"): "catalog_product.id",
    }
    line = next(c for c in tables["orders_orderline"].columns if c.name == "order_id")
    assert line.type == "uuid"  # the type of the key it points to
    payment = next(c for c in tables["payments_payment"].columns if c.name == "order_id")
    assert payment.unique  # OneToOneField


def test_celery_broker_on_redis_is_a_queue_and_the_cache_stays_a_cache() -> None:
    arch = repo.parse(DJANGO).architecture
    assert arch.component("redis-broker").kind is Kind.QUEUE
    assert arch.component("redis").kind is Kind.CACHE
    edges = {c.target: c for c in arch.connections if c.source == "django-shop"}
    assert sorted(edges) == ["postgresql", "redis", "redis-broker"]
    assert edges["redis-broker"].mode is Mode.ASYNC
    assert edges["redis-broker"].properties["confidence"] == "confirmed"
    assert "CELERY_BROKER_URL" in edges["redis-broker"].properties["evidence"][0]


def test_migrate_plans_the_imported_django_monolith_with_no_hand_edits(tmp_path: Path) -> None:
    out = tmp_path / "shop.yaml"
    done = _cli("import", "repo", str(DJANGO), "-o", str(out))
    assert done.returncode == 0, done.stderr
    done = _cli("migrate", str(out), "--format", "json")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    order = plan["extraction_order"]
    assert sorted([*order, plan["remains_in_core"]]) == APPS
    assert len(plan["phases"]) == len(APPS)  # facade + one phase per extracted module
    seams = {tuple(s["between"]) for s in plan["riskiest_seams"]}
    assert ("accounts", "orders") in seams
    assert plan["ownership"]["payments_payment"] == "payments"


def test_sidekiq_and_bullmq_brokers_are_queues_by_default(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "jobs/Dockerfile": "FROM ruby:3.3\n",
            "jobs/Gemfile": "gem 'sidekiq'\n",
            "web/Dockerfile": "FROM node:20\n",
            "web/package.json": '{"dependencies": {"bullmq": "^5"}}',
            "web/src/queue.ts": 'const q = new Queue("mail", {connection: {host: "redis"}});\n',
        },
    )
    arch = repo.parse(tmp_path).architecture
    assert arch.component("redis-broker").kind is Kind.QUEUE
    assert "redis" not in {c.id for c in arch.components}
    levels = {(c.source, c.target): c.properties["confidence"] for c in arch.connections}
    assert levels == {("jobs", "redis-broker"): "likely", ("web", "redis-broker"): "confirmed"}


def test_peer_hosts_in_source_become_confirmed_calls(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "vote/Dockerfile": "FROM python:3.12\n",
            "vote/app.py": 'from redis import Redis\nr = Redis(host="redis", db=0)\n'
            "# Redis(host='commented')\n",
            "worker/Dockerfile": "FROM mcr.microsoft.com/dotnet/runtime:8.0\n",
            "worker/Program.cs": 'var pg = OpenDbConnection("Server=db;Username=postgres;");\n',
            "result/Dockerfile": "FROM node:20\n",
            "result/server.js": "const cs = 'postgres://postgres:postgres@db/postgres';\n"
            "fetch(`http://vote/`);\n",
        },
    )
    arch = repo.parse(tmp_path).architecture
    edges = {(c.source, c.target): c.properties["confidence"] for c in arch.connections}
    assert edges == {
        ("vote", "redis"): "confirmed",
        ("result", "postgresql"): "confirmed",
        ("result", "vote"): "confirmed",
    }
    # "db" names neither a unit nor a technology: reported, not guessed
    result = repo.parse(tmp_path)
    assert any("'db'" in x.detail for x in result.losses if x.category == "unknown_address")


def test_sqlalchemy_prisma_typeorm_and_jpa_models(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "api/Dockerfile": "FROM python:3.12\n",
            "api/billing/models.py": "from sqlalchemy import Column, ForeignKey, Integer, String\n"
            "class Invoice(Base):\n    __tablename__ = 'invoices'\n"
            "    id = Column(Integer, primary_key=True)\n"
            "    customer_id = Column(Integer, ForeignKey('customers.id'), nullable=False)\n"
            "class Customer(Base):\n    __tablename__ = 'customers'\n"
            "    id = Column(Integer, primary_key=True)\n    name = Column(String(80))\n",
            "node/Dockerfile": "FROM node:20\n",
            "node/prisma/schema.prisma": "model User {\n  id Int @id @default(autoincrement())\n"
            "  email String @unique\n  posts Post[]\n}\n"
            "model Post {\n  id Int @id\n  title String\n  authorId Int\n"
            "  author User @relation(fields: [authorId], references: [id])\n"
            '  @@map("posts")\n}\n',
            "ts/Dockerfile": "FROM node:20\n",
            "ts/src/orders/order.entity.ts": "@Entity()\nexport class OrderLine {\n"
            "  @PrimaryGeneratedColumn() id: number;\n  @Column() sku: string;\n"
            "  @ManyToOne(() => Customer) customer: Customer;\n}\n"
            '@Entity("customers")\nexport class Customer {\n'
            "  @PrimaryGeneratedColumn() id: number;\n}\n",
            "java/Dockerfile": "FROM eclipse-temurin:21\n",
            "java/src/main/java/org/pets/owner/Pet.java": "package org.pets.owner;\n"
            '@Entity\n@Table(name = "pets")\npublic class Pet {\n  @Id private Long id;\n'
            '  @Column(name = "birth_date") private LocalDate birthDate;\n'
            '  @ManyToOne @JoinColumn(name = "owner_id") private Owner owner;\n}\n',
            "java/src/main/java/org/pets/owner/Owner.java": "package org.pets.owner;\n"
            "@Entity\npublic class Owner {\n  @Id private Long id;\n}\n",
        },
    )
    arch = repo.parse(tmp_path).architecture

    def refs(unit: str) -> dict[str, str | None]:
        store = arch.component(arch.component(unit).properties["datastore"])
        return {
            f"{e.name}.{c.name}": c.references
            for e in store.entities
            for c in e.columns
            if c.references
        }

    assert refs("api") == {"invoices.customer_id": "customers.id"}
    assert refs("node") == {"posts.authorId": "User.id"}
    assert refs("ts") == {"order_line.customerId": "customers.id"}
    assert refs("java") == {"pets.owner_id": "owner.id"}
    pets = next(e for e in arch.component("java-db").entities if e.name == "pets")
    assert [(c.name, c.type) for c in pets.columns] == [
        ("id", "bigint"),
        ("birth_date", "date"),
        ("owner_id", "bigint"),
    ]
    assert arch.component("java").properties["modules"][0]["name"] == "owner"


def test_unparsable_models_file_is_a_loss_not_a_crash(tmp_path: Path) -> None:
    _tree(tmp_path, {"Dockerfile": "FROM python:3.12\n", "shop/models.py": "class (:\n"})
    result = repo.parse(tmp_path)
    assert [x.category for x in result.losses] == ["skipped"]
    assert "not parsed" in result.losses[0].detail


def test_a_repos_compose_file_names_the_hosts_its_code_calls(tmp_path: Path) -> None:
    # The voting app's real compose file, with its services' connection lines as code.
    compose = Path(__file__).parent / "fixtures" / "example-voting-app-compose"
    (tmp_path / "docker-compose.yml").write_text((compose / "docker-compose.yml").read_text())
    _tree(
        tmp_path,
        {
            "vote/Dockerfile": "FROM python:3.11-slim\n",
            "vote/requirements.txt": "Flask\nRedis\n",
            "vote/app.py": 'g.redis = Redis(host="redis", db=0, socket_timeout=5)\n',
            "worker/Dockerfile": "FROM mcr.microsoft.com/dotnet/sdk:7.0\n",
            "worker/Program.cs": 'var pgsql = OpenDbConnection("Server=db;Username=postgres;");\n'
            'var redisConn = OpenRedisConnection("redis");\n',
            "result/Dockerfile": "FROM node:18-slim\n",
            "result/package.json": '{"dependencies": {"pg": "^8"}}',
            "result/server.js": "var pool = new Pool({\n"
            "  connectionString: 'postgres://postgres:postgres@db/postgres'\n});\n",
            "seed-data/Dockerfile": "FROM python:3.9-slim\n",
        },
    )
    result = repo.parse(tmp_path)
    arch = result.architecture
    assert sorted(c.id for c in arch.components) == [
        "db",
        "redis",
        "result",
        "seed-data",
        "vote",
        "worker",
    ]
    edges = {(c.source, c.target): c.properties["confidence"] for c in arch.connections}
    assert edges == {
        ("vote", "redis"): "confirmed",
        ("worker", "redis"): "confirmed",
        ("worker", "db"): "confirmed",
        ("result", "db"): "confirmed",
    }
    assert not [x for x in result.losses if x.category == "unknown_address"]


def test_migrate_refuses_an_import_without_modules(tmp_path: Path) -> None:
    out = tmp_path / "voting.yaml"
    compose = Path(__file__).parent / "fixtures" / "example-voting-app-compose"
    assert _cli("import", "compose", str(compose), "-o", str(out)).returncode == 0
    done = _cli("migrate", str(out))
    assert done.returncode == 2
    assert "`import repo` result with ORM modules" in done.stderr
