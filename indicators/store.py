"""The store: imports and their observations, with provenance and revisions, in one transaction.

SQLAlchemy Core, so the SQLite file in the data dir (WAL mode) can be swapped for a
`postgresql://` URL on a shared server. Nothing is ever deleted: a newer export of the same
periods from the same origin marks the older rows `superseded_by` the new import.

The tables below say what the schema is; the database gets it from the migrations in
indicators/migrations/versions/ (indicators/schema.py), so a change to a table here is also a
new migration there, and tests/imports/test_shared_store.py fails until both agree. Text that
comes from a file is `Text`: PostgreSQL enforces a VARCHAR's length, SQLite does not.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    RowMapping,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    make_url,
    select,
    update,
)
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.dml import Insert

# pandas (half a second to import) only where frames are written or asked for: `status` and the
# pages read typed rows through observation_rows (indicators/stored.py).
if TYPE_CHECKING:
    import pandas as pd

import audit
from indicators import schema
from indicators.kinds import Revision

metadata = MetaData()

imports_table = Table(
    "imports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("file", Text, nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("imported_at", String(40), nullable=False),
    Column("user", String(200)),
    Column("source", Text, nullable=False),
    Column("layout", Text, nullable=False),
    Column("origin", String(40), nullable=False),
    Column("observations", Integer, nullable=False),
    Column("archived", Boolean, nullable=False),
    Column("details", Text, nullable=False),
)

observations_table = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("indicator", String(100), nullable=False),
    Column("period", String(20), nullable=False),
    Column("period_type", String(10), nullable=False),
    Column("period_start", String(10), nullable=False),
    Column("period_end", String(10), nullable=False),
    Column("geo_level", String(10), nullable=False),
    Column("geo_code", Text),
    Column("geo_name", Text, nullable=False),
    Column("breakdown", Text, nullable=False),
    Column("measure", String(20), nullable=False),
    Column("value", Float, nullable=False),
    Column("n", Float),
    Column("status", String(20)),
    Column("sheet", Text),
    Column("row", Integer),
    Column("cell", String(20)),
    Column("superseded_by", Integer, ForeignKey("imports.id")),
    Index("ix_observations_series", "indicator", "geo_code", "period"),
)

# The measures (åtgärder) list: each import of the measures template replaces the list, so the
# current measures are those of the latest such import; older lists stay for history.
measures_table = Table(
    "measures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("row", Integer),
    Column("name", Text, nullable=False),
    Column("focus_area", Text),
    Column("responsible", Text),
    Column("linked_goals", Text, nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("status", String(20), nullable=False),
    Column("comment", Text),
)

# The åtgärdsplan's columns of a measure (Brå's template: orsak, operativa mål, när, vem, and the
# follow-up per year as JSON {"2023": {"status": "gron", "motivering": "…"}}), in a table of their
# own so that databases made before the åtgärdsplan keep their measures table as it was. Its links
# are JSON lists of ids: the lägesbild's problems (crime categories) and the agreement targets
# the measure answers; NULL for rows stored before the links (migration 0007).
measure_plans_table = Table(
    "measure_plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("row", Integer, nullable=False),
    Column("orsak", Text),
    Column("operativa_mal", Text),
    Column("nar", Text),
    Column("vem", Text),
    Column("uppfoljning", Text, nullable=False),
    Column("problems", Text),
    Column("targets", Text),
)

# Free text kept only when a source's settings opt in (EST): per period and area, no author.
free_texts_table = Table(
    "free_texts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("import_id", Integer, ForeignKey("imports.id"), nullable=False),
    Column("period", String(20), nullable=False),
    Column("omrade", Text),
    Column("text", Text, nullable=False),
)

# What each import changed, one row per import that stored anything (design.md "What changed"):
# the values it revised and the periods it was the first to give are written with the import; the
# targets whose status it changed are judged after the commit and written then (set_statuses),
# so `statuses` is NULL for an import nobody judged (a crash in between, or an import made before
# this table existed).
import_changes_table = Table(
    "import_changes",
    metadata,
    Column("import_id", Integer, ForeignKey("imports.id"), primary_key=True),
    Column("revised", Integer, nullable=False),
    Column("new_periods", Text, nullable=False),  # JSON [{"indicator", "period"}]
    Column("statuses", Text),  # JSON [{"agreement", "target", "year", "from", "to"}]
)

# What identifies one value across revisions of the same origin.
REVISION_KEY = ["indicator", "geo_level", "geo_code", "geo_name", "breakdown", "period", "measure"]


@dataclass(frozen=True)
class NewImport:
    sha256: str
    file: str
    size_bytes: int
    imported_at: str
    user: str | None
    source: str
    layout: str
    origin: str
    archived: bool
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """A value that a newer export revised (or, for a final value, declined to revise)."""

    key: dict[str, Any]
    old_value: float
    new_value: float
    old_status: str | None
    new_status: str | None
    kept_old: bool  # a preliminary value never replaces a final one


@dataclass(frozen=True)
class ImportChanges:
    """What one import changed in the store: revised values, new periods, changed statuses."""

    revised: int
    new_periods: list[dict[str, str]]  # [{"indicator", "period"}], sorted
    statuses: list[dict[str, Any]] | None  # None: not judged

    def to_json(self) -> dict[str, Any]:
        """`imports --json`'s "changes"."""
        return {
            "values": self.revised,
            "new_periods": self.new_periods,
            "statuses": self.statuses or [],
        }


def timestamp(moment: dt.datetime | None = None) -> str:
    """How the store writes a time: UTC to the second (goals.words.moment_text shows it in
    Swedish time)."""
    return (moment or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, url: str):
        self.engine: Engine = create_engine(engine_url(url))
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # Every table of the database (the evidence here, the audit log, the follow-up
        # package's commentary and approvals) comes from the migrations, so a database that can
        # later only be read still has every table its pages read.
        try:
            schema.upgrade(self.engine)
        except OperationalError:
            read_only = _read_only_media(url)
            if read_only is None:
                raise
            self.engine = read_only

    @staticmethod
    def exists(url: str) -> bool:
        """False for a SQLite file nobody has imported into: readers never create one."""
        parsed = make_url(url)
        return parsed.get_backend_name() != "sqlite" or Path(parsed.database or "").exists()

    @classmethod
    def open_existing(cls, url: str) -> Store | None:
        return cls(url) if cls.exists(url) else None

    def find_import(self, sha256: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(imports_table).where(imports_table.c.sha256 == sha256))
            found = row.mappings().first()
        return None if found is None else dict(found)

    def add_import(
        self,
        new: NewImport,
        observations: pd.DataFrame,
        before_commit: Callable[[int], None],
        measures: list[dict[str, Any]] | None = None,
        free_texts: list[dict[str, Any]] | None = None,
        entry: audit.Entry | None = None,
    ) -> tuple[int, list[Change]]:
        """Store an import and its rows in one transaction; `before_commit` runs inside it.
        The audit `entry` is written in the same transaction: no import without its entry."""
        with self.engine.begin() as conn:
            serialise_imports(conn, new.origin)
            if entry is not None:
                audit.write(conn, entry.at, entry.user, entry.action, entry.detail)
            import_id = inserted_id(
                imports_table.insert().values(
                    sha256=new.sha256,
                    file=new.file,
                    size_bytes=new.size_bytes,
                    imported_at=new.imported_at,
                    user=new.user,
                    source=new.source,
                    layout=new.layout,
                    origin=new.origin,
                    observations=len(observations),
                    archived=new.archived,
                    details=json.dumps(new.details, ensure_ascii=False),
                ),
                conn,
            )
            changes, superseded = _revisions(conn, new.origin, observations)
            conn.execute(
                import_changes_table.insert().values(
                    import_id=import_id,
                    revised=sum(not change.kept_old for change in changes),
                    new_periods=json.dumps(_new_periods(conn, observations), ensure_ascii=False),
                    statuses=None,
                )
            )
            if superseded:
                conn.execute(
                    update(observations_table)
                    .where(observations_table.c.id.in_(superseded))
                    .values(superseded_by=import_id)
                )
            if len(observations):
                _insert_many(conn, observations_table, _rows(observations, import_id))
            if measures:
                conn.execute(
                    measures_table.insert(),
                    [
                        {
                            **{key: value for key, value in m.items() if key != "plan"},
                            "import_id": import_id,
                            "linked_goals": json.dumps(m["linked_goals"], ensure_ascii=False),
                        }
                        for m in measures
                    ],
                )
                plans = [(m["row"], m["plan"]) for m in measures if m.get("plan")]
                if plans:
                    conn.execute(
                        measure_plans_table.insert(),
                        [_plan_row(import_id, row, plan) for row, plan in plans],
                    )
            if free_texts:
                conn.execute(
                    free_texts_table.insert(),
                    [{**text, "import_id": import_id} for text in free_texts],
                )
            before_commit(import_id)
        return import_id, changes

    def imports(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(imports_table).order_by(imports_table.c.id)).mappings()
            return [dict(row) for row in rows]

    def set_statuses(self, import_id: int, statuses: list[dict[str, Any]]) -> None:
        """The targets whose status the import changed, judged after it was committed."""
        with self.engine.begin() as conn:
            conn.execute(
                update(import_changes_table)
                .where(import_changes_table.c.import_id == import_id)
                .values(statuses=json.dumps(statuses, ensure_ascii=False))
            )

    def import_changes(self) -> dict[int, ImportChanges]:
        """Import id → what it changed, for every import that recorded it."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(import_changes_table)).mappings().all()
        return {
            int(row["import_id"]): ImportChanges(
                int(row["revised"]),
                json.loads(row["new_periods"]),
                None if row["statuses"] is None else json.loads(row["statuses"]),
            )
            for row in rows
        }

    def current_measures(self) -> list[dict[str, Any]]:
        """The measures of the latest measures import, in file order."""
        # The latest import of the measures list, also when it was empty (the template with
        # just its header row): an emptied list has no measures, not the previous ones.
        latest = (
            select(imports_table.c.id)
            .where(imports_table.c.layout.contains("atgarder"))
            .order_by(imports_table.c.id.desc())
            .limit(1)
        )
        query = (
            select(measures_table)
            .where(measures_table.c.import_id == latest.scalar_subquery())
            .order_by(measures_table.c.row)
        )
        plans_query = select(measure_plans_table).where(
            measure_plans_table.c.import_id == latest.scalar_subquery()
        )
        with self.engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
            plans = {plan["row"]: dict(plan) for plan in conn.execute(plans_query).mappings()}
        for row in rows:
            row["linked_goals"] = json.loads(row["linked_goals"])
            plan = plans.get(row["row"])
            row["plan"] = (
                None
                if plan is None
                else {
                    "orsak": plan["orsak"],
                    "operativa_mal": plan["operativa_mal"],
                    "nar": plan["nar"],
                    "vem": plan["vem"],
                    "uppfoljning": json.loads(plan["uppfoljning"]),
                    "problems": json.loads(plan["problems"] or "[]"),
                    "targets": json.loads(plan["targets"] or "[]"),
                }
            )
        return rows

    def find_import_by_id(self, import_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            found = conn.execute(select(imports_table).where(imports_table.c.id == import_id))
            row = found.mappings().first()
        return None if row is None else dict(row)

    def observations(self, indicator: str, *, current_only: bool = True) -> pd.DataFrame:
        """Stored rows of one indicator with the provenance of their import."""
        import pandas as pd

        return pd.DataFrame(self.observation_rows(indicator, current_only=current_only))

    def observation_rows(
        self, indicator: str, *, current_only: bool = True
    ) -> Sequence[RowMapping]:
        """observations() as the database's rows, without pandas: missing cells are None."""
        query = (
            select(
                observations_table,
                imports_table.c.file,
                imports_table.c.layout,
                imports_table.c.origin,
                imports_table.c.imported_at,
                imports_table.c.sha256,
            )
            .join(imports_table, observations_table.c.import_id == imports_table.c.id)
            .where(observations_table.c.indicator == indicator)
            .order_by(observations_table.c.period, observations_table.c.id)
        )
        if current_only:
            query = query.where(observations_table.c.superseded_by.is_(None))
        with self.engine.connect() as conn:
            return conn.execute(query).mappings().all()


def _plan_row(import_id: int, row: int, plan: dict[str, Any]) -> dict[str, Any]:
    return {
        "import_id": import_id,
        "row": row,
        **{field: plan.get(field) for field in ("orsak", "operativa_mal", "nar", "vem")},
        "uppfoljning": json.dumps(plan.get("uppfoljning") or {}, ensure_ascii=False),
        "problems": json.dumps(list(plan.get("problems") or ()), ensure_ascii=False),
        "targets": json.dumps(list(plan.get("targets") or ()), ensure_ascii=False),
    }


def engine_url(url: str) -> URL:
    """The URL as SQLAlchemy should open it: a plain `postgresql://` (what a kommun's IT will
    write) means psycopg 3, the driver we install and test, not SQLAlchemy's default psycopg2."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def serialise_imports(conn: Connection, origin: str) -> None:
    """Make imports of the same origin take turns, from their first statement to their commit.

    An import reads the origin's current values to decide what it revises; two imports that
    both read before either commits would each keep its own rows current, doubling values, or
    miss the other's revision. PostgreSQL lets them overlap (each statement sees only what was
    committed when it began), so they queue on a transaction-level advisory lock per origin,
    released by the commit or rollback. SQLite needs nothing: its one writer lock is taken by
    the import's first statement (a write) and held to the commit, which serialises all imports.
    """
    if conn.dialect.name == "postgresql":
        key = func.hashtextextended(f"trygghetsmal-import:{origin}", 0)
        conn.execute(select(func.pg_advisory_xact_lock(key)))


def inserted_id(insert: Insert, conn: Connection) -> int:
    """Run an INSERT of one row and return the row's new primary key."""
    key = conn.execute(insert).inserted_primary_key
    if key is None:
        raise ValueError("the insert created no row")
    return int(key[0])


def _read_only_media(url: str) -> Engine | None:
    """A database on a file system mounted read-only (a full or failing disk the kernel has
    remounted, a read-only backup): SQLite cannot open a WAL database there unless its -wal
    file is present. Without one the file holds every committed transaction, so it is read
    as immutable, and pages keep working; writes then fail as read-only."""
    path = make_url(url).database
    if make_url(url).get_backend_name() != "sqlite" or not path:
        return None
    database = Path(path)
    wal = database.with_name(database.name + "-wal")
    if not database.is_file() or (wal.exists() and wal.stat().st_size > 0):
        return None
    if not os.statvfs(database).f_flag & os.ST_RDONLY:
        return None
    return create_engine(
        f"sqlite:///file:{quote(str(database.resolve()))}?mode=ro&immutable=1&uri=true"
    )


# How long a connection waits for another's lock before it gives up.
_BUSY_SECONDS = 30


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_SECONDS * 1000}")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _switch_to_wal(cursor) -> None:
    """Switching a new database to WAL needs its exclusive lock. When another connection holds
    the write lock (a migration that began first), SQLite answers "database is locked" at once
    instead of calling the busy handler, since waiting could deadlock; so this waits here."""
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _revisions(conn, origin: str, new: pd.DataFrame) -> tuple[list[Change], list[int]]:
    import pandas as pd

    if new.empty:
        return [], []
    query = (
        select(observations_table)
        .join(imports_table, observations_table.c.import_id == imports_table.c.id)
        .where(imports_table.c.origin == origin)
        .where(observations_table.c.superseded_by.is_(None))
        .where(observations_table.c.indicator.in_(sorted(set(new["indicator"]))))
        .where(observations_table.c.period.in_(sorted(set(new["period"]))))
    )
    old = pd.DataFrame(conn.execute(query).mappings().all())
    if old.empty:
        return [], []
    old = _keyed(old).rename(columns={"id": "id_old"})
    pairs = _keyed(new).merge(old, on=REVISION_KEY, suffixes=("", "_old"))
    changes, superseded = [], []
    for pair in pairs.to_dict("records"):
        kept_old = pair["status_old"] == Revision.SLUTLIG and pair["status"] == Revision.PRELIMINAR
        if not kept_old:
            superseded.append(int(pair["id_old"]))
        if kept_old or pair["value"] != pair["value_old"] or pair["status"] != pair["status_old"]:
            changes.append(
                Change(
                    {k: pair[k] for k in REVISION_KEY},
                    pair["value_old"],
                    pair["value"],
                    pair["status_old"],
                    pair["status"],
                    kept_old,
                )
            )
    return changes, superseded


def _new_periods(conn: Connection, new: pd.DataFrame) -> list[dict[str, str]]:
    """The (indicator, period) pairs of an import that no current stored row had before it, from
    any source: read before the import's own rows are inserted."""
    if new.empty:
        return []
    given = set(zip(new["indicator"], new["period"], strict=True))
    query = (
        select(observations_table.c.indicator, observations_table.c.period)
        .where(observations_table.c.superseded_by.is_(None))
        .where(observations_table.c.indicator.in_(sorted({i for i, _ in given})))
        .where(observations_table.c.period.in_(sorted({p for _, p in given})))
        .distinct()
    )
    known = {(row.indicator, row.period) for row in conn.execute(query)}
    return [{"indicator": i, "period": p} for i, p in sorted(given - known)]


def _keyed(rows: pd.DataFrame) -> pd.DataFrame:
    keyed = rows[[*REVISION_KEY, "value", "status", *(["id"] if "id" in rows else [])]].copy()
    keyed = keyed.astype({"geo_code": object, "status": object})
    keyed["geo_code"] = keyed["geo_code"].where(keyed["geo_code"].notna(), "")
    keyed["status"] = keyed["status"].where(keyed["status"].notna(), None)
    return keyed


def _rows(observations: pd.DataFrame, import_id: int) -> tuple[list[str], list[tuple]]:
    """Column names and value tuples, a column at a time (a police extract gives tens of
    thousands of aggregates; per-row dicts cost more than the database)."""
    import pandas as pd

    from indicators.observations import COLUMNS  # with pandas and pandera, for writing only

    columns = []
    for name in COLUMNS:
        series = observations[name]
        if name == "row":
            values = [None if pd.isna(v) else int(v) for v in series.astype(object)]
        else:
            plain = series.astype(object)
            values = plain.where(plain.notna(), None).tolist()
        columns.append(values)
    names = ["import_id", *COLUMNS]
    return names, list(zip([import_id] * len(observations), *columns, strict=True))


def _insert_many(conn: Connection, table: Table, rows: tuple[list[str], list[tuple]]) -> None:
    """One executemany with the statement compiled once for the connection's dialect (SQLite
    and PostgreSQL alike), instead of SQLAlchemy's per-row parameter processing."""
    names, values = rows
    compiled = table.insert().compile(dialect=conn.dialect, column_keys=names)
    positions = compiled.positiontup  # set for positional paramstyles (SQLite's qmark)
    if positions is not None:
        order = [names.index(key) for key in positions]
        in_order = order == list(range(len(names)))
        params: list[Any] = values if in_order else [tuple(row[i] for i in order) for row in values]
    else:
        params = [dict(zip(names, row, strict=True)) for row in values]
    conn.exec_driver_sql(compiled.string, params)
