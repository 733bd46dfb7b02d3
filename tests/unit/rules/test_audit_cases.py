"""The statistical audit's cases (issue 16), as regression tests: decided is not certain,
incomplete data is named, forecasts carry their own uncertainty, and no sentence claims more."""

import datetime as dt
import math
from dataclasses import replace

import pytest
from scipy.stats import nbinom

from goals.evaluate import evaluate
from goals.evidence import Evidence
from goals.status import Qualifier, Status
from tests.unit.rows import AFTER_THE_PERIOD, months, row
from tests.unit.rules.judging import verdict

DAMAGE_CODES = ("1201", "1203", "1205", "1208", "1209", "1210", "1211", "1212")
FORBIDDEN = ("0\u00a0%", "100\u00a0%", "väntas 0", "nan", "e+")


def clean(text):
    return not any(word in text for word in FORBIDDEN) and "säkerställt" not in text


def test_january_zero_is_too_early_to_judge(agreement, catalogue):
    result = verdict(
        agreement, catalogue, "bostadsinbrott", months(2022, [0]), 2022, dt.date(2022, 2, 5)
    )
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "för tidigt på året")
    assert result.probability is None and clean(result.sentence)


def test_january_zero_shows_last_years_january_beside_it(agreement, catalogue):
    rows = months(2021, [9] * 12) + months(2022, [0])
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2022, 2, 5))
    assert result.compared_with == {"year": 2021, "value": 9}
    assert "Samma månader 2021: 9." in result.sentence


def test_18_burglaries_by_june_is_on_track_and_says_it_is_a_forecast(agreement, catalogue):
    result = verdict(
        agreement, catalogue, "bostadsinbrott", months(2022, [3] * 6), 2022, dt.date(2022, 7, 5)
    )
    assert result.status is Status.PA_VAG and result.projected == 36
    # Closed form: rest NB with mean 1.5 · (12 + ½) = 18.75, variance 1.5 · 18.75/½ plus the
    # equal-month share's (1.5 · 12.5/¼)² · ¼/49; under 100 needs the rest ≤ 81.
    variance = 1.5 * 18.75 / 0.5 + (1.5 * 12.5 / 0.25) ** 2 * 0.25 / 49
    expected = nbinom.cdf(81, 18.75**2 / (variance - 18.75), 18.75 / variance)
    assert result.probability == pytest.approx(max(min(expected, 0.9999), 0.0001), abs=1e-9)
    assert "Enligt prognosen, om takten håller i sig, blir det omkring 36" in result.sentence
    assert "över 99\u00a0%" in result.sentence and clean(result.sentence)


def test_100_by_october_on_preliminary_figures_is_decided_not_certain(agreement, catalogue):
    rows = months(2022, [10] * 10, status="preliminär")
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2022, 11, 15))
    assert (result.status, result.qualifier) == (Status.EJ_UPPNATT, Qualifier.AVGJORT)
    assert result.reason == "avgjort enligt preliminära siffror"
    assert "avgjort enligt preliminära siffror" in result.sentence
    assert "säkerställ" not in result.sentence


def test_a_trend_on_0_0_1_is_finite_and_never_certain(agreement, catalogue):
    rows = [row("2018", 0), row("2019", 0), row("2020", 1)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2021, 2, 1))
    assert math.isfinite(result.projected) and result.projected < 1
    assert all(math.isfinite(v) and v < 100 for v in result.ci)
    assert 0 < result.probability < 1 and result.status is Status.PA_VAG
    assert "nära noll" in result.sentence and clean(result.sentence)


def test_a_trend_on_100_90_110_is_uncertain(agreement, catalogue):
    rows = [row("2018", 100), row("2019", 90), row("2020", 110)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, dt.date(2021, 2, 1))
    assert result.status is Status.OSAKERT and 0.2 <= result.probability < 0.8


def test_27_to_24_percent_shows_the_changes_interval_not_the_levels(agreement, catalogue):
    share = dict(measure="andel_pct", breakdown={}, origin="kommun")
    rows = [row("2018", 27, n=1213, **share), row("2021", 24, n=1246, **share)]
    result = verdict(agreement, catalogue, "otrygghet.tm", rows, 2021)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    low, high = result.change_ci
    assert low < 0 < high  # the interval and the test agree: no significant change
    assert (
        "inom felmarginalen (95 % intervall för förändringen −6,4 till +0,4 procentenheter, p = 0,09)"
        in result.sentence
    )
    assert "21,7" not in result.sentence


def damage_extract(total, codes=DAMAGE_CODES[:4]):
    """A police extract for 2021 with only some skadegörelse codes, `total` crimes in all."""
    per_code, rest = divmod(total, len(codes))
    return [
        row(
            "2021",
            per_code + (1 if i < rest else 0),
            breakdown={"brottskod": code},
            origin="polisen",
            status=None,
        )
        for i, code in enumerate(codes)
    ]


def test_an_extract_with_4_of_8_codes_and_150_crimes_cannot_say_the_goal_holds(
    agreement, catalogue
):
    result = verdict(agreement, catalogue, "skadegorelse", damage_extract(150), 2021)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "brottskoder saknas")
    assert result.coverage.complete is False and result.coverage.lower_bound
    missing = {m.split()[1] for m in result.coverage.missing}
    assert missing == {"1209", "1210", "1211", "1212"}
    assert all(m.startswith("brottskod 12") for m in result.coverage.missing)
    assert "nedre gräns" in result.explanation and result.value == 150


def test_an_extract_with_4_of_8_codes_and_230_crimes_already_fails(agreement, catalogue):
    result = verdict(agreement, catalogue, "skadegorelse", damage_extract(230), 2021)
    assert (result.status, result.qualifier) == (Status.EJ_UPPNATT, Qualifier.AVGJORT)
    assert (
        "minst 230" in result.sentence and "saknar 4 av indikatorns brottskoder" in result.sentence
    )


def test_an_extract_with_every_code_is_complete(agreement, catalogue):
    result = verdict(agreement, catalogue, "skadegorelse", damage_extract(150, DAMAGE_CODES), 2021)
    assert result.status is Status.UPPNATT and result.coverage.complete


def test_a_partial_extract_beside_a_complete_bra_figure_does_not_make_it_incomplete(
    agreement, catalogue
):
    bra = row("2021", 150, breakdown={"brottstyp": "Skadegörelsebrott"})
    result = verdict(agreement, catalogue, "skadegorelse", [bra, *damage_extract(230)], 2021)
    assert (result.status, result.value) == (Status.UPPNATT, 150)  # Brå's figure is the one judged
    assert result.coverage.complete


def only_related(target, indicator, count, label):
    related = replace(row("2021", count, breakdown={"brottstyp": label}), indicator=indicator)
    return Evidence({target: []}, frozenset(), related={target: [related]})


def judged(agreement, catalogue, target, evidence):
    return evaluate(agreement, catalogue, evidence, 2021, AFTER_THE_PERIOD).verdicts[target]


def test_sols_12_kap_label_is_another_measure_and_decides_nothing(agreement, catalogue):
    evidence = only_related("skadegorelse", "skadegorelse.12kap", 150, "12 kap. Skadegörelsebrott")
    result = judged(agreement, catalogue, "skadegorelse", evidence)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "annat mått")
    assert result.coverage.complete is False and not result.coverage.lower_bound
    assert (
        "12 kap." in result.coverage.note and "vidare än skadegörelsebrott" in result.coverage.note
    )


def test_a_part_of_the_series_can_decide_a_ceiling_is_passed(agreement, catalogue):
    evidence = only_related("bostadsinbrott", "inbrott.villa", 110, "Villa, radhus o.d.")
    result = judged(agreement, catalogue, "bostadsinbrott", evidence)
    assert (result.status, result.qualifier, result.value) == (
        Status.EJ_UPPNATT,
        Qualifier.AVGJORT,
        110,
    )
    assert "minst 110" in result.sentence and result.coverage.lower_bound


def test_a_part_below_the_ceiling_cannot_say_the_goal_holds(agreement, catalogue):
    evidence = only_related("bostadsinbrott", "inbrott.lagenhet", 40, "Lägenhet")
    result = judged(agreement, catalogue, "bostadsinbrott", evidence)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "bara delar av serien")
    assert "”Inbrott i lägenhet” (40; en del av bostadsinbrott)" in result.coverage.note


def test_four_quarters_of_25_are_exactly_100_and_do_not_understiga_100(agreement, catalogue):
    rows = [row(f"2021-Q{q}", 25) for q in range(1, 5)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2021)
    assert result.value == 100 and result.status is Status.EJ_UPPNATT
    assert "exakt på gränsen 100" in result.sentence
