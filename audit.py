"""The audit log: who imported, commented, approved, withdrew or downloaded an original, and when.

Its table lives in the same database as the evidence; the store creates it when it opens the
database, so an entry can be written inside the transaction of the change it records (`write`)
or on its own (`record`). Only admin sees it, on /logg.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, Text, select

metadata = MetaData()

audit_table = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("user", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("detail", Text, nullable=False),
)


@dataclass(frozen=True)
class Entry:
    """One entry, for a change that writes its own in its transaction (Store.add_import)."""

    at: str
    user: str
    action: str
    detail: str


def write(conn: Connection, at: str, user: str, action: str, detail: str) -> None:
    """An entry inside the caller's transaction: it stands or falls with the change."""
    conn.execute(audit_table.insert().values(at=at, user=user, action=action, detail=detail))


def record(engine: Engine, at: str, user: str, action: str, detail: str) -> None:
    with engine.begin() as conn:
        write(conn, at, user, action, detail)


def entries(engine: Engine, limit: int = 1000) -> list[dict[str, Any]]:
    """The newest entries first."""
    query = select(audit_table).order_by(audit_table.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]
