"""The overview's scorecard rows (goals/scorecard.py), from verdicts built by hand."""

from __future__ import annotations

import pytest

from goals.agreement import load_agreement
from goals.changes import StatusShift
from goals.coverage import Coverage
from goals.points import YearValue
from goals.scorecard import (
    Bar,
    areas_without_goals,
    bar,
    qualifier_meanings,
    qualifiers,
    scorecard,
    scorecard_row,
    trend,
)
from goals.status import Qualifier, Status, Verdict
from indicators.kinds import Measure


def _verdict(status: Status = Status.UPPNATT, **numbers) -> Verdict:
    return Verdict(status, numbers.pop("reason", ""), "why", **numbers)


def _unjudged(agreement) -> dict[str, Verdict]:
    return {
        t.id: _verdict(Status.KAN_INTE_BEDOMAS, reason="data saknas") for t in agreement.targets
    }


def test_every_target_of_2019_2022_is_one_row_in_its_group(agreement, catalogue):
    groups = scorecard(agreement, catalogue, _unjudged(agreement), 2022, {})
    assert [(g.id, len(g.rows)) for g in groups] == [("effektmal", 17), ("produktionsmal", 4)]
    assert groups[0].title == "Övergripande effektmål 2019–2022"
    assert [g.id for g in groups[0].goals] == [g.id for g in agreement.goals_in(None, "effektmal")]
    # Focus areas without goals are no group; they are named once instead.
    assert len(areas_without_goals(agreement)) == len(agreement.focus_areas) == 2


def test_2023_2026_has_a_row_per_target_too(catalogue):
    later = load_agreement("trelleborg-2023-2026")
    groups = scorecard(later, catalogue, _unjudged(later), 2024, {})
    assert sum(len(g.rows) for g in groups) == len(later.targets)
    assert len(areas_without_goals(later)) == 10


def test_a_threshold_row_has_its_line_value_bar_and_qualifier(agreement, catalogue):
    goal = agreement.goal("bostadsinbrott")
    verdict = _verdict(
        reason="inom slumpvariationen",
        qualifier=Qualifier.INOM_FELMARGINAL,
        value=97.0,
        judged_year=2022,
    )
    row = scorecard_row(goal, goal.targets[0], catalogue, verdict, 2022, [])
    assert (row.label, row.goal_line, row.value, row.value_year) == (
        "Bostadsinbrott",
        "under 100",
        "97",
        None,
    )
    assert row.qualifiers == ("inom slumpvariationen",)
    # 100 × 1,15 = 115 is the scale: 97/115 and 100/115.
    assert row.bar == Bar(pytest.approx(97 / 115), pytest.approx(100 / 115))


def test_a_comparison_row_holds_the_value_against_the_baseline_and_names_its_wave(
    agreement, catalogue
):
    goal = agreement.goal("tobak")
    verdict = _verdict(value=3.0, judged_year=2021, compared_with={"year": 2016, "value": 4.0})
    row = scorecard_row(goal, goal.targets[0], catalogue, verdict, 2022, [])
    assert row.goal_line == "lägre än 2016 (4\u00a0%)"
    assert (row.value, row.value_year) == ("3\u00a0%", 2021)
    assert row.bar == Bar(pytest.approx(3 / 4.6), pytest.approx(4 / 4.6))


def test_the_weekly_meeting_is_held_against_the_years_weeks(agreement, catalogue):
    goal = agreement.goal("est")
    row = scorecard_row(goal, goal.targets[0], catalogue, _verdict(value=50), 2020, [])
    assert row.goal_line == "varje vecka (52 eller 53)"
    assert row.bar == Bar(pytest.approx(50 / (53 * 1.15)), pytest.approx(1 / 1.15))  # 2020: 53


def test_no_value_no_bar():
    assert bar(None, 100) is None
    assert bar(0, 0) == Bar(0.0, 0.0)


def test_preliminary_and_incomplete_are_named_once():
    coverage = Coverage(False, ("1204",), "saknar 1204")
    found = qualifiers(
        _verdict(reason="prognos, preliminära siffror", preliminary=True, coverage=coverage)
    )
    assert found == ("prognos, preliminära siffror", "ofullständigt underlag")
    assert qualifiers(_verdict(preliminary=True)) == ("preliminära siffror",)
    assert [word for word, _ in qualifier_meanings(found)] == [
        "prognos",
        "preliminära siffror",
        "ofullständigt underlag",
    ]


def test_the_trend_compares_the_two_latest_whole_years_up_to_the_chosen_one():
    values = [
        YearValue(2020, 93, True),
        YearValue(2021, 88, True),
        YearValue(2022, 97, True),
        YearValue(2023, 40, False),  # a part of a year: no match for a whole one
    ]
    up = trend(values, 2023, True, Measure.ANTAL)
    assert (up.glyph, up.worse) == ("↗", True)
    assert up.words == "ökar: 88 år 2021, 97 år 2022 (sämre mot målet)"
    down = trend(values, 2021, True, Measure.ANTAL)
    assert (down.glyph, down.worse) == ("↘", False)
    assert down.words.endswith("(bättre mot målet)")
    # More meetings is better: fewer is worse.
    assert trend(values, 2021, False, Measure.ANTAL).worse is True


def test_a_trend_needs_two_values_and_equal_shown_values_are_flat():
    assert trend([YearValue(2022, 97, True)], 2022, True, Measure.ANTAL).glyph == "–"
    flat = trend(
        [YearValue(2021, 2.001, True), YearValue(2022, 2.004, True)],
        2022,
        True,
        Measure.INDEX_0_6,
    )
    assert (flat.glyph, flat.worse) == ("→", None)


def test_the_chosen_years_status_change_and_the_other_years(agreement, catalogue):
    goal = agreement.goal("bostadsinbrott")
    shifts = [
        StatusShift("bostadsinbrott", 2021, None, Status.UPPNATT),
        StatusShift("bostadsinbrott", 2022, Status.UPPNATT, Status.EJ_UPPNATT),
        StatusShift("skadegorelse", 2022, None, Status.UPPNATT),
    ]
    verdict = _verdict(Status.EJ_UPPNATT, value=104.0)
    row = scorecard_row(goal, goal.targets[0], catalogue, verdict, 2022, [], shifts)
    assert row.change is not None and row.change.before is Status.UPPNATT
    assert row.other_changes == (2021,)
    unchanged = scorecard_row(goal, goal.targets[0], catalogue, verdict, 2020, [], shifts[2:])
    assert unchanged.change is None and unchanged.other_changes == ()
