"""Commentary, assessments and approvals in the database, beside the evidence they comment on:
the annual follow-up's, and the kommun lägesbild's free-text sections and approvals.

Every save of a comment is a new row, so the history of a goal's text for a year is all its rows
in order and the current text is the last one. An approval keeps the report as approved (a JSON
snapshot), so later imports cannot change what the board was shown; a withdrawn approval stays
for history. The tables are made by the store's migrations (indicators/migrations/).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
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
from indicators.store import Store, imports_table, inserted_id

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


def _approvals(name: str) -> Table:
    """An approval keeps the document as approved; a withdrawn one stays for history."""
    return Table(
        name,
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


approvals_table = _approvals("approvals")

# The kommun lägesbild's free text (medborgardialog, skolans kartläggning, the analysts' own
# analysis): one row per save, keyed by agreement, year and section, as comments are by goal.
lagesbild_texts_table = Table(
    "lagesbild_texts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agreement", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("section", String(100), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("saved_at", String(40), nullable=False),
    Index("ix_lagesbild_texts_year", "agreement", "year"),
)
lagesbild_approvals_table = _approvals("lagesbild_approvals")


@dataclass(frozen=True)
class Approvable:
    """A document a year of which is approved (fastställd) and then frozen: its approvals,
    and how the refusals and the audit log name it."""

    approvals: Table
    name: str  # "Året {year}": what the Swedish refusals say is or is not approved
    approved: str  # the word's gender: "fastställt" or "fastställd"
    event: str  # the audit log's word for an approval; "hävt " + it for a withdrawal

    def said(self, year: int, how: str = "") -> str:
        """'Året 2021 är fastställt', or with how='redan': 'Året 2021 är redan fastställt'."""
        return f"{self.name.format(year=year)} är {how + ' ' if how else ''}{self.approved}"


ANNUAL = Approvable(approvals_table, "Året {year}", "fastställt", "fastställande")
LAGESBILD = Approvable(
    lagesbild_approvals_table, "Lägesbilden {year}", "fastställd", "fastställande av lägesbild"
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


class YearApproved(Exception):
    """Commentary and figures of an approved year are frozen until the approval is withdrawn."""


class YearNotApproved(Exception):
    """Only an approved year can have its approval withdrawn."""


def comments(store: Store, agreement: str, year: int) -> list[dict[str, Any]]:
    """Every saved version of every goal's commentary for the year, oldest first."""
    return _versions(store, comments_table, agreement, year)


def save_comment(
    store: Store, agreement: str, year: int, goal_id: str, text: str, author: str, saved_at: str
) -> int:
    return _save_version(
        store,
        ANNUAL,
        comments_table,
        "kommentarerna",
        "kommentar",
        dict(
            agreement=agreement,
            year=year,
            goal_id=goal_id,
            text=text,
            author=author,
            saved_at=saved_at,
        ),
    )


def lagesbild_texts(store: Store, agreement: str, year: int) -> list[dict[str, Any]]:
    """Every saved version of every free-text section of the year's lägesbild, oldest first."""
    return _versions(store, lagesbild_texts_table, agreement, year)


def save_lagesbild_text(
    store: Store, agreement: str, year: int, section: str, text: str, author: str, saved_at: str
) -> int:
    return _save_version(
        store,
        LAGESBILD,
        lagesbild_texts_table,
        "texterna",
        "lägesbildstext",
        dict(
            agreement=agreement,
            year=year,
            section=section,
            text=text,
            author=author,
            saved_at=saved_at,
        ),
    )


def _versions(store: Store, table: Table, agreement: str, year: int) -> list[dict[str, Any]]:
    query = (
        select(table)
        .where(table.c.agreement == agreement)
        .where(table.c.year == year)
        .order_by(table.c.id)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def _save_version(
    store: Store, of: Approvable, table: Table, texts: str, event: str, row: dict[str, Any]
) -> int:
    """A new version of a text, in the transaction that checks the year is not approved."""
    agreement, year = row["agreement"], row["year"]
    about = row.get("goal_id") or row.get("section")
    with store.engine.begin() as conn:
        if _active_approval(conn, agreement, year, of) is not None:
            raise YearApproved(f"{of.said(year)}; {texts} kan inte ändras.")
        audit.write(conn, row["saved_at"], row["author"], event, f"{agreement} {year}: {about}")
        return inserted_id(table.insert().values(**row), conn)


def assessments(store: Store, agreement: str) -> list[dict[str, Any]]:
    """Every saved version of every assessment under the agreement, oldest first."""
    query = (
        select(assessments_table)
        .where(assessments_table.c.agreement == agreement)
        .order_by(assessments_table.c.id)
    )
    with store.engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def save_assessment(store: Store, agreement: str, row: dict[str, Any]) -> int:
    """Keep a new version of a target's assessment for a year; refused for an approved year."""
    year = int(row["year"])
    with store.engine.begin() as conn:
        if _active_approval(conn, agreement, year, ANNUAL) is not None:
            raise YearApproved(f"Året {year} är fastställt; bedömningen kan inte ändras.")
        audit.write(
            conn,
            row["saved_at"],
            row["author"],
            "bedömning",
            f"{agreement} {year}: {row['target_id']} {row['status']}",
        )
        return inserted_id(assessments_table.insert().values(agreement=agreement, **row), conn)


def approval(
    store: Store, agreement: str, year: int, of: Approvable = ANNUAL
) -> dict[str, Any] | None:
    """The year's approval in force, if any."""
    with store.engine.connect() as conn:
        return _active_approval(conn, agreement, year, of)


def approve(
    store: Store,
    agreement: str,
    year: int,
    by: str,
    at: str,
    snapshot: str,
    of: Approvable = ANNUAL,
) -> int:
    with store.engine.begin() as conn:
        if _active_approval(conn, agreement, year, of) is not None:
            raise YearApproved(f"{of.said(year, 'redan')}.")
        last_import = conn.execute(select(func.max(imports_table.c.id))).scalar() or 0
        audit.write(conn, at, by, of.event, f"{agreement} {year}")
        return inserted_id(
            of.approvals.insert().values(
                agreement=agreement,
                year=year,
                approved_by=by,
                approved_at=at,
                last_import_id=last_import,
                snapshot=snapshot,
            ),
            conn,
        )


def withdraw_approval(
    store: Store, agreement: str, year: int, by: str, at: str, of: Approvable = ANNUAL
) -> None:
    with store.engine.begin() as conn:
        active = _active_approval(conn, agreement, year, of)
        if active is None:
            raise YearNotApproved(f"{of.said(year, 'inte')}.")
        conn.execute(
            update(of.approvals)
            .where(of.approvals.c.id == active["id"])
            .values(withdrawn_by=by, withdrawn_at=at)
        )
        audit.write(conn, at, by, f"hävt {of.event}", f"{agreement} {year}")


def imports_since(store: Store, approval: dict[str, Any]) -> int:
    """How many files were imported after the approval's figures were taken."""
    return sum(1 for i in store.imports() if i["id"] > approval["last_import_id"])


def _active_approval(
    conn: Connection, agreement: str, year: int, of: Approvable
) -> dict[str, Any] | None:
    table = of.approvals
    query = (
        select(table)
        .where(table.c.agreement == agreement)
        .where(table.c.year == year)
        .where(table.c.withdrawn_at.is_(None))
        .order_by(table.c.id.desc())
        .limit(1)
    )
    found = conn.execute(query).mappings().first()
    return None if found is None else dict(found)
