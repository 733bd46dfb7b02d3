"""A full disk, a read-only database, a missing data dir and a damaged database: reading pages
keep working where the database can be read, writing ones answer in Swedish, nothing is a 500.

The faults come from SQLite's own errors (database_fault below); a real full tmpfs and a
full disk under the archive are in tests/cli/test_storage_faults.py.
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import sqlite3

import pytest
from sqlalchemy import Engine, event

import audit
from followup import records
from indicators import faults
from indicators.faults import storage_fault
from indicators.store import Store
from tests.app.annual import approve, ingest, save
from tests.app.pages import content, render, text
from tests.app.test_serving_safely import _sol_content, _upload
from tests.mounts import remount_read_only, tmpfs

READING = ["/", "/mal/bostadsinbrott", "/arsuppfoljning/2021", "/data", "/logg", "/om"]


@contextlib.contextmanager
def database_fault(kind: str):
    """Inside the block, every SQLite database is read-only (`query_only` on each new
    connection: SQLITE_READONLY from SQLite itself) or full (each write statement fails with
    SQLITE_FULL, as on a full disk; a real full tmpfs is in tests/cli)."""

    def read_only(connection, _record):
        connection.execute("PRAGMA query_only = ON")

    def full(_conn, _cursor, statement: str, *_args):
        if statement.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode, error.sqlite_errorname = 13, "SQLITE_FULL"
            raise error

    hook, listener = (
        ("connect", read_only) if kind == "read-only" else ("before_cursor_execute", full)
    )
    event.listen(Engine, hook, listener)
    try:
        yield
    finally:
        event.remove(Engine, hook, listener)


@pytest.fixture
def data(tmp_path):
    ingest(tmp_path, "sol.csv", {2020: 104, 2021: 88})
    return tmp_path


def page_text(client, path: str) -> str:
    return " ".join(text(content(render(client, path))).split())


@pytest.mark.parametrize(
    "fault, message",
    [("read-only", faults.READ_ONLY), ("full", faults.FULL)],
)
def test_reading_pages_work_and_writing_ones_answer_in_swedish(
    client, dash_app, data, fault, message
):
    with database_fault(fault):
        for path in READING:
            shown = page_text(client, path)
            assert "kan inte visas" not in shown, path
        assert "Bostadsinbrotten" in page_text(client, "/mal/bostadsinbrott")

        assert save(client, dash_app, "bostadsinbrott", "Text", "Anna") == f"Inte sparad: {message}"
        approved = approve(client, dash_app, "Karin")
        assert text(approved["annual-approval-message"]["children"]) == f"Inget ändrades: {message}"
        assert "annual-body" not in approved  # the page stays as it was
        assert message in _upload(client, dash_app, [_sol_content()], ["sol-2022.csv"])

        original = client.get("/original/1")  # every download is logged, or not given
        assert original.status_code == 503 and original.get_data(as_text=True).strip() == message

    store = Store(f"sqlite:///{(data / 'data' / 'trygghetsmal.sqlite').resolve()}")
    assert len(store.imports()) == 1 and records.comments(store, "trelleborg-2019-2022", 2021) == []
    assert records.approval(store, "trelleborg-2019-2022", 2021) is None
    assert [entry["action"] for entry in audit.entries(store.engine)] == ["import"]


def test_on_a_file_system_mounted_read_only_pages_read_and_writes_say_read_only(
    client, dash_app, data
):
    """What the kernel does to a failing disk: the data dir stays, read-only. A database
    closed cleanly has no -wal file, and SQLite then needs to read it as immutable."""
    source = data / "data" / "trygghetsmal.sqlite"
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with tmpfs(data / "skrivskyddad", "4m") as mount_point:
        copy = mount_point / "data"
        copy.mkdir()
        for folder in ("inbox", "archive"):
            (copy / folder).mkdir()
        shutil.copy(source, copy / source.name)
        remount_read_only(mount_point)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TRYGGHETSMAL_DATA_DIR", str(copy))
            assert "Bostadsinbrotten var 88 år 2021" in page_text(client, "/mal/bostadsinbrott")
            for path in READING:
                assert "kan inte visas" not in page_text(client, path), path
            saved = save(client, dash_app, "bostadsinbrott", "Text", "Anna")
            assert saved == f"Inte sparad: {faults.READ_ONLY}"
            uploaded = _upload(client, dash_app, [_sol_content()], ["sol-2022.csv"])
            assert faults.READ_ONLY in uploaded


def test_without_a_data_dir_pages_show_no_data_and_writing_says_where_it_is_missing(
    client, dash_app, tmp_path, monkeypatch
):
    blocked = tmp_path / "en-fil"
    blocked.write_text("inte en mapp")
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(blocked / "data"))
    for path in READING:
        assert "kan inte visas" not in page_text(client, path), path
    assert faults.MISSING in _upload(client, dash_app, [_sol_content()], ["sol.csv"])
    assert save(client, dash_app, "bostadsinbrott", "Text", "Anna") == (
        f"Inte sparad: {faults.MISSING}"
    )


def test_a_damaged_database_gives_a_swedish_page_not_a_500(client, data):
    database = data / "data" / "trygghetsmal.sqlite"
    for leftover in database.parent.glob("trygghetsmal.sqlite-*"):
        leftover.unlink()
    database.write_bytes(b"inte en databas " * 512)
    shown = page_text(client, "/")
    assert "Sidan kan inte visas just nu" in shown and faults.DAMAGED in shown
    download = client.get("/ladda-ner/bostadsinbrott.csv")
    assert download.status_code == 503 and faults.DAMAGED in download.get_data(as_text=True)


@pytest.mark.parametrize(
    "number, message",
    [
        (errno.ENOSPC, faults.FULL),
        (errno.EDQUOT, faults.FULL),
        (errno.EROFS, faults.READ_ONLY),
        (errno.EACCES, faults.READ_ONLY),
        (errno.ENOENT, faults.MISSING),
        (errno.EIO, faults.DAMAGED),
    ],
)
def test_operating_system_errors_are_named_by_their_errno(number, message):
    assert storage_fault(OSError(number, "any text")) == message
    try:
        try:
            raise OSError(number, "inner")
        except OSError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert storage_fault(outer) == message


def test_an_error_handled_before_another_is_raised_is_not_its_reason():
    try:
        try:
            raise OSError(errno.ENOENT, "handled")
        except OSError:
            raise ValueError("the real reason") from None
    except ValueError as outer:
        assert storage_fault(outer) is None


def test_other_errors_are_no_storage_fault():
    assert storage_fault(ValueError("x")) is None
    assert storage_fault(OSError(errno.EINVAL, "x")) is None
    assert storage_fault(KeyError("disk full")) is None  # words are not codes
