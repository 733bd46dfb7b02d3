"""Threshold every year: counts per calendar year (exact interval, decided early, projected,
trend) and survey values per survey year, checked by hand."""

import datetime as dt
import math
from dataclasses import replace

import pytest
from scipy import integrate
from scipy.stats import chi2, nbinom, norm

from goals.status import Qualifier, Status
from indicators.kinds import Revision
from tests.unit.rows import months, row, tm
from tests.unit.rules.judging import described, verdict

PHI = 1.5  # statistics.yaml's default for bostadsinbrott: one yearly figure has no months


def test_the_issues_example_sentence(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", [row("2020", 96)], 2020)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    # Table: Garwood 64 → 49.3–81.7; 96 with φ = 1.5 is 1.5 × that interval of 96/1.5 = 64.
    assert result.ci == pytest.approx((73.9, 122.6), abs=0.05)
    assert result.dispersion == PHI
    assert result.sentence == (
        "Bostadsinbrotten var 96 år 2020, under målet 100, men skillnaden ligger inom "
        "slumpvariationen (95 % intervall 74–123)."
    )
    assert result.reason == "inom slumpvariationen"
    assert "Garwood" in result.explanation and "understiga är strikt" in result.explanation
    assert "φ = 1,50" in result.explanation and "standardvärdet" in result.explanation


def test_64_burglaries_is_met_beyond_chance(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", [row("2021", 64)], 2021)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.SAKERSTALLT)
    # Closed form: φ · Garwood(64/φ) through the χ² quantiles.
    scaled = 64 / PHI
    expected = (PHI * chi2.ppf(0.025, 2 * scaled) / 2, PHI * chi2.ppf(0.975, 2 * scaled + 2) / 2)
    assert result.ci == pytest.approx(expected, rel=1e-9)
    assert result.ci[1] < 100


def test_a_complete_year_names_its_coverage(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2021, [8] * 12), 2021)
    assert result.coverage.to_json() == {
        "complete": True,
        "missing": [],
        "note": "Alla tolv månader 2021 finns.",
    }


def test_exactly_200_does_not_understiga_200(agreement, catalogue):
    rows = [row("2021", 200, breakdown={"brottstyp": "Skadegörelsebrott"})]
    result = verdict(agreement, catalogue, "skadegorelse", rows, 2021)
    assert result.status is Status.EJ_UPPNATT
    assert "exakt på gränsen 200" in result.sentence and "räcker inte" in result.sentence


def test_twelve_months_are_a_complete_year(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2021, [8] * 12), 2021)
    assert (result.status, result.value, result.probability) == (Status.UPPNATT, 96, None)


def test_four_quarters_are_a_complete_year_named_by_the_months_they_cover(agreement, catalogue):
    # Quarters are never spread over months, so the explanation counts the months covered.
    quarters = [row(f"2022-Q{q}", 25) for q in (1, 2, 3, 4)]  # SOL's label: every code
    result = verdict(agreement, catalogue, "bostadsinbrott", quarters, 2022)
    assert (result.status, result.value) == (Status.EJ_UPPNATT, 100)
    assert "summan av 12 månader" in result.explanation


def test_half_a_year_without_history_is_projected_on_equal_months(agreement, catalogue):
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2022, [8] * 6), 2022)
    assert result.value == 48 and result.projected == 96
    # Closed form: with φ = 1.5 the rest of the year is NB with mean 1.5 · (48/1.5 + ½) = 48.75
    # and variance φ · mean / ½ = 146.25, plus the equal-month share's own uncertainty by the
    # delta method: d mean / d share = −1.5 · 32.5 / ½², times the share's beta variance
    # ½ · ½ / (48 + 1) (48 pseudo-counts, no history); the goal needs the rest at most 51.
    mean = 48.75
    variance = 146.25 + (1.5 * 32.5 / 0.25) ** 2 * 0.25 / 49
    expected = nbinom.cdf(51, mean**2 / (variance - mean), mean / variance)
    assert result.probability == pytest.approx(expected, abs=1e-9)
    assert result.status is Status.OSAKERT and result.qualifier is None
    assert "januari–juni 2022" in result.sentence and "lika stora månader" in result.sentence
    assert "Enligt prognosen, om takten håller i sig" in result.sentence
    assert result.coverage.to_json()["missing"] == ["juli–december"]


def test_half_a_year_with_history_follows_the_seasons(agreement, catalogue):
    spring_heavy = [12] * 6 + [8] * 6  # 60 % of the year falls in January–June
    rows = months(2020, spring_heavy) + months(2021, spring_heavy) + months(2022, [8] * 6)
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    # Closed form: two years shrunk toward equal months, (144 + 24) / (240 + 48) = 7/12.
    assert result.projected == pytest.approx(48 * 12 / 7)
    # Two identical years have no overdispersion: φ estimated 0, held at 1.
    assert result.dispersion == 1.0
    assert result.status is Status.PA_VAG
    assert "säsongsmönstret från 2 tidigare år" in result.sentence


def test_a_year_decided_early(agreement, catalogue):
    rows = months(2022, [11] * 9 + [2])  # 101 by the end of October
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022)
    assert (result.status, result.value) == (Status.EJ_UPPNATT, 101)
    assert (result.qualifier, result.reason) == (Qualifier.AVGJORT, "avgjort")
    assert "redan 101 efter oktober 2022" in result.sentence
    assert "kan inte längre nås för året" in result.sentence
    assert "avgjord" in result.explanation


@pytest.mark.parametrize(
    "counts, expected",
    [
        ([4] * 6, Status.PA_VAG),
        ([8] * 6, Status.OSAKERT),
        ([10] * 6, Status.INTE_PA_VAG),
    ],
)
def test_a_running_year_is_on_track_uncertain_or_off_track(agreement, catalogue, counts, expected):
    today = dt.date(2022, 7, 10)
    result = verdict(agreement, catalogue, "bostadsinbrott", months(2022, counts), 2022, today)
    assert result.status is expected
    assert result.reason.startswith("prognos")


def test_a_year_ahead_below_five_complete_years_uses_the_level(agreement, catalogue):
    rows = [row("2018", 120), row("2019", 110), row("2020", 100)]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2022, today=dt.date(2021, 2, 1))
    assert result.projected == pytest.approx(110) and result.value is None
    # Hand: φ = 1.5 (the years spread less than that), the log-level log 110 with variance
    # 1.5/(330 + ½) + 3² · (0.10² + b²) three years from the midpoint, b the least-squares slope
    # of log(count + ½); independent: scipy's quad over the normal log-mean of NB(μ, 1.5μ).
    b = math.log(100.5 / 120.5) / 2
    sd = math.sqrt(1.5 / 330.5 + 9 * (0.01 + b**2))
    expected, _ = integrate.quad(
        lambda z: nbinom.cdf(99, 110 * math.exp(sd * z) / 0.5, 1 / 1.5) * norm.pdf(z), -9, 9
    )
    assert result.probability == pytest.approx(expected, abs=5e-4)  # 40-node quadrature
    assert result.status is Status.OSAKERT
    assert "om nivån 2018–2020 håller i sig" in result.sentence


def test_a_year_ahead_from_five_complete_years_uses_the_trend(agreement, catalogue):
    rows = [
        row(str(y), c) for y, c in zip(range(2014, 2019), [150, 135, 120, 110, 98], strict=True)
    ]
    result = verdict(agreement, catalogue, "bostadsinbrott", rows, 2020, today=dt.date(2019, 2, 1))
    assert "om trenden 2014–2018 håller i sig" in result.sentence
    assert result.projected < 98 and result.status is Status.PA_VAG


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


def test_an_index_of_exactly_two_is_at_most_two_and_has_no_qualifier(agreement, catalogue):
    result = verdict(agreement, catalogue, "trafik.fortkorning", [tm("2021", 2.0, 1200)], 2021)
    assert (result.status, result.qualifier, result.ci) == (Status.UPPNATT, None, None)
    assert "utan spridningsmått" in result.explanation


def test_an_index_in_a_year_without_survey_cannot_be_judged(agreement, catalogue):
    result = verdict(agreement, catalogue, "trafik.fortkorning", [tm("2019", 2.25)], 2020)
    assert (result.status, result.reason) == (Status.KAN_INTE_BEDOMAS, "ingen mätning 2020")
    assert result.period == {"met": 0, "judged": 1, "years": 4}


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


def test_understiga_is_explained_as_strict(agreement, catalogue):
    text = described(agreement, catalogue, "bostadsinbrott")
    assert text.startswith(
        "Antalet polisanmälda bostadsinbrott i Trelleborgs kommun ska vara "
        "under 100 varje kalenderår 2019–2022."
    )
    assert "exakt 100 räcker inte" in text


def test_index_threshold_uses_swedish_decimals(agreement, catalogue):
    text = described(agreement, catalogue, "trafik.buskorning")
    assert "högst 2,00 varje mätår 2019–2022" in text
    assert "0–6" in text
