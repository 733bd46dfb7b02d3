"""'Ladda ner data': CSV for Swedish Excel and a workbook, never a formula from imported text."""

import io

import openpyxl

from indicators.export import observations_csv, observations_xlsx
from tests.unit.rows import row

HOSTILE = '=HYPERLINK("http://x","klicka")'


def rows():
    return [row("2021", 12.5, file="sol.csv"), row("2022", 1180, file=HOSTILE)]


def test_csv_opens_in_swedish_excel_and_defuses_formulas():
    text = observations_csv(rows()).decode("utf-8")
    assert text.startswith("\ufeffPeriod;Indikator;")
    lines = text.splitlines()
    assert ";12,5;" in lines[1] and ";1180;" in lines[2]
    assert "\"'=HYPERLINK" in lines[2]


def test_workbook_keeps_numbers_as_numbers_and_text_as_text():
    sheet = openpyxl.load_workbook(io.BytesIO(observations_xlsx(rows(), "titel"))).active
    assert sheet["A1"].value == "titel"
    header = [c.value for c in sheet[3]]
    value_column = header.index("Värde") + 1
    assert sheet.cell(4, value_column).value == 12.5
    hostile = sheet.cell(5, header.index("Fil") + 1)
    assert hostile.value == HOSTILE and hostile.data_type == "s"
