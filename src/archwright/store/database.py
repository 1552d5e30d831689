"""Where the store lives: the URL, the engine, and bringing the schema up to date.

SQLite is the default (one file in the user's data folder) so a single user needs no
server; PostgreSQL is for teams, where several stateless `archwright serve` replicas
share one database. Both are reached through SQLAlchemy and migrated by Alembic.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from archwright.store.errors import Invalid

_SCHEMES = ("sqlite", "postgresql")
_LOCK_KEY = 0x61726377  # "arcw": the migration lock's id among advisory locks


def data_folder() -> Path:
    """The user's data folder: $XDG_DATA_HOME/archwright, else ~/.local/share/archwright."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "archwright"


def default_url() -> str:
    return f"sqlite:///{data_folder() / 'archwright.db'}"


def normalize_url(url: str) -> str:
    """`url` with the driver this package ships (psycopg 3 for PostgreSQL).

    `postgresql://` alone means psycopg2 to SQLAlchemy, which is not a dependency;
    anything but SQLite and PostgreSQL is refused with the schemes that work.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise Invalid(
            f"not a database URL: {url[:80]!r} (sqlite:///FILE or postgresql://...)"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in _SCHEMES:
        raise Invalid(f"unsupported database {backend!r}; use sqlite:///FILE or postgresql://...")
    if backend == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def connect(url: str) -> Engine:
    """An engine for `url`; SQLite gets foreign keys on and a busy timeout.

    SQLite ignores ON DELETE CASCADE unless asked per connection, and without a timeout
    a second writer fails at once instead of waiting its turn.
    """
    normalized = normalize_url(url)
    if normalized.startswith("sqlite"):
        database = make_url(normalized).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(normalized, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(normalized, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # The driver's own transaction handling starts no transaction before DDL, so two
    # processes could both create the tables; `_sqlite_begin` starts every one instead.
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """Take SQLite's write lock up front: a second writer waits (busy timeout) instead of
    failing half-way, and a migration runs whole or not at all."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine, target: str = "head") -> None:
    """Upgrade the schema to the newest migration shipped in this package (or to
    `target`, a revision id: the tests upgrade from each earlier head)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas starting together would race to create the same tables; the
            # first takes the lock and migrates, the others wait and find nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        config.attributes["connection"] = connection
        command.upgrade(config, target)
