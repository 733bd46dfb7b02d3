"""The measures template: the list replaces the previous one, budgets are revisable values."""

from __future__ import annotations

from goals.atgarder import atgard_list
from tests.imports.files import xlsx_file

HEADER = [
    "Åtgärd",
    "Fokusområde",
    "Ansvarig part",
    "Kopplade mål",
    "Start",
    "Slut",
    "Status",
    "Budget 2020 (kr)",
    "Budget 2021 (kr)",
    "Kommentar",
]
AREA = "Trygghet i offentlig miljö inklusive trafikmiljön"


def _file(tmp_path, name, *rows):
    return xlsx_file(
        tmp_path, name, {"Åtgärder": [["Åtgärder – Trelleborgs kommun"], HEADER, *rows]}
    )


def test_measures_and_budgets_are_stored(tmp_path, ingest, context):
    result = ingest(
        _file(
            tmp_path,
            "atgarder.xlsx",
            [
                "Belysning i viadukter",
                AREA,
                "Kommun",
                "otrygghet, skadegorelse",
                "2020-03-01",
                None,
                "Pågående",
                "400 000",
                "600 000",
                "Etapp 1 klar",
            ],
            [
                "Klotter sanerat inom 24 timmar",
                AREA,
                "Kommun",
                "skadegorelse",
                "2021-01-01",
                "2021-12-31",
                "Genomförd",
                None,
                "250 000",
                None,
            ],
        )
    )
    assert result.outcome == "importerad", result.lines()
    measures = context.store.current_measures()
    assert [(m["name"], m["status"], m["linked_goals"]) for m in measures] == [
        ("Belysning i viadukter", "pagaende", ["otrygghet", "skadegorelse"]),
        ("Klotter sanerat inom 24 timmar", "genomford", ["skadegorelse"]),
    ]
    assert measures[1]["end"] == "2021-12-31" and measures[0]["end"] is None
    budgets = context.store.observations("atgard.budget")
    assert sorted(zip(budgets["period"], budgets["value"], strict=True)) == [
        ("2020", 400000.0),
        ("2021", 250000.0),
        ("2021", 600000.0),
    ]


def test_a_new_list_replaces_the_old_and_reports_budget_changes(tmp_path, ingest, context):
    ingest(
        _file(
            tmp_path,
            "v1.xlsx",
            [
                "Belysning i viadukter",
                AREA,
                "Kommun",
                "otrygghet",
                "2020-03-01",
                None,
                "Planerad",
                "400 000",
                None,
                None,
            ],
        )
    )
    result = ingest(
        _file(
            tmp_path,
            "v2.xlsx",
            [
                "Belysning i viadukter",
                AREA,
                "Kommun",
                "otrygghet",
                "2020-03-01",
                None,
                "Pågående",
                "450 000",
                None,
                None,
            ],
        )
    )
    assert [m["status"] for m in context.store.current_measures()] == ["pagaende"]
    assert result.changes == [
        "Budget för åtgärd (Belysning i viadukter) Trelleborgs kommun 2020: "
        "400\u00a0000 → 450\u00a0000"
    ]


def test_an_unknown_status_is_refused(tmp_path, ingest, context):
    result = ingest(
        _file(
            tmp_path,
            "fel.xlsx",
            ["Väktare", AREA, "Kommun", "", None, None, "Kanske", None, None, None],
        )
    )
    assert result.outcome == "avvisad"
    assert "kolumn Status" in str(result.problems[0]) and "'Kanske'" in str(result.problems[0])
    assert context.store.current_measures() == []


def test_the_follow_up_reads_the_latest_list_with_its_current_budgets(tmp_path, ingest, context):
    ingest(
        _file(
            tmp_path,
            "v1.xlsx",
            [
                "Belysning i viadukter",
                AREA,
                "Kommun",
                "otrygghet",
                "2020-03-01",
                None,
                "Planerad",
                "400 000",
                "500 000",
                None,
            ],
            [
                "Väktare",
                AREA,
                "Kommun",
                "otrygghet",
                "2020-01-01",
                None,
                "Pågående",
                "1 000 000",
                None,
                None,
            ],
        )
    )
    ingest(
        _file(
            tmp_path,
            "v2.xlsx",
            [
                "Belysning i viadukter",
                AREA,
                "Kommun",
                "otrygghet",
                "2020-03-01",
                None,
                "Pågående",
                "450 000",
                "500 000",
                None,
            ],
        )
    )
    found = atgard_list(context.store)
    assert found.file == "v2.xlsx"
    assert [(r.name, r.status, r.budgets) for r in found.records] == [
        ("Belysning i viadukter", "pagaende", {2020: 450000.0, 2021: 500000.0})
    ]


def test_the_template_with_its_example_row_deleted_is_an_empty_list(tmp_path, ingest, context):
    # Found by fuzzing: the empty date columns used to end in a TypeError. Our own template
    # with just its header row is normal: the list is empty, and replaces any earlier one.
    result = ingest(_file(tmp_path, "atgarder.xlsx"))
    assert result.outcome == "importerad", result.lines()
    assert context.store.current_measures() == []
