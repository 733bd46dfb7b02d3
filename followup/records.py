"""Commentary, assessments and approvals in the database, beside the evidence they comment on.

Every save of a comment is a new row, so the history of a goal's text for a year is all its rows
in order and the current text is the last one. An approval keeps the report as approved (a JSON
snapshot), so later imports cannot change what the board was shown; a withdrawn approval stays
for history. The tables are created on first use.
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    select,
    update,
)

import audit
from indicators.store import Store, create_tables, imports_table, inserted_id, keep_tables

metadata = MetaData()

comments_table = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("goal_id", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", String(40), nullable=False),
    Index("ix_comments_year", "agreement", "year"),
)

approvals_table = Table(
    "approvals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("approved_by", String(200), nullable=False),
    Column("approved_at", String(40), nullable=False),
    Column("last_import_id", Integer, nullable=False),  # the newest import the figures saw
    Column("snapshot", Text, nullable=False),
    Column("withdrawn_by", String(200)),
    Column("withdrawn_at", String(40)),
)

# Assessments (bedömning av säkerhetsenheten) of targets no statistic measures: one row per save,
# keyed by agreement, target and year, so agreements sharing one store keep theirs apart.
assessments_table = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement", String(100), nullable=False),
    Column("target_id", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("status", String(40), nullable=False),
    Column("motivation", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list of {"kind", "ref"}
    Column("author", String(200), nullable=False),
    Column("saved_at", String(40), nullable=False),
    Index("ix_assessments_target", "agreement", "target_id", "year"),
)

keep_tables(metadata)  # made with the store's own tables whenever it opens the database
_READY: weakref.WeakSet[Engine] = weakref.WeakSet()


class YearApproved(Exception):
    """Commentary and figures of an approved year are frozen until the approval is withdrawn."""


class YearNotApproved(Exception):
    """Only an approved year can have its approval withdrawn."""


def ready(store: Store) -> Engine:
    """The store's engine, with the follow-up tables created on first use."""
    if store.engine not in _READY:
        create_tables(store.engine, metadata)
        _READY.add(store.engine)
    return store.engine


def comments(store: Store, agreement: str, year: int) -> list[dict[str, Any]]:
    """Every saved version of every goal's commentary for the year, oldest first."""
    query = (
        select(comments_table)
        .where(comments_table.c.agreement == agreement)
        .where(comments_table.c.year == year)
        .order_by(comments_table.c.id)
    )
    with ready(store).connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def save_comment(
    store: Store, agreement: str, year: int, goal_id: str, text: str, author: str, saved_at: str
) -> int:
    with ready(store).begin() as conn:
        if _active_approval(conn, agreement, year) is not None:
            raise YearApproved(f"Året {year} är fastställt; kommentarerna kan inte ändras.")
        audit.write(conn, saved_at, author, "kommentar", f"{agreement} {year}: {goal_id}")
        return inserted_id(
            comments_table.insert().values(
                agreement=agreement,
                year=year,
                goal_id=goal_id,
                text=text,
                author=author,
                saved_at=saved_at,
            ),
            conn,
        )


def assessments(store: Store, agreement: str) -> list[dict[str, Any]]:
    """Every saved version of every assessment under the agreement, oldest first."""
    query = (
        select(assessments_table)
        .where(assessments_table.c.agreement == agreement)
        .order_by(assessments_table.c.id)
    )
    with ready(store).connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def save_assessment(store: Store, agreement: str, row: dict[str, Any]) -> int:
    """Keep a new version of a target's assessment for a year; refused for an approved year."""
    year = int(row["year"])
    with ready(store).begin() as conn:
        if _active_approval(conn, agreement, year) is not None:
            raise YearApproved(f"Året {year} är fastställt; bedömningen kan inte ändras.")
        audit.write(
            conn,
            row["saved_at"],
            row["author"],
            "bedömning",
            f"{agreement} {year}: {row['target_id']} {row['status']}",
        )
        return inserted_id(assessments_table.insert().values(agreement=agreement, **row), conn)


def approval(store: Store, agreement: str, year: int) -> dict[str, Any] | None:
    """The year's approval in force, if any."""
    with ready(store).connect() as conn:
        return _active_approval(conn, agreement, year)


def approve(store: Store, agreement: str, year: int, by: str, at: str, snapshot: str) -> int:
    with ready(store).begin() as conn:
        if _active_approval(conn, agreement, year) is not None:
            raise YearApproved(f"Året {year} är redan fastställt.")
        last_import = conn.execute(select(func.max(imports_table.c.id))).scalar() or 0
        audit.write(conn, at, by, "fastställande", f"{agreement} {year}")
        return inserted_id(
            approvals_table.insert().values(
                agreement=agreement,
                year=year,
                approved_by=by,
                approved_at=at,
                last_import_id=last_import,
                snapshot=snapshot,
            ),
            conn,
        )


def withdraw_approval(store: Store, agreement: str, year: int, by: str, at: str) -> None:
    with ready(store).begin() as conn:
        active = _active_approval(conn, agreement, year)
        if active is None:
            raise YearNotApproved(f"Året {year} är inte fastställt.")
        conn.execute(
            update(approvals_table)
            .where(approvals_table.c.id == active["id"])
            .values(withdrawn_by=by, withdrawn_at=at)
        )
        audit.write(conn, at, by, "hävt fastställande", f"{agreement} {year}")


def _active_approval(conn: Connection, agreement: str, year: int) -> dict[str, Any] | None:
    query = (
        select(approvals_table)
        .where(approvals_table.c.agreement == agreement)
        .where(approvals_table.c.year == year)
        .where(approvals_table.c.withdrawn_at.is_(None))
        .order_by(approvals_table.c.id.desc())
        .limit(1)
    )
    found = conn.execute(query).mappings().first()
    return None if found is None else dict(found)
