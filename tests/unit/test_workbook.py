"""The annual follow-up's Excel file opens right in a Swedish Excel or LibreOffice: real number
formats, years as integers, intervals as the page rounds them, dates as dates, and the measures
with the page's sums."""

import datetime as dt
import io
import re

import openpyxl
import pytest

from goals.atgarder import AtgardList, AtgardRecord
from goals.evidence import Evidence
from goals.words import interval_text
from report.atgarder import focus_area_cells, summary_sentence
from report.content import Comment, annual_report
from report.workbook import report_xlsx
from tests.unit.rows import AFTER_THE_PERIOD, evidence


def _atgarder() -> AtgardList:
    def record(name, area, budgets, start=None):
        return AtgardRecord(name, "pagaende", area, "Kommun", (), start, None, None, budgets)

    return AtgardList(
        (
            record("Väktare", "offentlig-miljo", {2020: 1_200_000, 2021: 1_400_000}),
            record("Belysning", "offentlig-miljo", {2021: 600_000}, dt.date(2021, 3, 1)),
            record("Fältgrupp", "ungdomar", {2020: 900_000, 2021: 950_000}),
        ),
        "atgarder.xlsx",
        "2022-02-01T23:30:00+00:00",
    )


@pytest.fixture
def report(agreement, catalogue):
    found = evidence()
    found = Evidence(found.rows, atgarder=_atgarder())
    made = annual_report(agreement, catalogue, found, 2021, AFTER_THE_PERIOD)
    made.comments["bostadsinbrott"] = Comment(
        "bostadsinbrott", "Bra.", "Karin Ek", "2022-03-14T23:30:00+00:00"
    )
    return made


@pytest.fixture
def book(report):
    return openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))


def _kronor(text: str) -> int:
    return int(re.sub(r"[^\d−-]", "", text).replace("−", "-"))


def test_no_number_format_uses_spaces_as_digit_grouping(book):
    formats = {c.number_format for s in book.worksheets for r in s.iter_rows() for c in r}
    for code in formats:
        unquoted = re.sub(r'"[^"]*"', "", code)
        assert not re.search(r"[#0.,]\s+[#0]", unquoted), code
    assert {"#,##0", "0.00", "0", "yyyy-mm-dd"} <= formats


def test_years_are_integers_and_intervals_are_rounded_as_on_the_page(book, report):
    sheet = book["Sammanfattning"]
    header = [c.value for c in sheet[3]]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    burglary = rows["bostadsinbrott"]
    verdict = next(
        t.verdict for e in report.goals for t in e.targets if t.target.id == "bostadsinbrott"
    )
    low, high = burglary[header.index("Intervall från")], burglary[header.index("Intervall till")]
    assert f"{low}–{high}" == interval_text(verdict.ci, "antal")
    assert burglary[header.index("Bedömt år")] == 2021
    cell = sheet.cell(
        row=4 + list(rows).index("bostadsinbrott"), column=header.index("Bedömt år") + 1
    )
    assert cell.number_format == "0" and isinstance(cell.value, int)
    goal = book["Bostadsinbrott"]
    years = [r[1] for r in goal.iter_rows(min_row=6, values_only=True)]
    assert years == [2020, 2021]
    assert goal["D7"].value == round(verdict.ci[0]) and goal["D7"].number_format == "#,##0"


def test_times_are_swedish_and_dates_are_dates(book):
    goal = book["Bostadsinbrott"]
    assert goal["D4"].value == dt.datetime(2022, 3, 15, 0, 30)  # 23:30 UTC is 00:30 in Sweden
    assert goal["D4"].number_format == "yyyy-mm-dd hh:mm"
    measures = book["Åtgärder"]
    assert "importerad 2022-02-02" in measures["A2"].value
    starts = [r[5] for r in measures.iter_rows(min_row=5, max_col=7, values_only=True) if r[1]]
    assert dt.datetime(2021, 3, 1) in starts


def test_the_measures_sheet_has_the_pages_sums_per_focus_area_and_total(book, report):
    sheet = book["Åtgärder"]
    header = [c.value for c in sheet[4]]
    first = header.index("Fokusområde", 1)
    table = [
        r[first : first + 5]
        for r in sheet.iter_rows(min_row=5, values_only=True)
        if r[first] is not None
    ]
    page = focus_area_cells(report.atgarder)
    assert [row[0] for row in table[:-1]] == [row[0] for row in page]
    for found, shown in zip(table, page, strict=False):
        assert found[1] == int(shown[1])
        assert found[2] == _kronor(shown[2]) and found[3] == _kronor(shown[3])
    total = table[-1]
    assert total[0] == "Totalt" and total[1] == 3
    assert total[2] == 2_950_000 and total[3] == 2_100_000 and total[4] == 850_000
    assert "2 950 000" in summary_sentence(report.atgarder).replace("\u00a0", " ")
    assert sheet.freeze_panes == "A5"
    assert sheet.column_dimensions["A"].width > 20
