"""The goal page's months: the normal band with its words and table, and the note when the
headline and the months come from different files."""

from __future__ import annotations

from typer.testing import CliRunner

from cli import cli
from tests.app.pages import components, content, render, text
from tests.imports.files import SOL_HEADER, text_file

MONTHS = (
    "Januari",
    "Februari",
    "Mars",
    "April",
    "Maj",
    "Juni",
    "Juli",
    "Augusti",
    "September",
    "Oktober",
    "November",
    "December",
)


def _ingest(tmp_path, name, rows):
    path = text_file(tmp_path, name, [SOL_HEADER, *rows])
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "data"), "ingest", str(path)])
    assert result.exit_code == 0, result.output


def _words(tree) -> str:
    return " ".join(text(tree).split())


def test_the_goal_page_marks_a_month_outside_the_normal_band_and_names_both_files(client, tmp_path):
    monthly = [
        f"Trelleborg;Inbrottsstöld i bostad;{year};{month};"
        f"{40 if (year, month) == (2022, 'Januari') else 8};..;"
        for year in (2019, 2020, 2021, 2022)
        for month in MONTHS
    ]
    _ingest(tmp_path, "sol-manader.csv", monthly)
    _ingest(tmp_path, "sol-ar.csv", ["Trelleborg;Inbrottsstöld i bostad;År;2022;104;..;"])
    page = content(render(client, "/mal/bostadsinbrott?ar=2022"))
    words = _words(page)
    assert "Utanför det normala 2022: januari (över)." in words
    assert "inom det normala slumpmässiga variationen kring samma månad 2019–2021" in words
    assert "ungefär en månad av 20" in words
    table = next(
        c for c in components(page) if c["props"].get("id") == "normalband-tabell-bostadsinbrott"
    )
    assert "januari 2022 40" in _words(table) and "▲ över det normala" in _words(table)
    assert "Huvudsiffran kommer från Brå (sol-ar.csv" in words
    assert "månadsfördelningen från Brå (sol-manader.csv" in words
