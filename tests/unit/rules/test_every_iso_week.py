"""Every ISO week from the activity log: 52 or 53 weeks, both parties, running years."""

import datetime as dt

from goals.evaluate import evaluate
from goals.evidence import Evidence
from goals.status import Status
from tests.unit.rows import logged
from tests.unit.rules.judging import described, verdict


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


def test_many_missed_weeks_are_summarised(agreement, catalogue):
    rows = [logged((dt.date(2021, 1, 7) + dt.timedelta(weeks=w)).isoformat()) for w in range(40)]
    result = verdict(agreement, catalogue, "est", rows, 2021, log_years={2021})
    assert "veckorna 41–52 saknas" in result.sentence
    every_other = [logged(dt.date.fromisocalendar(2021, w, 4).isoformat()) for w in range(1, 53, 2)]
    scattered = verdict(agreement, catalogue, "est", every_other, 2021, log_years={2021})
    assert "veckorna 2, 4, 6, 8, 10, 12, 14, 16 och 18 veckor till saknas" in scattered.sentence


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


def test_weekly_meetings_name_both_parties(agreement, catalogue):
    text = described(agreement, catalogue, "est")
    assert "Varje ISO-vecka 2019–2022 (52 eller 53 veckor per år)" in text
    assert "Kommun och Polis deltog" in text


def test_a_running_year_separates_missed_weeks_from_weeks_still_to_come(agreement, catalogue):
    weeks = [w for w in range(1, 21) if w != 5]  # weeks 1–20 logged except week 5
    rows = [logged(dt.date.fromisocalendar(2022, w, 4).isoformat()) for w in weeks]
    evidence = Evidence({"est": rows}, frozenset({2022}), dt.date(2022, 5, 20))
    today = dt.date(2022, 6, 1)  # ISO week 22: week 21 and 22 are not yet logged
    result = evaluate(agreement, catalogue, evidence, 2022, today).verdicts["est"]
    assert result.status is Status.EJ_UPPNATT
    assert result.sentence == (
        "EST-möte med kommun och polis har hållits 19 av 52 veckor hittills 2022; vecka 5 har "
        "passerat utan möte, veckorna 21–22 finns ännu inte i loggen och veckorna 23–52 återstår."
    )
