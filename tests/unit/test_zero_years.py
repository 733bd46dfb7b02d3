"""Zero is a value: a year the activity log covers without the activity counts 0 on the goal
page, in the annual report and in its workbook; a year the log does not cover stays missing."""

import io

import openpyxl

from goals.evidence import Evidence
from goals.history import target_history
from goals.points import ZERO_NOTE, YearPoint, with_zero_years
from goals.trend import covered_years, yearly_values
from report.content import annual_report
from report.workbook import report_xlsx
from tests.unit.rows import AFTER_THE_PERIOD, logged, row


def _point(year, value):
    return YearPoint(year, value, None, True, False, 12, ())


def test_a_covered_year_without_a_point_is_zero_and_an_uncovered_one_stays_missing():
    filled = with_zero_years([_point(2019, 2.0)], {2019, 2020, 2021})
    assert [(p.year, p.value) for p in filled] == [(2019, 2.0), (2020, 0.0), (2021, 0.0)]
    assert filled[0].note == "" and filled[1].note == ZERO_NOTE
    assert [p.year for p in with_zero_years([_point(2019, 2.0)], ())] == [2019]


def _log_evidence():
    # The log covers 2020 (a report) and 2021 (only another activity); 2019 and 2022 not at all.
    return Evidence(
        {
            "arsrapport": [logged("2020-11-02")],
            "bostadsinbrott": [row("2020", 104), row("2021", 88)],
        },
        frozenset({2020, 2021}),
    )


def test_only_a_rule_counting_logged_events_reads_covered_years_as_zero(agreement, catalogue):
    found = _log_evidence()
    report_target = _target(agreement, "arsrapport")
    assert covered_years(report_target, found) == {2020, 2021}
    assert covered_years(_target(agreement, "bostadsinbrott"), found) == frozenset()
    values = yearly_values(report_target, catalogue, found)
    assert [(v.year, v.value) for v in values] == [(2020, 1.0), (2021, 0.0)]


def test_the_goal_page_history_shows_zero_and_says_what_is_missing(agreement, catalogue):
    history = target_history(
        _target(agreement, "arsrapport"), agreement, catalogue, _log_evidence(), AFTER_THE_PERIOD
    )
    assert history.point(2021).value == 0.0
    assert history.point(2021).verdict.value == 0
    assert history.point(2022).value is None
    assert history.point(2022).verdict.reason == "loggen saknas"


def test_the_annual_report_and_its_workbook_show_zero_for_a_covered_year(agreement, catalogue):
    report = annual_report(agreement, catalogue, _log_evidence(), 2021, AFTER_THE_PERIOD)
    entry = next(t for g in report.goals for t in g.targets if t.target.id == "arsrapport")
    assert [(v.year, v.value) for v in entry.trend] == [(2020, 1.0), (2021, 0.0)]
    assert entry.change.startswith("0 mot 1 året före")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = next(s for s in book.worksheets if s["A1"].value and "Årsrapport" in s["A1"].value)
    years = {r[1]: r[2] for r in sheet.iter_rows(min_row=6, values_only=True)}
    assert years == {2020: 1, 2021: 0}


def _target(agreement, target_id):
    return next(t for t in agreement.targets if t.id == target_id)
