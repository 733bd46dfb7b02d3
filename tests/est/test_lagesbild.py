"""EST lägesbild: the week's matrix, the trend, the week's concerns and events, hand-checked."""

from __future__ import annotations

import pytest

from est.lagesbild import (
    EVENTS,
    SURVEY,
    EventLog,
    Mean,
    Week,
    beyond_chance,
    choose_week,
    concern_sentence,
    concerns,
    events_from_rows,
    factor_names,
    heat_map,
    lagesbild,
    mean_text,
    scale_text,
    survey_from_rows,
    trend,
    week_events,
    weeks_between,
)
from indicators.kinds import Measure, PeriodType
from indicators.sources.est import EstSettings, Factor
from indicators.stored import Observation

SETTINGS = EstSettings(
    version="test",
    factors=(
        Factor(id="hot_vald", label="Hot och våld", headers=("Hot och våld",)),
        Factor(id="narkotika", label="Narkotika", headers=("Narkotika",)),
    ),
    scale={
        "ingen påverkan": 0,
        "ingen": 0,
        "liten påverkan": 1,
        "viss påverkan": 2,
        "stor påverkan": 3,
    },
)
FACTORS = factor_names(survey_from_rows([], ["1287"]), SETTINGS)
SCALE = (0, 3)
W = {n: Week(2022, n) for n in range(1, 53)}


def answers(period, faktor, omrade, value, n, geo="1287"):
    """One stored est.faktor row, as the store's reader returns it."""
    breakdown = {"faktor": faktor, **({"omrade": omrade} if omrade else {})}
    return Observation(
        indicator=SURVEY,
        period=period,
        period_type=PeriodType.VECKA,
        geo_code=geo,
        geo_name="",
        breakdown=breakdown,
        measure=Measure.SKALA,
        value=value,
        n=n,
        file="est.xlsx",
    )


def events(period, kategori, omrade, allvarlighet, count):
    breakdown = {"allvarlighet": allvarlighet, "kategori": kategori, "omrade": omrade}
    return Observation(
        indicator=EVENTS,
        period=period,
        period_type=PeriodType.VECKA,
        geo_code="1287",
        geo_name="",
        breakdown=breakdown,
        measure=Measure.ANTAL,
        value=float(count),
        file="handelser.csv",
    )


def survey(*rows):
    return survey_from_rows(list(rows), ["1287"])


def log(*rows):
    return events_from_rows(list(rows), ["1287"])


def test_weeks_are_iso_weeks_across_the_new_year():
    assert Week.parse("2022-W07") == Week(2022, 7) and Week(2022, 7).label == "2022-W07"
    assert Week.parse("2020-W53") == Week(2020, 53)
    assert Week.parse("2022-W53") is None and Week.parse("vecka 7") is None
    assert Week(2020, 53).plus(1) == Week(2021, 1) and Week(2021, 1).plus(-2) == Week(2020, 52)
    assert weeks_between(Week(2020, 52), Week(2021, 2)) == (
        Week(2020, 52),
        Week(2020, 53),
        Week(2021, 1),
        Week(2021, 2),
    )


def test_stored_rows_become_means_per_week_factor_and_area_of_the_kommun_only():
    found = survey(
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 2.0),
        answers("2022-W07", "hot_vald", "Centrum", 3.0, 9.0, geo="1286"),
        answers("2022-W07", "hot_vald", None, 1.0, 4.0),
    )
    assert found.mean(W[7], "hot_vald", "Centrum") == Mean(2.0, 2)
    assert found.areas == ("", "Centrum")  # "": the survey had no area column
    assert found.files == {W[7]: ("est.xlsx",)}


def test_the_whole_kommun_weighs_each_area_by_its_answers():
    found = survey(
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 2),
        answers("2022-W07", "hot_vald", "Hamnen", 0.5, 6),
    )
    # (2 × 2,0 + 6 × 0,5) / 8 = 0,875, not the plain average 1,25 of the two areas.
    assert found.mean(W[7], "hot_vald", None) == Mean(0.875, 8)


def test_heat_map_has_every_area_and_no_cell_where_nobody_answered():
    found = survey(
        answers("2022-W06", "hot_vald", "Hamnen", 1.0, 6),
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 6),
        answers("2022-W07", "narkotika", "Centrum", 0.5, 6),
    )
    matrix = heat_map(found, W[7], FACTORS)
    assert matrix.areas == ("Centrum", "Hamnen")
    assert matrix.cells[("hot_vald", "Centrum")] == Mean(2.0, 6)
    assert ("hot_vald", "Hamnen") not in matrix.cells  # a gap, never a zero
    assert matrix.cells[("narkotika", None)] == Mean(0.5, 6)


def test_a_week_without_answers_is_a_gap_in_the_trend():
    found = survey(
        answers("2022-W05", "hot_vald", "Centrum", 1.0, 10),
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 10),
    )
    line = trend(found, W[7], FACTORS)
    assert line.weeks == (W[5], W[6], W[7])
    assert line.factors[0].points == (Mean(1.0, 10), None, Mean(2.0, 10))
    assert line.factors[1].points == (None, None, None)


def test_the_trend_reaches_back_26_weeks_at_most():
    found = survey(
        *[answers(f"2022-W{n:02d}", "hot_vald", "Centrum", 1.0, 10) for n in range(1, 41)]
    )
    line = trend(found, W[40], FACTORS)
    assert line.weeks[0] == W[15] and line.weeks[-1] == W[40] and len(line.weeks) == 26


def test_the_latest_week_with_answers_is_the_default_and_a_bad_address_says_why():
    found = survey(
        answers("2022-W05", "hot_vald", "Centrum", 1.0, 10),
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 10),
    )
    assert choose_week(found, None) == (W[7], None)
    assert choose_week(found, "2022-W05") == (W[5], None)
    week, problem = choose_week(found, "2022-W06")
    assert week == W[7] and problem.startswith("Veckoenkäten har inga svar vecka 6, 2022")
    week, problem = choose_week(found, "v7")
    assert week == W[7] and "”v7” är ingen vecka (skriv den som 2022-W07)" in problem


def test_highest_lists_means_halfway_up_the_scale_highest_first():
    found = survey(
        answers("2022-W07", "hot_vald", "Centrum", 1.5, 10),
        answers("2022-W07", "narkotika", "Centrum", 2.5, 10),
        answers("2022-W07", "narkotika", "Hamnen", 1.4, 10),
    )
    listed = concerns(found, W[7], FACTORS, SCALE).highest
    # Narkotika in the whole kommun: (25 + 14) / 20 = 1,95; Hamnen's 1,4 is under 1,5.
    assert [(c.label, c.area, c.mean.value) for c in listed] == [
        ("Narkotika", "Centrum", 2.5),
        ("Narkotika", None, 1.95),
        ("Hot och våld", "Centrum", 1.5),
        ("Hot och våld", None, 1.5),
    ]


def test_few_answers_are_shown_as_such_and_never_ranked():
    found = survey(
        answers("2022-W07", "narkotika", "Hamnen", 3.0, 4),
        answers("2022-W07", "narkotika", "Centrum", 0.0, 1),
    )
    found_concerns = concerns(found, W[7], FACTORS, SCALE)
    # Hamnen (4 answers), Centrum (1) and the kommun (5 answers: 12 / 5 = 2,4, enough to rank).
    assert found_concerns.few_answers == 2
    assert [(c.area, c.mean) for c in found_concerns.highest] == [(None, Mean(2.4, 5))]
    assert mean_text(Mean(3.0, 4)) == "3,0 (4 svar, få svar)"
    assert mean_text(Mean(2.4, 5)) == "2,4 (5 svar)"


def test_a_rise_against_the_week_before_and_against_the_recent_average():
    rows = [answers(f"2022-W{n:02d}", "hot_vald", "Centrum", 0.5, 10) for n in range(1, 6)]
    rows += [
        answers("2022-W06", "hot_vald", "Centrum", 1.5, 10),
        answers("2022-W07", "hot_vald", "Centrum", 2.0, 40),
    ]
    rising = concerns(survey(*rows), W[7], FACTORS, SCALE).rising
    centrum = next(c for c in rising if c.area == "Centrum")
    assert centrum.previous.earlier == Mean(1.5, 10) and centrum.previous.change == 0.5
    # Weeks 1–6 pooled: (5 × 10 × 0,5 + 10 × 1,5) / 60 = 40 / 60 = 0,667.
    assert centrum.recent.earlier.n == 60 and centrum.recent.change == pytest.approx(2 - 40 / 60)
    assert centrum.recent_weeks == (W[1], W[6])
    assert centrum.rise == pytest.approx(4 / 3)
    assert not centrum.previous.beyond_chance and centrum.recent.beyond_chance


def test_a_week_before_with_few_answers_gives_no_comparison():
    found = survey(
        answers("2022-W06", "hot_vald", "Centrum", 0.0, 3),
        answers("2022-W07", "hot_vald", "Centrum", 3.0, 10),
    )
    centrum = next(c for c in concerns(found, W[7], FACTORS, SCALE).highest if c.area == "Centrum")
    assert centrum.previous is None and centrum.recent is None
    assert centrum not in concerns(found, W[7], FACTORS, SCALE).rising


def test_beyond_chance_uses_the_widest_spread_the_scale_allows():
    # Common mean 1,5 on 0–3: variance at most 1,5 × 1,5 = 2,25.
    # 20 answers each: z = 1 / √(2,25 × 2/20) = 2,11 ≥ 1,96; 15 each: z = 1 / √(2,25 × 2/15) = 1,83.
    assert beyond_chance(Mean(2.0, 20), Mean(1.0, 20), SCALE)
    assert not beyond_chance(Mean(2.0, 15), Mean(1.0, 15), SCALE)
    assert beyond_chance(Mean(1.0, 20), Mean(2.0, 20), SCALE)  # a fall counts too
    assert not beyond_chance(Mean(0.0, 50), Mean(0.0, 50), SCALE)


def test_the_concern_reads_as_a_swedish_sentence():
    rows = [answers(f"2022-W{n:02d}", "narkotika", "Smygehamn", 1.0, 10) for n in range(40, 47)]
    rows += [
        answers("2022-W47", "narkotika", "Smygehamn", 2.0, 10),
        answers("2022-W48", "narkotika", "Smygehamn", 2.0, 40),
    ]
    found = concerns(survey(*rows), W[48], FACTORS, SCALE)
    smygehamn = next(c for c in found.highest if c.area == "Smygehamn")
    # Weeks 40–47: (7 × 10 × 1,0 + 10 × 2,0) / 80 = 1,125; 2,0 − 1,125 = 0,875. Common mean
    # (80 + 90) / 120 = 1,417: z = 0,875 / √(1,583 × 1,417 × (1/40 + 1/80)) = 3,0.
    assert concern_sentence(smygehamn, W[48]) == (
        "Narkotika i Smygehamn: 2,0 (40 svar). Vecka 47: 2,0 (oförändrat). "
        "Snitt vecka 40–47: 1,1 (+0,9, säkerställt)."
    )


def test_a_concern_without_earlier_answers_says_so():
    found = concerns(
        survey(answers("2022-W07", "narkotika", "Hamnen", 2.0, 10)), W[7], FACTORS, SCALE
    )
    assert concern_sentence(found.highest[0], W[7]) == (
        "Narkotika i Hamnen: 2,0 (10 svar). Vecka 6: inga eller få svar. "
        "Snitt för de 8 veckorna före: inga eller få svar."
    )


EVENT_ROWS = [
    events("2022-W06", "Klotter", "Centrum", "Låg", 1),
    events("2022-W06", "Klotter", "Hamnen", "Låg", 1),
    events("2022-W08", "Hot och våld", "Centrum", "Hög", 1),
    events("2022-W08", "Klotter", "Centrum", "Medel", 2),
    events("2022-W08", "Klotter", "Hamnen", "Hög", 1),
]


def test_the_weeks_events_are_totalled_per_severity_area_and_category():
    week = week_events(log(*EVENT_ROWS), W[8])
    assert week.total == 4 and week.previous_total == 0  # week 7 lies inside the log: no events
    assert week.by(2) == (("Hög", 2), ("Medel", 2))
    assert week.by(1) == (("Centrum", 3), ("Hamnen", 1))
    assert week.by(0) == (("Klotter", 3), ("Hot och våld", 1))
    assert week.rows[0] == ("Hot och våld", "Centrum", "Hög", 1)


def test_a_week_the_event_log_does_not_cover_is_not_a_week_without_events():
    found = log(*EVENT_ROWS)
    assert week_events(found, W[7]).covered and week_events(found, W[7]).total == 0
    assert not week_events(found, W[9]).covered
    assert week_events(found, W[6]).previous_total is None
    assert not week_events(EventLog({}), W[7]).covered


def test_factors_follow_est_yaml_then_ids_no_longer_in_it():
    found = survey(answers("2022-W07", "gammal_faktor", "Centrum", 1.0, 6))
    assert factor_names(found, SETTINGS) == (
        ("hot_vald", "Hot och våld"),
        ("narkotika", "Narkotika"),
        ("gammal_faktor", "gammal_faktor"),
    )


def test_the_scale_is_written_with_the_first_answer_for_each_value():
    assert scale_text(SETTINGS) == (
        "0 = ingen påverkan, 1 = liten påverkan, 2 = viss påverkan, 3 = stor påverkan"
    )


def test_no_answers_no_lagesbild_and_the_default_week_otherwise():
    assert lagesbild(survey(), log(*EVENT_ROWS), SETTINGS) is None
    picture = lagesbild(
        survey(answers("2022-W08", "hot_vald", "Centrum", 1.0, 6)),
        log(*EVENT_ROWS),
        SETTINGS,
        "2022-W99",
    )
    assert picture.week == W[8] and picture.problem.startswith("”2022-W99” är ingen vecka")
    assert picture.events.total == 4 and picture.files == ("est.xlsx",)
