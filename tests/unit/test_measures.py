"""Measures in the annual follow-up: which belong to a year, grouping, budgets and their change."""

import datetime as dt

from goals.atgarder import NO_FOCUS_AREA, AtgardList, AtgardRecord, atgarder_for_year
from report.atgarder import focus_area_cells, line_cells, summary_sentence

YOUTH = "Ungdomars alkohol- och drogkonsumtion samt relaterad brottslighet"
PUBLIC = "Trygghet i offentlig miljö inklusive trafikmiljön"


def measure(name, budgets=None, **fields):
    return AtgardRecord(
        name=name, status=fields.pop("status", "pagaende"), budgets=budgets or {}, **fields
    )


def overview(agreement, year, *records):
    return atgarder_for_year(
        agreement, AtgardList(records, "atgarder.xlsx", "2022-02-01T08:00:00+00:00"), year
    )


def test_a_year_holds_what_ran_then_or_had_money_then_or_the_year_before(agreement):
    found = overview(
        agreement,
        2021,
        measure("Väktare", {2020: 1_200_000, 2021: 1_400_000}),
        measure("Belysning", {2020: 400_000}, end=dt.date(2020, 12, 31)),  # money stopped in 2021
        measure("Ny kamera", start=dt.date(2022, 9, 1)),  # not yet begun
        measure("Avslutad 2019", start=dt.date(2019, 1, 1), end=dt.date(2019, 6, 30)),
        measure("Trafikkontroller", start=dt.date(2021, 8, 16)),  # no budget, ran in 2021
    )
    assert [line.name for line in found.lines] == ["Väktare", "Belysning", "Trafikkontroller"]


def test_the_change_is_only_between_two_stated_budgets(agreement):
    found = overview(
        agreement,
        2021,
        measure("Väktare", {2020: 1_200_000, 2021: 1_400_000}),
        measure("Klotter", {2021: 250_000}),
        measure("Belysning", {2020: 400_000}),
    )
    assert [line.change for line in found.lines] == [200_000, None, None]
    assert line_cells(found.lines[0])[5:] == [
        "1\u00a0400\u00a0000\u00a0kr",
        "1\u00a0200\u00a0000\u00a0kr",
        "+200\u00a0000\u00a0kr",
    ]
    assert line_cells(found.lines[2])[5:] == ["–", "400\u00a0000\u00a0kr", "–"]
    assert found.total() == 1_650_000 and found.total(before=True) == 1_600_000


def test_focus_areas_by_title_or_id_in_the_agreements_order_and_goal_titles(agreement):
    found = overview(
        agreement,
        2021,
        measure("Okänt område", focus_area="Skolgårdar"),
        measure("Väktare", focus_area="offentlig-miljo", linked_goals=("otrygghet", "okant-mal")),
        measure("Utan område"),
        measure("Fältgrupp", focus_area=YOUTH.upper(), responsible="Kommun"),
    )
    assert [area for area, _ in found.focus_areas] == [YOUTH, PUBLIC, "Skolgårdar", NO_FOCUS_AREA]
    vakter = next(line for line in found.lines if line.name == "Väktare")
    assert vakter.linked_goals == ("Otrygghet", "okant-mal")
    assert vakter.responsible == "Ingen ansvarig angiven"


def test_the_summary_counts_parties_and_statuses_and_sums_budgets(agreement):
    found = overview(
        agreement,
        2021,
        measure(
            "Väktare", {2020: 1_200_000, 2021: 1_400_000}, responsible="Kommun", focus_area=PUBLIC
        ),
        measure(
            "Belysning",
            {2020: 400_000, 2021: 600_000},
            responsible="Kommun",
            focus_area=PUBLIC,
            status="genomford",
        ),
        measure("Trafikkontroller", responsible="Polis", focus_area=PUBLIC),
        measure(
            "Fältgrupp", {2020: 900_000, 2021: 950_000}, responsible="Kommun", focus_area=YOUTH
        ),
    )
    assert summary_sentence(found) == (
        "4 åtgärder: Kommun 3, Polis 1; Pågående 3, Genomförd 1. Budget 2021: 2\u00a0950\u00a0000\u00a0kr "
        "(2020: 2\u00a0500\u00a0000\u00a0kr, +450\u00a0000\u00a0kr), summa av de angivna beloppen."
    )
    assert focus_area_cells(found) == [
        [YOUTH, "1", "950\u00a0000\u00a0kr", "900\u00a0000\u00a0kr", "+50\u00a0000\u00a0kr"],
        [
            PUBLIC,
            "3",
            "2\u00a0000\u00a0000\u00a0kr",
            "1\u00a0600\u00a0000\u00a0kr",
            "+400\u00a0000\u00a0kr",
        ],
    ]


def test_without_a_measures_list_the_overview_is_empty(agreement):
    found = atgarder_for_year(agreement, None, 2021)
    assert found.lines == () and found.file is None and found.total() is None
