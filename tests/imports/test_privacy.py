"""Nothing private kept (issue 14, point 5): judged by reading every byte under the data dir.

Whatever a police extract's layout, no street, case id, time of day, coordinate or person may
end up in the database (and its WAL), the archive, the inbox, the temp folder, a message or the
log. Record-level is decided from header words and cell content, not from a list of headers.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
import signal
import struct
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import cli
from indicators.uploads import ingest_upload, sweep, upload_copy
from tests.imports.files import text_file, xlsx_file

runner = CliRunner()


def _variants(secret: str | float | int) -> list[bytes]:
    """The secret as any store or file could hold it: text in the usual encodings, a float as
    SQLite and Excel write one, with a decimal comma too."""
    if isinstance(secret, (int, float)):
        found = [repr(secret).encode(), repr(secret).replace(".", ",").encode()]
        found += [struct.pack(">d", float(secret)), struct.pack("<d", float(secret))]
        return found
    return [
        secret.encode("utf-8"),
        secret.encode("latin-1", "ignore"),
        secret.encode("utf-16-le"),
        secret.upper().encode("utf-8"),
    ]


def _everything_under(directory: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file())


def assert_nothing_kept(data_dir: Path, secrets, *texts: str) -> None:
    stored = _everything_under(data_dir)
    said = "\n".join(texts).encode("utf-8")
    for secret in secrets:
        for variant in _variants(secret):
            assert variant not in stored, f"{secret!r} finns i datamappen"
            assert variant not in said, f"{secret!r} står i ett meddelande"


def _ingest_inbox(data_dir: Path, *files: Path):
    inbox = data_dir / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for path in files:
        path.rename(inbox / path.name)
    return runner.invoke(cli, ["--data-dir", str(data_dir), "ingest", "--inbox"])


# A private column under each spelling the issue names, and some it does not: header words
# and content decide, not a list.
PRIVATE_COLUMNS = [
    ("LONGITUDE", 13.1523456, "en koordinat"),
    ("X_KOORD", 6152345, "en koordinat"),
    ("Koordinat N (SWEREF99)", 6152347, "en koordinat"),
    ("Diarienr", "5000-K98765-22", "ärende"),
    ("Dnr", "5000-K98766-22", "ärende"),
    ("Brottsplatsadress", "Hemliga vägen 7", "gatuadress"),
    ("Plats", "Lönngatan 12 B", "gatuadress"),
    ("Anteckning", "larm kl 23:15 vid porten", "klockslag"),
    ("Målsägande", "Namn Namnsson", "personuppgift"),
    ("Pnr", "19800101-1234", "personuppgift"),
    ("Fält7", "Bakgården 3", "gatuadress"),
    ("Fält8", "grön bil, backade", "inte känner igen"),
]


@pytest.mark.parametrize("header, secret, said", PRIVATE_COLUMNS)
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_an_extract_with_a_private_column_keeps_only_its_aggregates(
    tmp_path, caplog, header, secret, said, kind
):
    caplog.set_level(logging.INFO)
    rows = [
        ["Inskrivningsdatum", "Brottskod", "Kommun", "Antal", header],
        ["2022-05-03", "0857", "Trelleborg", 2, secret],
        ["2022-05-04", "0857", "Trelleborg", 1, secret],
    ]
    if kind == "xlsx":
        path = xlsx_file(tmp_path, "uttag.xlsx", {"Uttag": rows})
    else:
        path = text_file(tmp_path, "uttag.csv", [";".join(map(str, r)) for r in rows], "utf-8")
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    assert said in result.stdout and "originalet sparas inte" in result.stdout
    assert not any((data_dir / "archive").iterdir())
    assert list((data_dir / "inbox").iterdir()) == []
    imports = runner.invoke(cli, ["--data-dir", str(data_dir), "imports", "--json"]).stdout
    assert '"archived": false' in imports
    assert_nothing_kept(data_dir, [secret], result.stdout, imports, caplog.text)


def test_times_of_day_become_weekday_and_band_counts_and_are_never_kept(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    path = xlsx_file(
        tmp_path,
        "uttag.xlsx",
        {
            "Uttag": [
                [
                    "Diarienummer",
                    "Inskrivningsdatum",
                    "BROTTSDATUMTID_START",
                    "Brottskod",
                    "Kommun",
                ],
                [
                    "5000-K1-22",
                    dt.datetime(2022, 5, 4, 8, 2),
                    dt.datetime(2022, 5, 3, 23, 17),
                    857,
                    "Trelleborg",
                ],
                [
                    "5000-K2-22",
                    dt.datetime(2022, 5, 9, 9, 41),
                    dt.datetime(2022, 5, 7, 2, 53),
                    857,
                    "Trelleborg",
                ],
                ["5000-K3-22", "2022-05-12 10:11", "2022-05-11 14:29", "0857", "Trelleborg"],
            ]
        },
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    shown = runner.invoke(cli, ["--data-dir", str(data_dir), "imports", "--json"]).stdout
    secrets = ["23:17", "2:53", "02:53", "14:29", "08:02", "8:02", "09:41", "10:11", "5000-K1-22"]
    secrets += ["23.17", "14.29"]
    assert_nothing_kept(data_dir, secrets, result.stdout, shown, caplog.text)


def test_a_workbook_with_an_unknown_sheet_of_streets_is_not_archived(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    path = xlsx_file(
        tmp_path,
        "blandat.xlsx",
        {
            "SOL": [
                ["Region", "Brott", "2021", "2022"],
                ["Trelleborg", "Inbrottsstöld i bostad", 101, 96],
            ],
            "Adresser": [
                ["Storgatan 3", "Hemliga vägen 7"],
                ["Lönngränd 1", "Bakvägen 22 C"],
            ],
        },
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    assert "Adresser känns inte igen" in result.stdout and "originalet sparas inte" in result.stdout
    assert not any((data_dir / "archive").iterdir())
    streets = ["Storgatan 3", "Hemliga vägen 7", "Lönngränd 1", "Bakvägen 22"]
    assert_nothing_kept(data_dir, streets, result.stdout, caplog.text)
    values = runner.invoke(
        cli, ["--data-dir", str(data_dir), "observations", "--target", "bostadsinbrott", "--json"]
    )
    assert '"value": 96' in values.stdout  # the sheet that was understood is kept


def test_a_refused_extract_leaves_its_reasons_and_no_private_byte(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    path = text_file(
        tmp_path,
        "uttag.csv",
        [
            "Diarienummer;Inskrivningsdatum;Brottskod;Kommun;Gata",
            "5000-K98765-22;2022-05-03 23:15;Hemliga vägen 7;Trelleborg;Storgatan 3",
            "5000-K98766-22;kl 23:15;0857;Trelleborg;Storgatan 4",
        ],
        "utf-8",
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.exit_code == 1 and result.stdout.startswith("avvisad"), result.stdout
    # The cells are described, never quoted.
    assert "en gatuadress (visas inte)" in result.stdout
    assert "ett klockslag (visas inte)" in result.stdout
    reasons = (data_dir / "inbox" / "avvisade" / "uttag.csv.txt").read_text("utf-8")
    assert "kolumn Brottskod" in reasons and "kolumn Inskrivningsdatum" in reasons
    secrets = ["5000-K98765-22", "Hemliga vägen 7", "Storgatan 3", "23:15"]
    assert_nothing_kept(data_dir, secrets, result.stdout, caplog.text)
    assert [p.name for p in (data_dir / "inbox").rglob("*") if p.is_file()] == ["uttag.csv.txt"]


def test_an_area_column_holding_addresses_is_not_stored_as_areas(tmp_path):
    path = text_file(
        tmp_path,
        "uttag.csv",
        [
            "Inskrivningsdatum;Brottskod;Kommun;Område;Antal",
            "2022-05-03;0857;Trelleborg;Lönngatan 12;3",
        ],
        "utf-8",
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    assert "kolumnen Område innehåller en gatuadress och användes inte" in result.stdout
    assert_nothing_kept(data_dir, ["Lönngatan 12"], result.stdout)


def test_a_counted_extract_without_private_columns_is_archived(tmp_path):
    path = text_file(
        tmp_path,
        "uttag.csv",
        [
            "Inskrivningsdatum;Brottskod;Kommun;Lokalpolisområde;Antal",
            "2022-05-03;0857;Trelleborg;LPO Trelleborg;3",
        ],
        "utf-8",
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    assert len(list((data_dir / "archive").iterdir())) == 1


def test_the_est_survey_with_time_stamps_and_reporters_is_not_archived(tmp_path):
    path = xlsx_file(
        tmp_path,
        "est.xlsx",
        {
            "Svar": [
                ["EST Trelleborgs kommun"],
                [
                    "Tidstämpel",
                    "Vecka",
                    "Rapportör/Verksamhet",
                    "Område/Plats",
                    "Hot och våld",
                    "Skadegörelse",
                    "Anlagda bränder",
                    "Kommentar",
                ],
                [
                    dt.datetime(2022, 2, 15, 9, 12),
                    7,
                    "Anna Andersson",
                    "Centrum",
                    "Liten påverkan",
                    "Ingen påverkan",
                    "Ingen påverkan",
                    "ringde kl 9",
                ],
            ]
        },
    )
    data_dir = tmp_path / "data"
    result = _ingest_inbox(data_dir, path)
    assert result.stdout.startswith("importerad"), result.stdout
    assert not any((data_dir / "archive").iterdir())
    assert_nothing_kept(data_dir, ["Anna Andersson", "09:12", "ringde kl 9"], result.stdout)


# --- upload copies -------------------------------------------------------------------------


def test_an_upload_copy_lives_under_the_data_dir_and_goes_after_the_import(tmp_path, monkeypatch):
    from indicators import ingest as ingest_module
    from indicators.ingest import IngestContext
    from settings import Settings

    settings = Settings(data_dir=tmp_path / "data")
    seen = []
    real = ingest_module.ingest_file

    def spy(path, context, original_name=None):
        seen.append(path)
        assert path.is_file() and settings.temp_dir in path.parents
        return real(path, context, original_name)

    monkeypatch.setattr(ingest_module, "ingest_file", spy)
    content = (
        "Inskrivningsdatum;Brottskod;Kommun;Gata\n2022-05-03;0857;Trelleborg;Hemliga vägen 7\n"
    )
    encoded = "data:text/csv;base64," + base64.b64encode(content.encode()).decode()
    context = IngestContext.from_settings(settings, store=True, user="test")
    result = ingest_upload(encoded, "uttag.csv", context, settings.temp_dir)
    assert result.outcome == "importerad", result.lines()
    assert seen and not seen[0].exists() and not any(settings.temp_dir.iterdir())
    assert_nothing_kept(settings.data_dir, ["Hemliga vägen 7"], *result.lines())


@pytest.mark.parametrize("shared", [False, True])
def test_an_upload_copy_is_private_and_named_by_us_not_by_the_browser(
    tmp_path, monkeypatch, shared
):
    import grp

    from indicators import ingest as ingest_module
    from indicators.ingest import IngestContext
    from settings import Settings

    group = grp.getgrgid(os.getgid()).gr_name if shared else None
    settings = Settings(data_dir=tmp_path / "data", data_group=group)
    seen = {}
    real = ingest_module.ingest_file

    def spy(path, context, original_name=None):
        seen.update(
            name=path.name,
            original=original_name,
            modes=[p.stat().st_mode & 0o7777 for p in (path.parent.parent, path.parent, path)],
        )
        return real(path, context, original_name)

    monkeypatch.setattr(ingest_module, "ingest_file", spy)
    encoded = "data:text/csv;base64," + base64.b64encode(b"Kommun;Gata\n").decode()
    context = IngestContext.from_settings(settings, store=True, user="test")
    before = os.umask(0o022)  # what a process that never narrowed its umask has
    try:
        modes = settings.file_modes()
        ingest_upload(encoded, "C:\\Hemligt\\uttag.CSV", context, settings.temp_dir, modes)
    finally:
        os.umask(before)
    folder, file = (0o2770, 0o660) if shared else (0o700, 0o600)
    assert seen == {
        "name": "uppladdad.csv",
        "original": "uttag.CSV",
        "modes": [folder] * 2 + [file],
    }


@pytest.mark.parametrize("name", ["", "..", "a\x00b.csv", "å" * 200 + ".csv"])
def test_an_upload_a_file_cannot_be_named_is_refused_before_any_copy(tmp_path, name):
    from indicators.ingest import IngestContext
    from settings import Settings

    settings = Settings(data_dir=tmp_path / "data")
    context = IngestContext.from_settings(settings, store=True, user="test")
    encoded = "data:text/csv;base64," + base64.b64encode(b"x").decode()
    result = ingest_upload(encoded, name, context, settings.temp_dir)
    assert result.outcome == "avvisad" and "namn" in " ".join(result.lines())
    assert not settings.temp_dir.exists() and context.store.imports() == []


def test_a_killed_workers_upload_copy_is_swept_at_start(tmp_path):
    temp = tmp_path / "data" / "tmp"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import time
                from pathlib import Path
                from indicators.uploads import upload_copy
                with upload_copy(Path({str(temp)!r}), "uttag.csv", "Hemliga vägen 7".encode()):
                    print("inne", flush=True)
                    time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert child.stdout.readline().strip() == b"inne"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        child.kill()
    left = list(temp.iterdir())
    assert len(left) == 1 and b"Hemliga" in _everything_under(temp)  # a kill leaves it
    with upload_copy(temp, "min.csv", b"1"):  # a running worker's copy is not swept
        removed = sweep(temp)
        assert removed == left
        assert len(list(temp.iterdir())) == 1
    assert list(temp.iterdir()) == []


def test_the_app_sweeps_the_temp_folder_when_it_starts(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    stale = data_dir / "tmp" / "upload-999999999-x"
    stale.mkdir(parents=True)
    (stale / "uttag.csv").write_text("Hemliga vägen 7")
    monkeypatch.setenv("TRYGGHETSMAL_DATA_DIR", str(data_dir))
    started = time.monotonic()
    from indicators.uploads import sweep as sweep_now

    sweep_now(data_dir / "tmp")
    assert not stale.exists() and time.monotonic() - started < 5
