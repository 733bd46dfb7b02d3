"""One store shared by several analysts and processes, on SQLite and on PostgreSQL.

Imports at the same moment end exactly as they would one at a time; the schema comes from the
migrations, which match the tables in code, adopt a database made before migrations without
losing anything, and are safe when two processes open a new database at once.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, MetaData, create_engine, inspect, select, text

import audit
from followup import records
from indicators import ingest as ingest_module
from indicators import schema
from indicators.ingest import IngestContext, ingest_file
from indicators.store import (
    REVISION_KEY,
    Store,
    engine_url,
    imports_table,
    measure_plans_table,
    metadata,
    observations_table,
)
from tests.imports.files import SOL_HEADER, text_file

REPO = Path(__file__).resolve().parents[2]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
WAIT_SECONDS = 120  # only ever reached when something is broken


def _sol_months(directory: Path, name: str, years: range, shift: int) -> Path:
    """A Brå SOL database file by month and crime code; another shift gives other counts for
    the same months, so a later file revises an earlier one."""
    lines = (REPO / "indicators" / "brottskoder.csv").read_text("utf-8").splitlines()[1:]
    crimes = [" - ".join(line.split(";")[:2]) for line in lines][:6]
    rows = [
        f"Trelleborg;{crime};{year};{month};{(year + number * 7 + shift) % 40};{number % 9},5;"
        for crime in crimes
        for year in years
        for number, month in enumerate(MONTHS)
    ]
    return text_file(directory, name, [SOL_HEADER, *rows])


def _police_extract(directory: Path, name: str, shift: int) -> Path:
    """A record-level police extract (another origin than Brå), aggregated on import."""
    codes = ["0857", "9801", "1201", "1203"]
    rows = [
        f"5000-K{number}-22;2022-{(number + shift) % 12 + 1:02d}-{number % 28 + 1:02d};"
        f"{codes[number // 12 % 4]};Trelleborg;Storgatan {number % 90}"
        for number in range(150 + 20 * shift)
    ]
    return text_file(
        directory, name, ["Diarienummer;Inskrivningsdatum;Brottskod;Kommun;Gata", *rows]
    )


def _files(directory: Path) -> list[Path]:
    """Seven different files, two origins, overlapping periods: every later one revises some
    values of an earlier one of its origin."""
    return [
        _sol_months(directory, "sol-2019.csv", range(2019, 2020), 0),
        _sol_months(directory, "sol-2019-2020.csv", range(2019, 2021), 1),
        _sol_months(directory, "sol-2020.csv", range(2020, 2021), 2),
        _sol_months(directory, "sol-2018-2019.csv", range(2018, 2020), 3),
        _police_extract(directory, "uttag-a.csv", 0),
        _police_extract(directory, "uttag-b.csv", 1),
        _police_extract(directory, "uttag-c.csv", 2),
    ]


def _context(url: str, tmp_path: Path, name: str, analyst: str) -> IngestContext:
    from indicators.reading import Limits

    return IngestContext(
        Store(url), tmp_path / name / "archive", Limits(50_000_000, 300_000_000), analyst
    )


def _state(store: Store) -> tuple[list[tuple], set[tuple], list[tuple]]:
    """What an import leaves: the imports in order, the current values, and every stored value
    with the file that superseded it (ids differ between stores; files do not)."""
    with store.engine.connect() as conn:
        imports = [tuple(r) for r in conn.execute(
            select(imports_table.c.id, imports_table.c.sha256, imports_table.c.file,
                   imports_table.c.observations).order_by(imports_table.c.id)
        )]  # fmt: skip
        rows = pd.DataFrame(conn.execute(select(observations_table)).mappings().all())
    files = {i: file for i, _, file, _ in imports}
    rows["file"] = rows["import_id"].map(files)
    rows["superseded_by"] = rows["superseded_by"].map(files)
    columns = [*REVISION_KEY, "value", "status", "file", "superseded_by"]
    every = sorted(
        tuple(None if pd.isna(v) else v for v in row)
        for row in rows[columns].itertuples(index=False)
    )
    current = {row[:-1] for row in every if row[-1] is None}
    return [i[1:] for i in imports], current, every


def test_twenty_imports_at_once_leave_exactly_what_one_at_a_time_would(
    tmp_path, database_url, monkeypatch
):
    files = _files(tmp_path)
    jobs = [files[n % len(files)] for n in range(20)]  # each file two or three times
    # Every import that gets as far as storing waits there until all twenty have got as far
    # as they will, so they reach the database together (the ones that find their file already
    # imported never get there).
    arrived, gate, waited = [0], threading.Condition(), threading.local()

    def arrive() -> None:
        with gate:
            arrived[0] += 1
            gate.notify_all()

    def held(stage: str) -> None:
        if stage == "before_store":
            waited.yes = True
            arrive()
            with gate:
                assert gate.wait_for(lambda: arrived[0] >= len(jobs), WAIT_SECONDS)

    def analyst(number: int) -> str:
        waited.yes = False
        context = _context(database_url, tmp_path, f"analytiker-{number}", f"analytiker {number}")
        try:
            return ingest_file(jobs[number], context).outcome
        finally:
            if not waited.yes:
                arrive()

    monkeypatch.setattr(ingest_module, "_test_pause", held)
    with ThreadPoolExecutor(len(jobs)) as pool:
        outcomes = list(pool.map(analyst, range(len(jobs))))

    assert sorted(zip([p.name for p in jobs], outcomes, strict=True)) == sorted(
        [(p.name, "importerad") for p in files]
        + [(p.name, "oförändrad") for p in jobs[len(files) :]]
    )
    shared = _state(Store(database_url))
    # The same files, one at a time, in the order the shared store committed them.
    order = {p.name: p for p in files}
    alone = _context(f"sqlite:///{tmp_path / 'alone.sqlite'}", tmp_path, "alone", "ensam")
    monkeypatch.setattr(ingest_module, "_test_pause", lambda _stage: None)
    for _, file, _ in shared[0]:
        assert ingest_file(order[file], alone).outcome == "importerad"
    assert alone.store is not None
    one_at_a_time = _state(alone.store)
    assert shared[0] == one_at_a_time[0]
    assert shared[1] == one_at_a_time[1], "the current values differ"
    assert shared[2] == one_at_a_time[2], "the stored revisions differ"
    # And no value is current twice within its origin (the files' names start with it).
    keys = [(*row[: len(REVISION_KEY)], row[-1].split("-")[0]) for row in shared[1]]
    assert len(keys) == len(set(keys))


def _tables() -> MetaData:
    """Every table the code reads and writes, from the modules that define them."""
    every = MetaData()
    for tables in (metadata, audit.metadata, records.metadata):
        for table in tables.tables.values():
            table.to_metadata(every)
    return every


def test_the_migrations_make_exactly_the_tables_in_code(database_url):
    store = Store(database_url)
    with store.engine.connect() as conn:
        # SQLite's declared column types are hints it does not enforce (migration 0002), so
        # types are compared where they matter, on PostgreSQL.
        context = MigrationContext.configure(
            conn, opts={"compare_type": store.engine.dialect.name != "sqlite"}
        )
        differences = compare_metadata(context, _tables())
        assert schema.current(conn) == schema.head()
    assert differences == [], "a table in code and the migrations disagree: add a migration"


def test_the_head_read_from_the_migration_files_is_alembics_head():
    # schema.head() reads the files' text so that opening a current store skips Alembic.
    assert schema.head() == ScriptDirectory.from_config(schema._config()).get_current_head()


def test_a_database_from_before_migrations_is_adopted_with_everything_kept(database_url):
    store = Store(database_url)
    audit.record(store.engine, "2026-01-01T00:00:00+00:00", "anna", "import", "importerad: a.csv")
    with store.engine.begin() as conn:  # what a database made by an earlier release looks like
        conn.execute(text("DROP TABLE alembic_version"))
    store.engine.dispose()

    reopened = Store(database_url)

    assert [e["user"] for e in audit.entries(reopened.engine)] == ["anna"]
    with reopened.engine.connect() as conn:
        assert schema.current(conn) == schema.head()


def test_a_database_of_the_first_migrated_release_gains_the_later_tables(database_url):
    # What the release with only migrations 0001 and 0002 made, with a comment in it.
    engine = create_engine(engine_url(database_url))
    with engine.begin() as conn:
        config = schema._config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        assert "assessments" not in _table_names(conn)
        conn.execute(
            records.comments_table.insert().values(
                agreement="trelleborg-2019-2022",
                year=2021,
                goal_id="mal-1",
                text="Text",
                author="Anna",
                saved_at="2026-01-01T00:00:00+00:00",
            )
        )
    engine.dispose()

    store = Store(database_url)

    with store.engine.connect() as conn:
        assert schema.current(conn) == schema.head()
        assert {"assessments", "measure_plans", "import_changes"} <= _table_names(conn)
        assert conn.execute(select(measure_plans_table)).all() == []
    assert [c["text"] for c in records.comments(store, "trelleborg-2019-2022", 2021)] == ["Text"]
    row = {
        "target_id": "t1",
        "year": 2024,
        "status": "uppnått",
        "motivation": "Motivering",
        "evidence": "[]",
        "author": "Anna",
        "saved_at": "2026-01-01T00:00:00+00:00",
    }
    records.save_assessment(store, "trelleborg-2023-2026", row)
    assert [a["target_id"] for a in records.assessments(store, "trelleborg-2023-2026")] == ["t1"]


def _table_names(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def test_two_processes_opening_a_new_database_at_once_both_get_it(database_url):
    start = threading.Barrier(4)

    def open_store(_number: int) -> str | None:
        start.wait(WAIT_SECONDS)
        store = Store(database_url)
        with store.engine.connect() as conn:
            return schema.current(conn)

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(open_store, range(4))) == [schema.head()] * 4
    assert Store(database_url).imports() == []
