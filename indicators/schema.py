"""The store's schema, versioned: Alembic migrations in indicators/migrations/versions/, applied
whenever a store is opened, by the first process that finds the database behind.

One database serves every process (gunicorn workers, the command line, several analysts), and a
new release may change its tables. So:

- A new table or column is a new migration file (see README "Delad server"); the tables in code
  (indicators/store.py, audit.py, followup/records.py) say what the schema is, and a test checks
  that the migrations make exactly that, on SQLite and PostgreSQL.
- Two processes that start at once on a new or older database must not both migrate: the
  migration runs in one transaction that first takes a lock every migrator takes (PostgreSQL: a
  transaction-level advisory lock; SQLite: BEGIN IMMEDIATE, the database's one writer lock), and
  reads the version only once it holds it. The other waits, then finds nothing to do.
- A database that is already current costs one read of its version, no lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: every Trygghetsmål migrator locks the same one.
_MIGRATION_LOCK = 0x7472796767  # "trygg"


def _config() -> Config:
    """A new one per use: it carries the connection to migrate, and threads must not share it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def head() -> str:
    """The revision a database of this release is at once migrated."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    if found is None:
        raise RuntimeError(f"no migrations in {MIGRATIONS}")
    return found


def current(conn: Connection) -> str | None:
    """The database's revision; None for a new database or one made before migrations."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to this release's schema, safely against other processes."""
    with engine.connect() as conn:
        if current(conn) == head():
            return
    with _locked(engine) as conn:
        if current(conn) != head():  # another process may have migrated while we waited
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that holds the migration lock until it commits."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(select(func.pg_advisory_xact_lock(_MIGRATION_LOCK)))
            yield conn
        return
    if engine.dialect.name != "sqlite":
        raise ValueError(f"databasen {engine.dialect.name} stöds inte (SQLite eller PostgreSQL)")
    # Python's sqlite3 begins transactions only before data changes, so DDL would run outside
    # one; this engine lets SQLAlchemy begin them itself, with the write lock taken at once.
    locked = create_engine(engine.url)
    event.listen(locked, "connect", _no_driver_transactions)
    event.listen(locked, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    try:
        with locked.begin() as conn:
            yield conn
    finally:
        locked.dispose()


def _no_driver_transactions(connection, _record) -> None:
    connection.isolation_level = None
    connection.execute("PRAGMA busy_timeout=30000")
