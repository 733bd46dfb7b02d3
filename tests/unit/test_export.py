"""'Ladda ner data': CSV for Swedish Excel and a workbook, never a formula from imported text;
breakdowns as readable columns, file formats by name, import times in Swedish time."""

import csv
import datetime as dt
import io
from dataclasses import replace

import openpyxl

from indicators.export import observation_json, observations_csv, observations_xlsx
from tests.unit.rows import row

HOSTILE = '=HYPERLINK("http://x","klicka")'


def rows():
    first = row("2021", 12.5, file="sol.csv", imported_at="2023-03-14T23:30:00+00:00")
    return [
        observation_json(replace(first, layout="bra_sol_databasfil")),
        observation_json(
            row(
                "2022",
                1180,
                file=HOSTILE,
                breakdown={"brottskod": "9801", "datumgrund": "brottsdatum"},
            )
        ),
        observation_json(
            row("2021", 7, measure="andel_pct", breakdown={"arskurs": "ak9", "kon": "flickor"})
        ),
    ]


def test_csv_opens_in_swedish_excel_and_defuses_formulas(catalogue):
    text = observations_csv(rows(), catalogue).decode("utf-8")
    assert text.startswith("\ufeffPeriod;Indikator;")
    lines = text.splitlines()
    assert ";12,5;" in lines[1] and ";1180;" in lines[2]
    assert "\"'=HYPERLINK" in lines[2]


def test_csv_breakdowns_are_columns_with_swedish_names_and_times_are_swedish(catalogue):
    text = observations_csv(rows(), catalogue).decode("utf-8-sig")
    header, *lines = csv.reader(io.StringIO(text), delimiter=";")
    assert "Uppdelning" not in header
    assert {"Årskurs", "Kön", "Brottskod", "Brottstyp", "Datumgrund"} <= set(header)
    first, second, third = (dict(zip(header, line, strict=True)) for line in lines)
    assert first["Brottstyp"] == "Inbrottsstöld i bostad" and first["Brottskod"] == ""
    assert second["Brottskod"] == "9801"
    assert third["Årskurs"] == "åk 9" and third["Kön"] == "flickor"
    assert first["Inläst (svensk tid)"] == "2023-03-15 00:30"
    assert first["Källformat"] != "bra_sol" and "Brå" in first["Källformat"]


def test_workbook_keeps_numbers_as_numbers_and_text_as_text(catalogue):
    sheet = openpyxl.load_workbook(io.BytesIO(observations_xlsx(rows(), "titel", catalogue))).active
    assert sheet["A1"].value == "titel"
    header = [c.value for c in sheet[3]]
    value_column = header.index("Värde") + 1
    assert sheet.cell(4, value_column).value == 12.5
    hostile = sheet.cell(5, header.index("Fil") + 1)
    assert hostile.value == HOSTILE and hostile.data_type == "s"
    assert sheet.cell(4, header.index("Inläst (svensk tid)") + 1).value == dt.datetime(
        2023, 3, 15, 0, 30
    )
    assert sheet.cell(6, header.index("Årskurs") + 1).value == "åk 9"
