"""Storage faults on the command line: one Swedish line, exit code 3, nothing half stored; and
the data dir's files private to their owner (or shared with one group)."""

from __future__ import annotations

import errno
import grp
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import EXIT_STORAGE, cli
from indicators import faults
from indicators import ingest as ingest_module
from indicators.store import Store
from tests.app.test_storage_faults import database_fault
from tests.imports.files import sol_yearly
from tests.imports.test_crash_safety import _sol_months
from tests.mounts import tmpfs

runner = CliRunner()


def _run(data_dir: Path, *args: str):
    return runner.invoke(cli, ["--data-dir", str(data_dir), *args])


def _one_swedish_line(result, message: str) -> None:
    assert result.exit_code == EXIT_STORAGE, result.output
    assert result.output.splitlines() == [message]


def _imports(data_dir: Path) -> list[dict]:
    return Store(f"sqlite:///{(data_dir / 'trygghetsmal.sqlite').resolve()}").imports()


@pytest.fixture
def small_disk(tmp_path):
    """160 kB: room for the empty database, not for an import."""
    with tmpfs(tmp_path / "liten-disk", "160k") as mount_point:
        yield mount_point


def test_a_full_disk_ends_an_import_with_one_swedish_line(tmp_path, small_disk):
    data = small_disk / "data"
    path, _ = _sol_months(tmp_path, "sol.csv", range(2015, 2020))

    _one_swedish_line(_run(data, "ingest", str(path)), faults.FULL)

    assert _imports(data) == []
    assert [p.name for p in (data / "archive").iterdir()] == []  # no partial copy left
    assert _run(data, "status").exit_code == 0  # what is there can still be read


def test_a_full_disk_under_the_archive_stores_nothing(tmp_path, monkeypatch):
    def no_space(_handle):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ingest_module.os, "fsync", no_space)
    data = tmp_path / "data"

    _one_swedish_line(_run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))), faults.FULL)

    assert _imports(data) == [] and list((data / "archive").iterdir()) == []


def test_a_full_disk_is_no_files_refusal_and_the_inbox_keeps_its_files(tmp_path):
    """Issue 14 makes every error in one file that file's refusal; a full disk is not the
    file's fault and would meet the next file too: the inbox stops, nothing is set aside."""
    data = tmp_path / "data"
    inbox = data / "inbox"
    inbox.mkdir(parents=True)
    sol_yearly(inbox, {2021: 88}, name="a-sol.csv")
    sol_yearly(inbox, {2022: 97}, name="b-sol.csv")
    with database_fault("full"):
        _one_swedish_line(_run(data, "ingest", "--inbox"), faults.FULL)
    assert sorted(p.name for p in inbox.rglob("*")) == ["a-sol.csv", "b-sol.csv"]
    assert _imports(data) == []
    assert _run(data, "ingest", "--inbox").exit_code == 0  # tried again once there is room
    assert len(_imports(data)) == 2


def test_a_read_only_database_refuses_imports_and_still_answers_status(tmp_path):
    data = tmp_path / "data"
    assert _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))).exit_code == 0
    with database_fault("read-only"):
        newer = sol_yearly(tmp_path, {2022: 97}, name="sol-2022.csv")
        _one_swedish_line(_run(data, "ingest", str(newer)), faults.READ_ONLY)
        status = _run(data, "status", "--year", "2021")
        assert status.exit_code == 0 and "Bostadsinbrotten var 88 år 2021" in status.output
        report = _run(
            data, "report", "--year", "2021", "--format", "html", "-o", str(tmp_path / "r.html")
        )
        assert report.exit_code == 0
    assert len(_imports(data)) == 1


def test_a_data_dir_that_cannot_exist_is_named_for_imports_but_status_still_answers(tmp_path):
    blocked = tmp_path / "en-fil"
    blocked.write_text("inte en mapp")
    data = blocked / "data"
    _one_swedish_line(_run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))), faults.MISSING)
    _one_swedish_line(_run(data, "imports"), faults.MISSING)
    status = _run(data, "status")
    assert status.exit_code == 0 and "Kan inte bedömas" in status.output


def test_a_damaged_database_is_one_swedish_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "trygghetsmal.sqlite").write_bytes(b"inte en databas " * 512)
    _one_swedish_line(_run(data, "status"), faults.DAMAGED)
    _one_swedish_line(_run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))), faults.DAMAGED)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


def _data_files(data: Path) -> list[Path]:
    return [p for p in data.rglob("*") if p.is_file()]


def test_the_data_dir_is_private_to_its_owner(tmp_path):
    data = tmp_path / "data"
    assert _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))).exit_code == 0
    assert {_mode(d) for d in (data, data / "inbox", data / "archive")} == {0o700}
    files = _data_files(data)
    assert data / "trygghetsmal.sqlite" in files and any(p.parent.name == "archive" for p in files)
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_a_data_group_shares_the_data_dir_with_one_group(tmp_path, monkeypatch):
    group = grp.getgrgid(os.getgid())
    monkeypatch.setenv("TRYGGHETSMAL_DATA_GROUP", group.gr_name)
    data = tmp_path / "data"
    assert _run(data, "ingest", str(sol_yearly(tmp_path, {2021: 88}))).exit_code == 0
    assert {_mode(d) for d in (data, data / "inbox", data / "archive")} == {0o2770}
    files = _data_files(data)
    assert {p.name: _mode(p) for p in files} == {p.name: 0o660 for p in files}
    assert {p.stat().st_gid for p in [data, *files]} == {group.gr_gid}

    monkeypatch.setenv("TRYGGHETSMAL_DATA_GROUP", "finns-inte-som-grupp")
    unknown = _run(data, "status")
    assert unknown.exit_code == 2 and "Gruppen finns-inte-som-grupp" in unknown.output


@pytest.fixture(autouse=True)
def _keep_umask():
    # The command line narrows the process's umask for the data dir; other tests keep theirs.
    before = os.umask(0o022)
    os.umask(before)
    yield
    os.umask(before)


def test_a_database_server_that_is_down_is_one_swedish_line(tmp_path, monkeypatch):
    from tests.postgres import free_port

    monkeypatch.setenv(
        "TRYGGHETSMAL_DATABASE_URL", f"postgresql://trygghetsmal@127.0.0.1:{free_port()}/borta"
    )
    for args in (["imports"], ["ingest", str(sol_yearly(tmp_path, {2019: 123}))]):
        _one_swedish_line(_run(tmp_path / "data", *args), faults.UNREACHABLE)
