"""Moving a store to another database (`trygghetsmal migrate-store --to URL`): a data dir's SQLite
file to the kommun's PostgreSQL server, say.

Every table the source has is copied row by row with its ids (provenance, revisions and
approvals refer to them), in one transaction of the target, and checked before that transaction
commits: each table's row count and a sha256 of its rows, read back from the target, must equal
the source's, or nothing is kept. The target must be empty; both are first brought to this
release's schema. The archive of originals is files in the data dir, which the move leaves where
they are.

    imports       12 rader  sha256 3f0c9a…  lika
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Float, MetaData, Table, func, select, text

from indicators.store import Store

CHUNK = 5_000
VERSION_TABLE = "alembic_version"  # the target has its own, from its migrations


class TargetNotEmpty(Exception):
    """The target already holds data: a move never merges two stores."""


class CopyDiffers(Exception):
    """A table read back from the target is not the source's; the copy was rolled back."""


@dataclass(frozen=True)
class CopiedTable:
    name: str
    rows: int
    sha256: str


def copy_store(source: Store, target: Store) -> list[CopiedTable]:
    """Copy every table of `source` into the empty `target`; the tables, as checked."""
    tables = _reflected(source)
    target_tables = _reflected(target)
    copied = []
    with source.engine.connect() as reading, target.engine.begin() as writing:
        filled = [name for name in target_tables.tables if _count(writing, target_tables, name)]
        if filled:
            raise TargetNotEmpty(
                "måldatabasen innehåller redan data (" + ", ".join(sorted(filled)) + "); "
                "flytten görs bara till en tom databas"
            )
        for table in tables.sorted_tables:
            into = target_tables.tables[table.name]
            rows, digest = 0, hashlib.sha256()
            for chunk in _chunks(reading, table):
                writing.execute(into.insert(), chunk)
                rows += len(chunk)
                for row in chunk:
                    digest.update(_canonical(table, row))
            _continue_ids(writing, into)
            again = table_digest(writing, into)
            if again != (rows, digest.hexdigest()):
                raise CopyDiffers(
                    f"tabellen {table.name} blev inte densamma i måldatabasen ({rows} rader "
                    f"i källan, {again[0]} i målet); inget kopierades"
                )
            copied.append(CopiedTable(table.name, rows, digest.hexdigest()))
    return copied


def table_digest(conn: Connection, table: Table) -> tuple[int, str]:
    """A table's row count and the sha256 of its rows in id order, the same for the same rows
    whichever database holds them."""
    rows, digest = 0, hashlib.sha256()
    for chunk in _chunks(conn, table):
        rows += len(chunk)
        for row in chunk:
            digest.update(_canonical(table, row))
    return rows, digest.hexdigest()


def _reflected(store: Store) -> MetaData:
    """The database's own tables (every one a migration made, the follow-up's and any later
    release's included), without the migrations' bookkeeping."""
    tables = MetaData()
    tables.reflect(store.engine)
    tables.remove(tables.tables[VERSION_TABLE])
    return tables


def _count(conn: Connection, tables: MetaData, name: str) -> int:
    return int(conn.execute(select(func.count()).select_from(tables.tables[name])).scalar_one())


def _chunks(conn: Connection, table: Table) -> Iterator[list[dict[str, Any]]]:
    key = list(table.primary_key.columns)
    # On the statement, not the connection: a connection's options stay set on it (a server-side
    # cursor would then refuse the inserts of the next table).
    result = conn.execute(select(table).order_by(*key).execution_options(yield_per=CHUNK))
    for partition in result.mappings().partitions():
        yield [dict(row) for row in partition]


def _canonical(table: Table, row: dict[str, Any]) -> bytes:
    """One row as bytes that do not depend on the database: SQLite and PostgreSQL return the
    same numbers and texts, but a float column may give an int for a whole number."""
    values = [
        float(row[c.name]) if isinstance(c.type, Float) and row[c.name] is not None else row[c.name]
        for c in table.columns
    ]
    return (json.dumps(values, ensure_ascii=False) + "\n").encode()


def _continue_ids(conn: Connection, table: Table) -> None:
    """Rows copied with their ids leave PostgreSQL's id sequence at its start; the next new row
    must get the id after the largest copied (SQLite takes the largest id + 1 by itself)."""
    if conn.dialect.name != "postgresql" or "id" not in table.columns:
        return
    conn.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f'coalesce(max(id), 1), max(id) IS NOT NULL) FROM "{table.name}"'
        )
    )
