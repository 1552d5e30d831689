"""Every store test runs on SQLite and on a real PostgreSQL: the `db_url` fixture
(tests/postgres_cluster.py, registered in tests/conftest.py)."""
