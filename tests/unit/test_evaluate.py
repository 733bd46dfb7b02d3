"""The whole agreement judged for a year, and which figures count when sources overlap; each
rule type's own verdicts are in tests/unit/rules/."""

import pytest

from goals.evaluate import YearOutsidePeriod, default_year, evaluate
from goals.evidence import Evidence
from goals.status import Status
from tests.unit.rows import AFTER_THE_PERIOD, months, row, tm
from tests.unit.rules.judging import verdict

# The whole agreement ----------------------------------------------------------------------------


def test_without_data_every_target_says_data_is_missing(agreement, catalogue):
    report = evaluate(agreement, catalogue, Evidence(), today=AFTER_THE_PERIOD)
    assert report.year == 2022
    assert {v.status for v in report.verdicts.values()} == {Status.KAN_INTE_BEDOMAS}
    assert report.verdicts["bostadsinbrott"].short == "Kan inte bedömas – data saknas"


def test_a_goal_takes_its_worst_target(agreement, catalogue):
    rows = {
        "trafik.fortkorning": [tm("2021", 2.29)],
        "trafik.buskorning": [tm("2021", 1.36)],
        "trafik.trafikregler": [tm("2021", 1.72)],
    }
    report = evaluate(agreement, catalogue, Evidence(rows), 2021, AFTER_THE_PERIOD)
    trafik = next(r for r in report.goals if r.goal.id == "trafik")
    assert trafik.status is Status.EJ_UPPNATT


def test_the_default_year_is_the_latest_in_the_period_with_data(agreement):
    evidence = Evidence({"bostadsinbrott": [row("2020", 96), row("2024", 80)]})
    assert default_year(agreement, evidence, AFTER_THE_PERIOD) == 2020


def test_a_year_outside_the_period_is_refused_naming_the_period(agreement, catalogue):
    with pytest.raises(YearOutsidePeriod, match="2019–2022"):
        evaluate(agreement, catalogue, Evidence(), 2023)


def test_every_status_and_json_key_of_the_design(agreement, catalogue):
    report = evaluate(
        agreement,
        catalogue,
        Evidence({"bostadsinbrott": [row("2020", 96)]}),
        2020,
        AFTER_THE_PERIOD,
    ).to_json()
    target = report["goals"][[g["id"] for g in report["goals"]].index("bostadsinbrott")]["targets"][
        0
    ]
    assert {
        "id",
        "status",
        "qualifier",
        "value",
        "unit",
        "ci",
        "target",
        "compared_with",
        "judged_year",
        "probability",
        "preliminary",
        "period",
        "explanation",
        "sentence",
    } <= set(target)
    assert target["target"] == {"op": "<", "value": 100}
    assert (target["status"], target["qualifier"], target["value"]) == (
        "uppnatt",
        "inom_felmarginal",
        96,
    )


def test_quarters_count_as_their_months_and_never_twice(agreement, catalogue):
    quarters = [row(f"2022-Q{q}", 24, breakdown={"brottskod": "9801"}) for q in (1, 2)]
    january = row("2022-01", 5, breakdown={"brottskod": "9801"}, import_id=2)
    result = verdict(agreement, catalogue, "bostadsinbrott", [*quarters, january], 2022)
    # Q1 is replaced by the months present in it (only January), Q2 spread over April–June.
    assert result.value == 29 and "januari, april, maj och juni" in result.sentence


# Which figures count when sources overlap ------------------------------------------------------


def test_final_months_beat_a_preliminary_yearly_total(agreement, catalogue):
    rows = [
        row("2021", 95, status="preliminär", import_id=2, imported_at="2024-01-01T00:00:00")
    ] + months(2021, [8] * 12)
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2021)
    assert (result.value, result.preliminary) == (96, False)
    assert "summan av 12 månader" in result.explanation


def test_a_bra_quarter_beats_the_police_months_inside_it(agreement, catalogue):
    police = months(
        2022,
        [9, 9, 9],
        origin="polisen",
        status=None,
        import_id=2,
        imported_at="2024-01-01T00:00:00",
    )
    quarter = row("2022-Q1", 30, breakdown={"brottskod": "9801"})
    result = verdict(agreement, catalogue, "bostadsinbrott", [*police, quarter], 2022)
    assert result.value == 30 and not result.preliminary
