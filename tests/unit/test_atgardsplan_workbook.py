"""The åtgärdsplan in the annual follow-up's workbook: Brå's template, the follow-up per year of
the period and the links to the lägesbild's problems and the targets, read back with openpyxl."""

import datetime as dt
import io

import openpyxl

from goals.atgarder import AtgardList, AtgardPlan, AtgardRecord, FollowUp
from goals.evidence import Evidence
from report.content import annual_report
from report.workbook import PLAN_SHEET, report_xlsx
from tests.unit.rows import AFTER_THE_PERIOD

PLANNED = AtgardRecord(
    "Belysning i viadukter",
    "pagaende",
    "offentlig-miljo",
    "Kommun",
    ("otrygghet",),
    start=dt.date(2019, 3, 1),
    plan=AtgardPlan(
        cause="Otrygga gångtunnlar",
        operational_goal="Alla tunnlar belysta 2021",
        when="2019–2021",
        who="Gatuenheten",
        follow_ups={2019: FollowUp("gron", "Etapp 1 klar"), 2021: FollowUp("rod", None)},
        problems=("lagesbild.bilbrott", "misshandel"),
        targets=("bostadsinbrott", "skadegorelse"),
    ),
)
UNPLANNED = AtgardRecord("Väktare", "pagaende", start=dt.date(2019, 1, 1))


def _sheet(agreement, catalogue, *records):
    atgarder = AtgardList(records, "atgarder.xlsx", "2022-02-01T08:00:00+00:00")
    report = annual_report(
        agreement, catalogue, Evidence(atgarder=atgarder), 2021, AFTER_THE_PERIOD
    )
    return openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))[PLAN_SHEET]


def test_the_plan_sheet_has_the_template_each_years_follow_up_and_the_links(agreement, catalogue):
    sheet = _sheet(agreement, catalogue, PLANNED, UNPLANNED)
    assert sheet["A1"].value == "Åtgärdsplan 2021"
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert list(rows[0]) == [
        "Orsak",
        "Åtgärd",
        "Operativa mål",
        "När",
        "Vem",
        "Status",
        "Uppföljning 2019",
        "Motivering 2019",
        "Uppföljning 2020",
        "Motivering 2020",
        "Uppföljning 2021",
        "Motivering 2021",
        "Problem i lägesbilden",
        "Delmål",
        "Kopplade mål",
    ]
    assert rows[1:] == [
        (
            "Otrygga gångtunnlar",
            "Belysning i viadukter",
            "Alla tunnlar belysta 2021",
            "2019–2021",
            "Gatuenheten",
            "Pågående",
            "✓ Grön",
            "Etapp 1 klar",
            None,  # not followed up in 2020
            None,
            "✗ Röd",
            None,
            "Bilbrott; Misshandel",
            "bostadsinbrott; skadegorelse",
            "Otrygghet",
        )
    ]  # the measure without the plan's columns is in the Åtgärder sheet only


def test_without_a_plan_the_sheet_says_so(agreement, catalogue):
    sheet = _sheet(agreement, catalogue, UNPLANNED)
    assert sheet["A2"].value == "Ingen åtgärd i åtgärdslistan har åtgärdsplanens kolumner 2021."
