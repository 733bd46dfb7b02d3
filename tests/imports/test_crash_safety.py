"""Crash safety and concurrency of imports, with real processes and real signals.

An import killed with SIGKILL at any stage leaves the store and the archive consistent, and the
same import run again lands exactly once. Two imports at once, from two processes, both land or
the second finds the first's: nothing lost, nothing doubled.

Every test runs on SQLite and on PostgreSQL (the `database_url` fixture). Every import runs in a
process of its own. Kills land at known points through the test seam in
indicators/ingest.py (`_test_pause`): an import started with TRYGGHETSMAL_TEST_PAUSE=<stage>
creates TRYGGHETSMAL_TEST_PAUSE_FILE when it gets there and waits until the file is removed. The
stages, in order: `before_store` (read and validated, nothing written), `archiving` (in the
transaction, the first block of the archive copy written), `before_commit` (the archive in
place, the transaction open), `after_commit` (committed, the file not yet out of the inbox).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from indicators import ingest as ingest_module
from indicators.inbox import ingest_inbox
from indicators.ingest import ARCHIVE_BLOCK, IngestContext
from indicators.sources.bra_sol import LOADER as SOL
from indicators.store import engine_url
from settings import Settings
from tests.imports import crash_import
from tests.imports.files import SOL_HEADER, text_file

REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60  # only ever reached when something is broken

# Each import is a process of its own, forked from a server process that has imported the import
# code once (tests/imports/crash_import.py): a fresh interpreter per import would spend most of
# each test starting up.
PROCESSES = multiprocessing.get_context("forkserver")
PROCESSES.set_forkserver_preload(["tests.imports.crash_import"])

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]


def _crime_codes() -> list[str]:
    lines = (REPO / "indicators" / "brottskoder.csv").read_text("utf-8").splitlines()[1:]
    return [" - ".join(line.split(";")[:2]) for line in lines]


def _sol_months(directory: Path, name: str, years: range, shift: int = 0) -> tuple[Path, int]:
    """A SOL database file by month and crime code (240 rows a year); and how many values it
    holds (a count and a rate per row). Another shift gives other counts: a revision."""
    rows = [
        f"Trelleborg;{crime};{year};{month};{(year + number * 7 + shift) % 40};{number % 9},5;"
        for crime in _crime_codes()
        for year in years
        for number, month in enumerate(MONTHS)
    ]
    return text_file(directory, name, [SOL_HEADER, *rows]), 2 * len(rows)


def _police_extract(directory: Path, name: str = "uttag.csv") -> tuple[Path, int]:
    """A record-level police extract: aggregated on import, never archived; and how many
    month × code values it gives."""
    codes = ["0857", "9801", "1201", "1203"]
    rows = [
        f"5000-K{number}-22;2022-{number % 12 + 1:02d}-{number % 28 + 1:02d};"
        f"{codes[number // 12 % 4]};Trelleborg;Storgatan {number % 90}"
        for number in range(3000)
    ]
    path = text_file(
        directory, name, ["Diarienummer;Inskrivningsdatum;Brottskod;Kommun;Gata", *rows]
    )
    return path, 12 * len(codes)


class Import:
    """One import in its own process, optionally held at a stage of the test seam."""

    def __init__(self, data_dir: Path, database: str, *args: str | Path, pause: str | None = None):
        stem = data_dir.parent / f"import-{pause}-{time.monotonic_ns()}"
        self.flag, self.output = stem.with_suffix(".paused"), stem.with_suffix(".out")
        self.process = PROCESSES.Process(
            target=crash_import.run,
            daemon=True,
            args=(
                str(data_dir),
                database,
                [str(a) for a in args],
                pause,
                str(self.flag),
                str(self.output),
            ),
        )
        self.process.start()

    def paused(self) -> Import:
        deadline = time.monotonic() + WAIT_SECONDS
        while not self.flag.exists():
            if not self.process.is_alive():
                pytest.fail(f"the import ended before its pause:\n{self._printed()}")
            assert time.monotonic() < deadline, "the import never reached its pause"
            time.sleep(0.01)
        return self

    def resume(self) -> None:
        self.flag.unlink()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.join(WAIT_SECONDS)
        assert self.process.exitcode == -signal.SIGKILL

    def running(self) -> bool:
        return self.process.is_alive()

    def outcome(self) -> list[str]:
        """The head line of every file the import reported ('importerad sol.csv: …')."""
        self.process.join(WAIT_SECONDS)
        assert self.process.exitcode == 0, self._printed()
        return [line for line in self._printed().splitlines() if not line.startswith(" ")]

    def _printed(self) -> str:
        return self.output.read_text("utf-8") if self.output.exists() else ""


@pytest.fixture
def start(database_url):
    """Starts an Import into the test's database; one a failing test leaves waiting at its
    pause is killed afterwards."""
    started: list[Import] = []

    def start(data_dir: Path, *args: str | Path, pause: str | None = None) -> Import:
        started.append(Import(data_dir, database_url, *args, pause=pause))
        return started[-1]

    yield start
    for leftover in started:
        if leftover.running():
            os.kill(leftover.process.pid, signal.SIGKILL)
            leftover.process.join(WAIT_SECONDS)


def _data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    (data / "inbox").mkdir(parents=True)
    return data


def _rows(database: str, query: str) -> list[tuple]:
    engine = create_engine(engine_url(database))
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query))]
    finally:
        engine.dispose()


def _assert_consistent(data: Path, database: str) -> list[tuple]:
    """What must hold whenever no import is running, killed or not; returns the import rows
    as (sha256, file, observations, archived)."""
    if database.startswith("sqlite"):  # PostgreSQL checks its pages and keys itself
        assert _rows(database, "PRAGMA integrity_check") == [("ok",)]
        assert _rows(database, "PRAGMA foreign_key_check") == []
    imports = _rows(
        database, "SELECT sha256, file, observations, archived FROM imports ORDER BY id"
    )
    stored = dict(
        _rows(
            database,
            "SELECT i.sha256, count(o.id) FROM imports i "
            "LEFT JOIN observations o ON o.import_id = i.id GROUP BY i.id",
        )
    )
    assert {sha: count for sha, _, count, _ in imports} == stored, "an import without all its rows"
    archive = data / "archive"
    finals = (
        {p.name: p for p in archive.iterdir() if not p.name.startswith(".")}
        if archive.is_dir()
        else {}
    )
    for name, path in finals.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == name, f"partial archive file {name}"
    for sha, file, _, archived in imports:
        assert not archived or sha in finals, f"{file} is imported as archived but has no archive"
    return imports


def _import_again(data: Path, database: str):
    settings = Settings(data_dir=data, database_url=database)
    context = IngestContext.from_settings(settings, store=True, user="test")
    return ingest_inbox(data / "inbox", context)


def _temporaries(data: Path) -> list[str]:
    archive = data / "archive"
    return [p.name for p in archive.iterdir() if p.name.startswith(".")] if archive.is_dir() else []


@pytest.mark.parametrize("stage", ["before_store", "archiving", "before_commit", "after_commit"])
def test_an_import_killed_at_any_stage_leaves_everything_consistent_and_lands_once_when_rerun(
    tmp_path, start, stage, database_url
):
    data = _data_dir(tmp_path)
    # Five years make the file longer than an archive block (a kill mid-copy leaves a partial
    # file); one year is enough elsewhere and keeps the test quick.
    years = range(2015, 2020) if stage == "archiving" else range(2019, 2020)
    path, values = _sol_months(data / "inbox", "sol.csv", years)
    original = path.read_bytes()
    sha = hashlib.sha256(original).hexdigest()

    start(data, "--inbox", pause=stage).paused().kill()

    imports = _assert_consistent(data, database_url)
    committed = stage == "after_commit"
    assert [(s, n) for s, _, n, _ in imports] == ([(sha, values)] if committed else [])
    # The audit entry is part of the import's transaction: both or neither.
    assert _rows(database_url, 'SELECT "user", action, detail FROM audit') == (
        [("test", "import", "importerad: sol.csv")] if committed else []
    )
    assert path.read_bytes() == original, "the inbox file must stay until its import has committed"
    if stage == "archiving":
        assert not (data / "archive" / sha).exists()
        [partial] = _temporaries(data)
        assert (data / "archive" / partial).stat().st_size == ARCHIVE_BLOCK < len(original)
    if stage == "before_commit":  # archived, then rolled back: a harmless copy of the original
        assert (data / "archive" / sha).read_bytes() == original

    [again] = _import_again(data, database_url)

    assert again.outcome == ("oförändrad" if committed else "importerad"), again.lines()
    assert [(s, n) for s, _, n, _ in _assert_consistent(data, database_url)] == [(sha, values)]
    assert _rows(database_url, "SELECT count(*) FROM observations") == [(values,)]
    assert (data / "archive" / sha).read_bytes() == original
    assert _temporaries(data) == []
    assert list((data / "inbox").iterdir()) == []


@pytest.mark.parametrize("stage", ["before_commit", "after_commit"])
def test_a_killed_import_of_a_police_extract_leaves_no_copy_and_lands_once(
    tmp_path, start, stage, database_url
):
    data = _data_dir(tmp_path)
    path, values = _police_extract(data / "inbox")

    start(data, "--inbox", pause=stage).paused().kill()

    assert len(_assert_consistent(data, database_url)) == (stage == "after_commit")
    assert path.exists(), "the extract leaves the inbox only once its import has committed"
    [again] = _import_again(data, database_url)
    assert again.outcome == ("oförändrad" if stage == "after_commit" else "importerad")
    [(_, _, stored, archived)] = _assert_consistent(data, database_url)
    assert (stored, archived) == (values, 0)
    assert not path.exists()
    assert list((data / "archive").iterdir()) == []  # the original is never kept, not even half


def test_the_same_file_from_two_processes_at_once_lands_once(tmp_path, start, database_url):
    data = _data_dir(tmp_path)
    path, values = _sol_months(data / "inbox", "sol.csv", range(2019, 2020))
    # Both have found the file not yet imported; the first then holds the store's write lock.
    first = start(data, "--inbox", pause="before_commit").paused()
    second = start(data, "--inbox", pause="before_store").paused()

    second.resume()
    time.sleep(0.3)
    assert second.running(), "the second import should wait for the first to commit"
    first.resume()

    assert first.outcome() == [f"importerad sol.csv: {SOL.label}; {values} värden, 2019-01–2019-12"]
    assert [line.split(":")[0] for line in second.outcome()] == ["oförändrad sol.csv"]
    assert [(n, a) for _, _, n, a in _assert_consistent(data, database_url)] == [(values, 1)]
    assert _rows(database_url, "SELECT count(*) FROM observations") == [(values,)]
    assert not path.exists() and _temporaries(data) == []


def test_two_different_files_from_two_processes_at_once_both_land(tmp_path, start, database_url):
    data = _data_dir(tmp_path)
    one_year, one_year_values = _sol_months(tmp_path, "2019.csv", range(2019, 2020))
    # A later export: 2018 as well, and other counts for 2019 (a revision of the first file).
    two_years, two_years_values = _sol_months(tmp_path, "2018-2019.csv", range(2018, 2020), shift=1)
    first = start(data, one_year, pause="before_commit").paused()
    second = start(data, two_years, pause="before_store").paused()

    second.resume()
    first.resume()

    assert [line.split(":")[0] for line in first.outcome() + second.outcome()] == [
        "importerad 2019.csv",
        "importerad 2018-2019.csv",
    ]
    imports = _assert_consistent(data, database_url)
    assert [(f, n) for _, f, n, _ in imports] == [
        ("2019.csv", one_year_values),
        ("2018-2019.csv", two_years_values),
    ]
    # The second saw the first's rows once it could write, so 2019 is current once, not twice.
    assert _rows(
        database_url,
        "SELECT superseded_by IS NULL AS current, count(*) FROM observations GROUP BY 1 ORDER BY 1",
    ) == [
        (0, one_year_values),
        (1, two_years_values),
    ]


@pytest.mark.parametrize("kind, stage", [("uttag", "before_store"), ("sol", "archiving")])
def test_a_file_that_changes_while_it_is_imported_is_refused_and_nothing_is_kept(
    tmp_path, context, monkeypatch, kind, stage
):
    # A file still being copied into the inbox: what was hashed, read and archived must be one
    # and the same file, or the store and the archive would not hold what the sha256 says. An
    # extract is never archived, so for it only the check before storing can notice.
    if kind == "uttag":
        path, _ = _police_extract(tmp_path)
    else:
        path, _ = _sol_months(tmp_path, "sol.csv", range(2019, 2020))

    def append_at(reached: str) -> None:
        if reached == stage:
            with path.open("ab") as handle:
                handle.write(b"\r\n")

    monkeypatch.setattr(ingest_module, "_test_pause", append_at)
    result = ingest_module.ingest_file(path, context)

    assert result.outcome == "avvisad"
    assert "filen ändrades medan den lästes in" in str(result.problems[0])
    assert context.store.imports() == []
    assert not context.archive_dir.exists() or list(context.archive_dir.iterdir()) == []
