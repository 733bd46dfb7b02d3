"""design.md's verdicts per rule, on evidence built in code and checked by hand."""

import datetime as dt
from dataclasses import replace

import pytest

from goals.evaluate import YearOutsidePeriod, default_year, evaluate
from goals.evidence import Evidence
from goals.status import Qualifier, Status
from indicators.kinds import Revision
from tests.unit.rows import AFTER_THE_PERIOD, bou, logged, months, row, tm


def verdict(agreement, catalogue, target, rows, year, today=AFTER_THE_PERIOD, log_years=()):
    evidence = Evidence({target: rows}, frozenset(log_years))
    return evaluate(agreement, catalogue, evidence, year, today).verdicts[target]


# Counts against a threshold every year --------------------------------------------------------


def test_the_issues_example_sentence(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", [row("2020", 96)], 2020)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    assert result.ci == pytest.approx((77.8, 117.2), abs=0.05)
    assert result.sentence == (
        "Bostadsinbrotten var 96 år 2020, under målet 100, men skillnaden ligger inom den "
        "slumpmässiga variationen (95 % intervall 78–117)."
    )
    assert "Garwood" in result.explanation and "understiga är strikt" in result.explanation


def test_64_burglaries_is_met_beyond_chance(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", [row("2021", 64)], 2021)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.SAKERSTALLT)
    assert result.ci == pytest.approx((49.3, 81.7), abs=0.05)


def test_exactly_200_does_not_understiga_200(agreement, catalogue):
    rows = [row("2021", 200, breakdown={"brottstyp": "Skadegörelsebrott"})]
    result = verdict(agreement, catalogue, "skadegorelse", rows, 2021)
    assert result.status is Status.EJ_UPPNATT
    assert "precis på målet 200" in result.sentence and "räcker inte" in result.sentence


def test_twelve_months_are_a_complete_year(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2021, [8] * 12), 2021)
    assert (result.status, result.value, result.probability) == (Status.UPPNATT, 96, None)


def test_half_a_year_without_history_is_projected_on_equal_months(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2022, [8] * 6), 2022)
    assert result.value == 48 and result.projected == 96
    assert result.probability == pytest.approx(0.6995, abs=0.001)  # P(Poisson(48) ≤ 51)
    assert result.status is Status.OSAKERT
    assert "januari–juni 2022" in result.sentence and "lika stora månader" in result.sentence


def test_half_a_year_with_history_follows_the_seasons(agreement, catalogue):
    spring_heavy = [12] * 6 + [8] * 6  # 60 % of the year falls in January–June
    rows = months(2020, spring_heavy) + months(2021, spring_heavy) + months(2022, [8] * 6)
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    assert result.projected == pytest.approx(80)
    assert result.status is Status.PA_VAG  # P(Poisson(32) ≤ 51) ≈ 1
    assert "säsongsmönstret från 2 tidigare år" in result.sentence


def test_a_year_decided_early(agreement, catalogue):
    rows = months(2022, [11] * 9 + [2])  # 101 by the end of October
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    assert (result.status, result.value) == (Status.EJ_UPPNATT, 101)
    assert "redan 101 efter oktober 2022" in result.sentence
    assert "avgjord" in result.explanation


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([4] * 6, Status.PA_VAG),
        ([8] * 6, Status.OSAKERT),
        ([9] * 6, Status.INTE_PA_VAG),
    ],
)
def test_a_running_year_is_on_track_uncertain_or_off_track(agreement, catalogue, counts, expected):
    today = dt.date(2022, 7, 10)
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2022, counts), 2022, today)
    assert result.status is expected
    assert result.reason.startswith("prognos")


def test_a_year_ahead_uses_the_trend_of_three_complete_years(agreement, catalogue):
    rows = [row("2018", 120), row("2019", 110), row("2020", 100)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, today=dt.date(2021, 2, 1))
    # By hand: a·r^x with Σμ = 330 and Σxμ = 310 gives r ≈ 0.913, a ≈ 120.2; 2022 is x = 4.
    assert result.projected == pytest.approx(83.5, abs=0.1)
    assert result.status is Status.PA_VAG and result.value is None
    assert "Trenden 2018–2020" in result.sentence


def test_a_past_year_without_data_cannot_be_judged(agreement, catalogue):
    rows = [row("2018", 120), row("2019", 110), row("2020", 100)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "data saknas")


def test_preliminary_figures_are_judged_and_flagged(agreement, catalogue):
    rows = months(2022, [7] * 12, status="preliminär")
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    assert result.status is Status.UPPNATT and result.preliminary
    assert "preliminära" in result.sentence and "preliminära siffror" in result.short


def test_bra_beats_a_police_extract_and_a_rate_is_not_a_count(agreement, catalogue):
    rows = [
        row("2021", 90),
        row("2021", 130, origin="polisen", import_id=2, imported_at="2024-01-01T00:00:00"),
        row("2021", 420, measure="per_100k", import_id=3),
    ]
    assert verdict(agreement, catalogue, "bostadsinbrott", rows, 2021).value == 90


def test_a_label_total_and_its_codes_in_one_file_are_not_added(agreement, catalogue):
    rows = [
        row("2021", 90),
        row("2021", 60, breakdown={"brottskod": "9801"}),
        row("2021", 30, breakdown={"brottskod": "0857"}),
    ]
    assert verdict(agreement, catalogue, "bostadsinbrott", rows, 2021).value == 90


def test_the_period_verdict_counts_met_years(agreement, catalogue):
    rows = [row("2019", 96), row("2020", 104), row("2021", 88)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2021)
    assert result.period == {"met": 2, "judged": 3, "years": 4}
    assert "Perioden till och med 2021: uppnått 2 av 3 bedömda år" in result.explanation


# Surveys ----------------------------------------------------------------------------------------


def test_an_index_of_exactly_two_is_at_most_two_and_has_no_qualifier(agreement, catalogue):
    result = verdict(agreement, catalogue, "trafik.fortkorning", [tm("2021", 2.0, 1200)], 2021)
    assert (result.status, result.qualifier, result.ci) == (Status.UPPNATT, None, None)
    assert "utan spridningsmått" in result.explanation


def test_an_index_in_a_year_without_survey_cannot_be_judged(agreement, catalogue):
    result = verdict(agreement, catalogue, "trafik.fortkorning", [tm("2019", 2.25)], 2020)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "ingen mätning 2020")
    assert result.period == {"met": 0, "judged": 1, "years": 4}


def test_a_bou_goal_is_judged_on_the_2021_wave_against_2016(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2021", 15, 300)]
    result = verdict(agreement, catalogue, "tobak.ak9", rows, 2020)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    assert result.judged_year == 2021
    assert result.compared_with == {"year": 2016, "value": 20}
    assert result.period is None
    assert "p = 0,11" in result.sentence
    assert (
        "Någon mätning 2020 finns inte; närmast följande mätning, 2021, används." in result.sentence
    )


def test_a_bou_goal_before_its_year_waits_for_the_2020_wave(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2021", 15, 300)]
    result = verdict(agreement, catalogue, "tobak.ak9", rows, 2019)
    assert (result.status, result.reason) == (
        Status.KAN_INTE_BEDOMAS,
        "bedöms med 2020 års mätning",
    )


def test_a_bou_wave_after_the_period_plus_one_is_not_used(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2024", 15, 300)]
    assert verdict(agreement, catalogue, "tobak.ak9", rows, 2022).status is Status.KAN_INTE_BEDOMAS


def test_an_equal_share_is_not_lower(agreement, catalogue):
    rows = [bou("2016", 20, 300), bou("2020", 20, 300)]
    assert verdict(agreement, catalogue, "tobak.ak9", rows, 2020).status is Status.EJ_UPPNATT


def test_a_share_without_n_has_no_qualifier(agreement, catalogue):
    result = verdict(agreement, catalogue, "tobak.ak9", [bou("2016", 20), bou("2020", 15)], 2020)
    assert (result.status, result.qualifier, result.ci) == (Status.UPPNATT, None, None)
    assert "Antalet svarande saknas" in result.explanation


def test_otrygghet_is_judged_each_survey_year_against_2018(agreement, catalogue):
    share = dict(measure="andel_pct", breakdown={}, origin="kommun")
    rows = [row("2018", 27, n=1213, **share), row("2021", 22, n=1107, **share)]
    result = verdict(agreement, catalogue, "otrygghet.tm", rows, 2021)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.SAKERSTALLT)
    assert result.compared_with == {"year": 2018, "value": 27}
    assert (
        verdict(agreement, catalogue, "otrygghet.tm", rows, 2020).status is Status.KAN_INTE_BEDOMAS
    )


# The activity log -------------------------------------------------------------------------------


def test_53_iso_weeks_in_2020(agreement, catalogue):
    thursdays = [dt.date(2020, 1, 2) + dt.timedelta(weeks=w) for w in range(53)]
    rows = [logged(d.isoformat()) for d in thursdays]
    result = verdict(agreement, catalogue, "est", rows, 2020, log_years={2020})
    assert (result.status, result.value, result.unit) == (Status.UPPNATT, 53, "veckor")
    missing_last = verdict(agreement, catalogue, "est", rows[:-1], 2020, log_years={2020})
    assert (missing_last.status, missing_last.value) == (Status.EJ_UPPNATT, 52)
    assert "52 av 53 veckor 2020; vecka 53 saknas" in missing_last.sentence


def test_a_meeting_without_the_police_does_not_count(agreement, catalogue):
    rows = [logged("2021-01-07", "kommun")]
    assert verdict(agreement, catalogue, "est", rows, 2021, log_years={2021}).value == 0


def test_a_covered_year_without_the_activity_counts_zero(agreement, catalogue):
    result = verdict(agreement, catalogue, "arsrapport", [], 2021, log_years={2021})
    assert (result.status, result.value) == (Status.EJ_UPPNATT, 0)
    missing_log = verdict(agreement, catalogue, "arsrapport", [], 2021)
    assert (missing_log.status, missing_log.reason) == (Status.KAN_INTE_BEDOMAS, "loggen saknas")


def test_a_running_year_is_judged_only_once_decided(agreement, catalogue):
    today = dt.date(2022, 5, 1)
    done = verdict(agreement, catalogue, "problembild", [logged("2022-03-12")], 2022, today, {2022})
    assert done.status is Status.UPPNATT
    waiting = verdict(agreement, catalogue, "arsrapport", [], 2022, today, {2022})
    assert (waiting.status, waiting.reason) == (Status.KAN_INTE_BEDOMAS, "året pågår")


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


def test_a_running_year_of_zeros_is_on_track(agreement, catalogue):
    rows = months(2022, [0] * 6)
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2022, 7, 10))
    assert (result.status, result.projected) == (Status.PA_VAG, 0)


def test_a_trend_of_zeros_is_on_track(agreement, catalogue):
    rows = [row("2018", 0), row("2019", 0), row("2020", 0)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2021, 2, 1))
    assert (result.status, result.projected) == (Status.PA_VAG, 0)


def test_a_preliminary_index_says_so_in_the_sentence(agreement, catalogue):
    rows = [replace(tm("2021", 1.9), revision=Revision.PRELIMINAR)]
    result = verdict(agreement, catalogue, "trafik.fortkorning", rows, 2021)
    assert result.preliminary and result.sentence.endswith("Siffran är preliminär.")


# Wording of the activity log ------------------------------------------------------------------


def test_one_activity_is_singular_and_more_are_plural(agreement, catalogue):
    one = verdict(
        agreement, catalogue, "problembild", [logged("2021-03-12")], 2021, log_years={2021}
    )
    two = verdict(
        agreement,
        catalogue,
        "problembild",
        [logged("2021-03-12"), logged("2021-09-01")],
        2021,
        log_years={2021},
    )
    assert "1 gemensam problembild 2021" in one.explanation
    assert "2 problembilder 2021" in two.explanation


def test_many_missed_weeks_are_summarised(agreement, catalogue):
    rows = [logged((dt.date(2021, 1, 7) + dt.timedelta(weeks=w)).isoformat()) for w in range(40)]
    result = verdict(agreement, catalogue, "est", rows, 2021, log_years={2021})
    assert "veckorna 41, 42, 43, 44, 45, 46, 47, 48 och 4 veckor till saknas" in result.sentence


def test_a_missed_week_before_the_logs_latest_entry_decides_a_running_year(agreement, catalogue):
    rows = [logged((dt.date(2022, 1, 6) + dt.timedelta(weeks=w)).isoformat()) for w in range(10)]
    today = dt.date(2022, 6, 1)
    unknown = Evidence({"est": rows}, frozenset({2022}))
    assert (
        evaluate(agreement, catalogue, unknown, 2022, today).verdicts["est"].status
        is Status.KAN_INTE_BEDOMAS
    )
    later_entry = Evidence({"est": rows}, frozenset({2022}), dt.date(2022, 5, 1))
    decided = evaluate(agreement, catalogue, later_entry, 2022, today).verdicts["est"]
    assert decided.status is Status.EJ_UPPNATT and "veckorna 11" in decided.explanation


def test_the_last_days_of_december_can_belong_to_a_running_iso_year(agreement, catalogue):
    rows = [logged((dt.date(2020, 1, 2) + dt.timedelta(weeks=w)).isoformat()) for w in range(52)]
    result = verdict(agreement, catalogue, "est", rows, 2020, dt.date(2021, 1, 2), {2020})
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "året pågår")


def test_a_count_read_as_a_comparison_keeps_only_complete_years():
    from goals.series import count_measurements

    found = count_measurements([row("2020", 96), *months(2021, [8] * 6)])
    assert list(found) == [2020] and found[2020].value == 96 and found[2020].n is None
