"""Source-tree import: units from Dockerfiles, datastores from client libraries and env."""

from __future__ import annotations

from pathlib import Path

import pytest

from archwright.importers import repo
from archwright.importers.importer import ImportProblem
from archwright.model import Kind, Protocol


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_units_libraries_sdk_clients_and_env(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "api/Dockerfile": "FROM python:3.12-slim\nEXPOSE 8000\nENV CACHE_URL=redis://cache:6379\n",
            "api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["psycopg[binary]>=3", '
            '"openai>=1"]\n',
            "api/.env.example": "ORDERS_URL=http://orders:8080\nDATABASE_URL=postgres://u@db/app\n",
            "api/src/jobs.py": 'import boto3\nqueue = boto3.client("sqs")\n',
            "orders/Dockerfile": "FROM golang:1.22 AS build\nFROM gcr.io/distroless/base\n",
            "orders/go.mod": "module x\n\nrequire (\n\tgithub.com/segmentio/kafka-go v0.4.47\n"
            "\tgithub.com/redis/go-redis/v9 v9.5.1\n)\n",
            "billing/Dockerfile": "FROM eclipse-temurin:21\n",
            "billing/pom.xml": "<project><dependencies><dependency>"
            "<groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>"
            "</dependency></dependencies></project>",
            "shop/Dockerfile": "FROM ruby:3.3\n",
            "shop/Gemfile": "source 'https://rubygems.org'\ngem 'pg'\ngem 'bunny'\n",
            "web/Dockerfile": "FROM node:20\n",
            "web/package.json": '{"dependencies": {"ioredis": "^5", "@aws-sdk/client-s3": "^3"}}',
            "img/Dockerfile": "FROM rust:1.78\n",
            "img/Cargo.toml": '[package]\nname = "img"\n[dependencies]\nlapin = "2"\n',
        },
    )
    result = repo.parse(tmp_path)
    arch = result.architecture
    edges = {(c.source, c.target): c for c in arch.connections}
    assert set(edges) == {
        ("api", "postgresql"),
        ("api", "openai"),
        ("api", "redis"),
        ("api", "orders"),
        ("api", "sqs"),
        ("orders", "kafka"),
        ("orders", "redis"),
        ("billing", "postgresql"),
        ("shop", "postgresql"),
        ("shop", "rabbitmq"),
        ("web", "redis"),
        ("web", "s3"),
        ("img", "rabbitmq"),
    }
    assert arch.component("openai").kind is Kind.LLM
    assert edges[("orders", "kafka")].protocol is Protocol.KAFKA
    assert len(edges[("api", "postgresql")].properties["evidence"]) == 2  # manifest + env


def test_no_units_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("nothing to deploy\n")
    with pytest.raises(ImportProblem, match="no Dockerfile"):
        repo.parse(tmp_path)


def test_broken_manifest_is_a_loss_not_a_crash(tmp_path: Path) -> None:
    _tree(tmp_path, {"svc/Dockerfile": "FROM python:3.12\n", "svc/pyproject.toml": "[project\n"})
    result = repo.parse(tmp_path)
    assert [c.id for c in result.architecture.components] == ["svc"]
    assert any("invalid TOML" in loss.detail for loss in result.losses)
