"""The annual follow-up: one content model, the same story in PDF and Excel."""

import io
import subprocess

import openpyxl
import pytest

from goals.atgarder import AtgardList, AtgardRecord
from goals.evaluate import YearOutsidePeriod, evaluate
from goals.evidence import Evidence
from goals.status import Status
from report.content import annual_report
from report.document import report_html, report_pdf
from report.workbook import report_xlsx
from tests.unit.rows import AFTER_THE_PERIOD, evidence, row


def test_summary_counts_and_what_moved_since_last_year(agreement, catalogue):
    report = annual_report(agreement, catalogue, evidence(), 2021, AFTER_THE_PERIOD)
    assert [e.goal.id for e in report.goals] == [g.id for g in agreement.goals]
    assert sum(report.goal_counts.values()) == len(agreement.goals)
    assert [t.target.id for t in report.improved] == ["bostadsinbrott"]
    assert [t.target.id for t in report.worsened] == ["skadegorelse"]
    burglary = next(t for e in report.goals for t in e.targets if t.target.id == "bostadsinbrott")
    assert burglary.change == "88 mot 104 året före: en minskning med 16."


def test_an_incomplete_source_is_never_compared_with_a_complete_one(agreement, catalogue):
    damage = {"brottstyp": "Skadegörelsebrott"}
    extract = [
        row("2021", 60, breakdown={"brottskod": code}, origin="polisen", status=None)
        for code in ("1201", "1203", "1208", "1209")
    ]
    rows = {"skadegorelse": [row("2020", 150, breakdown=damage), *extract]}
    report = annual_report(agreement, catalogue, Evidence(rows), 2021, AFTER_THE_PERIOD)
    damage_entry = next(t for e in report.goals for t in e.targets if t.target.id == "skadegorelse")
    assert damage_entry.verdict.status is Status.EJ_UPPNATT  # 240 without four codes: decided
    assert not damage_entry.comparable
    assert damage_entry.change.startswith("Inte jämförbart med året före")
    assert "1205" in damage_entry.change
    assert damage_entry not in report.worsened and damage_entry not in report.improved
    html = report_html(report)
    assert "Ofullständigt underlag:" in html and "ej jämförbart" in html


def test_a_year_outside_the_period_is_refused(agreement, catalogue):
    with pytest.raises(YearOutsidePeriod):
        annual_report(agreement, catalogue, Evidence(), 2024, AFTER_THE_PERIOD)


def test_the_pdf_holds_every_goals_wording_and_verdict(agreement, catalogue, tmp_path):
    report = annual_report(agreement, catalogue, evidence(), 2021, AFTER_THE_PERIOD)
    path = tmp_path / "r.pdf"
    path.write_bytes(report_pdf(report))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Sida 1 av" in text and "Innehåll" in text
    for entry in report.goals:
        assert " ".join(entry.goal.wording.split()) in text
        for target in entry.targets:
            assert " ".join(target.verdict.short.split()) in text


def test_the_workbook_holds_the_same_values_as_status_json(agreement, catalogue):
    report = annual_report(agreement, catalogue, evidence(), 2021, AFTER_THE_PERIOD)
    status = evaluate(agreement, catalogue, evidence(), 2021, AFTER_THE_PERIOD).to_json()
    expected = {t["id"]: (t["status"], t["value"]) for g in status["goals"] for t in g["targets"]}
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))["Sammanfattning"]
    header = [c.value for c in sheet[3]]
    found = {
        r[header.index("Delmål (id)")]: (r[header.index("Status (id)")], r[header.index("Värde")])
        for r in sheet.iter_rows(min_row=4, values_only=True)
    }
    assert found == expected
    assert sheet.freeze_panes == "A4"


def test_data_text_cannot_become_markup_or_a_formula(agreement, catalogue):
    hostile = '<script>alert(1)</script>=HYPERLINK("http://x")'
    report = annual_report(agreement, catalogue, Evidence(), 2021, AFTER_THE_PERIOD)
    entry = report.goals[0]
    poisoned = entry.targets[0].__class__(
        **{**entry.targets[0].__dict__, "label": hostile, "change": hostile}
    )
    report.goals[0] = entry.__class__(entry.goal, Status.KAN_INTE_BEDOMAS, [poisoned])
    assert "<script>" not in report_html(report)
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    cells = [c for r in book["Sammanfattning"].iter_rows() for c in r if c.value == hostile]
    assert cells and all(c.data_type == "s" for c in cells)


def test_measures_reach_the_pdf_and_the_workbook_with_their_budgets(agreement, catalogue, tmp_path):
    atgarder = AtgardList(
        (
            AtgardRecord(
                "Väktare kvällstid",
                "pagaende",
                "offentlig-miljo",
                "Kommun",
                ("otrygghet",),
                budgets={2020: 1_200_000, 2021: 1_400_000},
            ),
        ),
        "atgarder.xlsx",
        "2022-02-01T08:00:00+00:00",
    )
    report = annual_report(
        agreement, catalogue, Evidence(atgarder=atgarder), 2021, AFTER_THE_PERIOD
    )
    path = tmp_path / "r.pdf"
    path.write_bytes(report_pdf(report))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Åtgärder 2021" in text and "Väktare kvällstid" in text
    assert "Trygghet i offentlig miljö inklusive trafikmiljön" in text and "+200 000 kr" in text
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))["Åtgärder"]
    rows = list(sheet.iter_rows(min_row=5, max_row=5, max_col=10, values_only=True))
    assert rows == [
        (
            "Trygghet i offentlig miljö inklusive trafikmiljön",
            "Väktare kvällstid",
            "Kommun",
            "Pågående",
            "Otrygghet",
            None,
            None,
            1_400_000,
            1_200_000,
            200_000,
        ),
    ]
    assert sheet.freeze_panes == "A5"
