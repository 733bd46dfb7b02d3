"""The åtgärdsplan in Brå's template (formats.md §5): Orsak | Operativa mål | När | Vem |
Uppföljning ÅÅÅÅ (grön/gul/röd) | Motivering ÅÅÅÅ beside the old Åtgärder columns, stored and
read back, and shown in the annual follow-up and the lägesbild."""

from __future__ import annotations

from goals.atgarder import FollowUp, atgard_list, atgarder_for_year
from report.atgarder import plan_cells
from report.document import plan_table
from tests.imports.files import xlsx_file
from tests.imports.test_atgarder import AREA, HEADER

PLAN = [
    "Orsak",
    "Operativa mål",
    "När",
    "Vem",
    "Uppföljning 2020 (grön/gul/röd)",
    "Motivering 2020",
    "Uppföljning 2021 (grön/gul/röd)",
    "Motivering 2021",
]
MEASURE = ["Belysning i viadukter", AREA, "Kommun", "otrygghet", "2020-03-01", None, "Pågående"]


def _plan_file(tmp_path, *plan_cells):
    row = [*MEASURE, "400 000", "600 000", "", *plan_cells]
    other = ["Klotter sanerat", AREA, "Kommun", "skadegorelse", "2020-01-01", None, "Pågående"]
    return xlsx_file(
        tmp_path,
        "atgardsplan.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [*HEADER, *PLAN],
                row,
                [*other, None, None, None, *([None] * len(PLAN))],
            ]
        },
    )


def test_the_plan_round_trips_through_the_store(tmp_path, ingest, context, agreement):
    path = _plan_file(
        tmp_path,
        "Otrygga gångtunnlar",
        "Alla tunnlar belysta 2021",
        "2020–2021",
        "Gatuenheten",
        "Grön",
        "Etapp 1 klar",
        "röd ",  # as typed: lower case, a trailing space
        "Etapp 2 försenad",
    )
    result = ingest(path)
    assert result.outcome == "importerad", result.lines()
    lighting, graffiti = atgard_list(context.store).records
    plan = lighting.plan
    assert (plan.cause, plan.operational_goal, plan.when, plan.who) == (
        "Otrygga gångtunnlar",
        "Alla tunnlar belysta 2021",
        "2020–2021",
        "Gatuenheten",
    )
    assert plan.follow_ups == {
        2020: FollowUp("gron", "Etapp 1 klar"),
        2021: FollowUp("rod", "Etapp 2 försenad"),
    }
    assert graffiti.plan is None  # in the list, not (yet) in the plan
    overview = atgarder_for_year(agreement, atgard_list(context.store), 2021)
    assert [line.name for line in overview.planned] == ["Belysning i viadukter"]
    assert plan_cells(overview.planned[0]) == [
        "Otrygga gångtunnlar",
        "Belysning i viadukter",
        "Alla tunnlar belysta 2021",
        "2020–2021",
        "Gatuenheten",
        "✗ Röd",
        "Etapp 2 försenad",
        "Otrygghet",
    ]
    table = plan_table(overview)
    assert table.header[5] == "Uppföljning 2021"
    assert len(table.rows) == 1


def test_the_old_columns_alone_stay_valid(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "gammal.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                HEADER,
                [*MEASURE, "400 000", None, None],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    [record] = atgard_list(context.store).records
    assert record.plan is None


def test_a_follow_up_that_is_not_a_colour_is_refused_with_its_cell(tmp_path, ingest, context):
    path = _plan_file(tmp_path, "Orsak", "Mål", "2021", "Vem", "Blå", "", "", "")
    result = ingest(path)
    assert result.outcome == "avvisad"
    text = "\n".join(result.lines())
    assert "Uppföljning 2020 (grön/gul/röd)" in text and "grön, gul eller röd" in text
    assert atgard_list(context.store) is None


def test_a_status_is_never_colour_alone():
    assert FollowUp("gron", None).label == "✓ Grön"
    assert FollowUp("gul", None).label == "! Gul"
    assert FollowUp("rod", None).label == "✗ Röd"
    assert FollowUp(None, "text").label == "Ej angiven"


def test_the_year_may_follow_the_colours_in_the_header(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "atgardsplan.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [*HEADER, "Orsak", "Uppföljning (grön/gul/röd) 2021", "Motivering 2021"],
                [*MEASURE, "400 000", "600 000", "", "Mörka tunnlar", "Gul", "Hälften klar"],
            ]
        },
    )
    assert ingest(path).outcome == "importerad"
    [record] = atgard_list(context.store).records
    assert record.plan.follow_ups == {2021: FollowUp("gul", "Hälften klar")}


def test_a_follow_up_column_without_a_year_is_refused_by_its_name(tmp_path, ingest, context):
    path = xlsx_file(
        tmp_path,
        "atgardsplan.xlsx",
        {
            "Åtgärder": [
                ["Åtgärder – Trelleborgs kommun"],
                [*HEADER, "Orsak", "Uppföljning (grön/gul/röd)", "Motivering"],
                [*MEASURE, "400 000", "600 000", "", "Mörka tunnlar", "Gul", "Hälften klar"],
            ]
        },
    )
    result = ingest(path)
    assert result.outcome == "avvisad"
    text = "\n".join(result.lines())
    assert "kolumnen saknar år" in text
    assert "Uppföljning (grön/gul/röd)" in text and "kolumn Motivering" in text
    assert atgard_list(context.store) is None
