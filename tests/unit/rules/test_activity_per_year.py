"""Activity per year from the activity log: a covered year without the activity counts zero."""

import datetime as dt

from goals.status import Status
from tests.unit.rows import logged
from tests.unit.rules.judging import described, verdict


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


def test_yearly_activity_counts_a_silent_year_as_zero(agreement, catalogue):
    text = described(agreement, catalogue, "arsrapport")
    assert text.startswith("Minst en årsrapport per kalenderår 2019–2022")
    assert "räknas som noll" in text
