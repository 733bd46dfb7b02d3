"""Every time a user sees is Swedish time, from one formatter; no machinery is shown: file
layouts by name, the acting user never an operating-system account."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import sqlalchemy
from typer.testing import CliRunner

from cli import cli
from tests.app.annual import save
from tests.app.pages import content, render, text
from tests.imports.files import SOL_HEADER, text_file

REPO = Path(__file__).resolve().parents[2]
STORED = "2023-03-14T23:30:00+00:00"  # UTC; in Sweden already the 15th
SWEDISH_LONG = "15 mars 2023 kl. 00:30"
SWEDISH_SHORT = "2023-03-15 00:30"


def _ingest_at_a_known_moment(tmp_path) -> None:
    path = text_file(
        tmp_path, "sol-tid.csv", [SOL_HEADER, "Trelleborg;Skadegörelsebrott;År;2021;1234;..;"]
    )
    data = tmp_path / "data"
    result = CliRunner().invoke(cli, ["--data-dir", str(data), "ingest", str(path)])
    assert result.exit_code == 0, result.output
    engine = sqlalchemy.create_engine(f"sqlite:///{data / 'trygghetsmal.sqlite'}")
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("UPDATE imports SET imported_at = :at"), {"at": STORED})
        conn.execute(sqlalchemy.text("UPDATE audit SET at = :at"), {"at": STORED})
    engine.dispose()


def test_each_page_shows_stored_utc_times_in_swedish_time(client, dash_app, tmp_path):
    _ingest_at_a_known_moment(tmp_path)
    pages = {
        "/": SWEDISH_LONG,
        "/data": SWEDISH_SHORT,
        "/logg": SWEDISH_LONG,
        "/mal/skadegorelse": SWEDISH_SHORT,
    }
    for path, shown in pages.items():
        body = text(content(render(client, path)))
        assert shown in body, path
        assert "2023-03-14" not in body and "23:30" not in body, path
    message = save(client, dash_app, "skadegorelse", "Över målet.", "Anna")
    moment = re.search(r"Sparad (.+) av Anna\.", message)[1]
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} kl\. \d\d:\d\d", moment)
    annual = text(content(render(client, "/arsuppfoljning/2021")))
    assert f"Anna, {moment}" in annual


def test_exports_and_the_command_line_show_swedish_time(client, tmp_path):
    _ingest_at_a_known_moment(tmp_path)
    download = client.get("/ladda-ner/skadegorelse.csv").data.decode("utf-8-sig")
    header, first = list(csv.reader(io.StringIO(download), delimiter=";"))[:2]
    assert dict(zip(header, first, strict=True))["Inläst (svensk tid)"] == SWEDISH_SHORT
    listing = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "imports"])
    assert SWEDISH_SHORT in listing.output and "bra_sol" not in listing.output


def test_the_data_page_names_layouts_and_users_in_swedish(client, tmp_path):
    _ingest_at_a_known_moment(tmp_path)
    body = text(content(render(client, "/data")))
    assert "Brås statistikdatabas (SOL)" in body
    assert "bra_sol_databasfil" not in body
    assert "lokal användare" in body
    assert "root" not in body.split()


def test_no_module_formats_a_time_for_users_by_hand():
    """Times reach users only through indicators/times.py: no slicing of stored stamps, no
    strftime, no 'T' replaced by a space."""
    by_hand = re.compile(
        r"_at['\"]?\]?\s*\[:\d+\]|\.strftime\(|replace\(\"T\", \" \"\)|_at\[:\d+\]"
    )
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("pages", "report", "indicators", "goals")
        for path in (REPO / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if by_hand.search(line)
    ]
    offenders += [
        f"cli.py:{n}"
        for n, line in enumerate((REPO / "cli.py").read_text().splitlines(), 1)
        if by_hand.search(line)
    ]
    assert offenders == []
