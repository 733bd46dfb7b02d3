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
- A database that is already current costs one read of its version, no lock, and no import of
  Alembic (0.2 s of every command's start): the version is read with one query and compared with
  the head that the migration files name (`head`); Alembic comes in only to migrate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Any fixed number: every Trygghetsmål migrator locks the same one.
_MIGRATION_LOCK = 0x7472796767  # "trygg"


# Alembic's table of the applied revision (its default name; env.py names no other).
_VERSION_TABLE = "alembic_version"
# A migration file's own revision and its parent, as `alembic revision` writes them.
_REVISION = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision\s*=\s*(?:"([^"]+)"|None)', re.MULTILINE)


def _config() -> Config:
    """A new one per use: it carries the connection to migrate, and threads must not share it."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def head() -> str:
    """The revision a database of this release is at once migrated: the one migration that no
    other names as its down_revision, read from the files' text without importing Alembic
    (tests/imports/test_shared_store.py checks it against Alembic's own head)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, parent = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or parent is None:
            raise RuntimeError(f"{path.name}: no revision and down_revision line")
        revisions.add(revision.group(1))
        if parent.group(1) is not None:
            parents.add(parent.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations in {MIGRATIONS} have heads {sorted(heads)}, not one")
    return heads.pop()


def current(conn: Connection) -> str | None:
    """The database's revision; None for a new database or one made before migrations."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(conn: Connection) -> str | None:
    """The one revision in the version table, by one query; None when there is no table or it
    holds other than one row (Alembic then decides)."""
    if not inspect(conn).has_table(_VERSION_TABLE):
        return None
    rows = conn.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    """Bring the database to this release's schema, safely against other processes."""
    with engine.connect() as conn:
        if _stored_revision(conn) == head():
            return
    from alembic import command

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
