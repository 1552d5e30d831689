"""Every store test runs on SQLite and on a real PostgreSQL (a throwaway cluster)."""

from __future__ import annotations

import itertools
import subprocess
from collections.abc import Iterator

import pytest

from postgres_cluster import Cluster, pg_bin, postgres_cluster

_COUNTER = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    with postgres_cluster(port=54331) as cluster:
        yield cluster


def fresh_database(cluster: Cluster) -> str:
    """A new, empty database in the cluster; its URL."""
    name = f"store_{next(_COUNTER)}"
    psql = pg_bin("psql")
    assert psql is not None
    subprocess.run(
        [*cluster.psql(psql), "-c", f"CREATE DATABASE {name}"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'store.db'}"
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    return fresh_database(cluster)
