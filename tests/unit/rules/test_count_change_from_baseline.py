"""Change against a baseline for a count: 2023–2026's 'ska minska' against 2022, hand-checked."""

import datetime as dt

import pytest
from scipy.stats import binom

from goals import stats
from goals.agreement import load_agreement
from goals.evaluate import evaluate
from goals.evidence import Evidence
from goals.status import Qualifier, Status
from tests.unit.rows import AFTER_THE_PERIOD, row
from tests.unit.rules.judging import described

MISSHANDEL = {"brottstyp": "Misshandel inkl. grov (5, 6 §)"}
TARGET = "brottsstatistik.misshandel"


@pytest.fixture(scope="module")
def agreement():
    return load_agreement("trelleborg-2023-2026")


def crimes(period, value):
    return row(period, value, breakdown=MISSHANDEL)


def months(year, counts):
    return [crimes(f"{year}-{m:02d}", c) for m, c in enumerate(counts, start=1)]


def judged(agreement, catalogue, rows, year, today=AFTER_THE_PERIOD):
    evidence = Evidence({TARGET: rows})
    return evaluate(agreement, catalogue, evidence, year, today).verdicts[TARGET]


def test_a_clear_fall_is_met_beyond_chance(agreement, catalogue):
    # φ = 1.5 (the default: no monthly history): 150/1.5 = 100 and 90/1.5 = 60. Conditional on
    # 160, 60 is Binomial(160, ½) when nothing changed: p = 2 · P(K ≤ 60) ≈ 0.002.
    result = judged(agreement, catalogue, [crimes("2022", 150), crimes("2024", 90)], 2024)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.SAKERSTALLT)
    assert result.dispersion == 1.5
    assert result.compared_with == {"year": 2022, "value": 150}
    assert result.target == {"direction": "lower", "baseline_year": 2022}
    assert stats.count_change_p(150, 90, 1.5) == pytest.approx(2 * binom.cdf(60, 160, 0.5))
    assert stats.count_change_p(150, 90, 1.5) == pytest.approx(0.002, abs=1e-4)
    assert "exakt villkorat" in result.explanation


def test_a_small_fall_is_met_within_chance(agreement, catalogue):
    # 150 → 141 is 100 → 94 after φ: p = 2 · P(K ≤ 94 | 194) ≈ 0.72, well within chance.
    result = judged(agreement, catalogue, [crimes("2022", 150), crimes("2023", 141)], 2023)
    assert (result.status, result.qualifier) == (Status.UPPNATT, Qualifier.INOM_FELMARGINAL)
    assert stats.count_change_p(150, 141, 1.5) == pytest.approx(2 * binom.cdf(94, 194, 0.5))
    assert stats.count_change_p(150, 141, 1.5) > 0.05


def test_as_many_as_the_baseline_is_not_a_fall(agreement, catalogue):
    result = judged(agreement, catalogue, [crimes("2022", 150), crimes("2023", 150)], 2023)
    assert result.status is Status.EJ_UPPNATT


def test_a_rise_beyond_chance_is_not_met(agreement, catalogue):
    result = judged(agreement, catalogue, [crimes("2022", 90), crimes("2023", 150)], 2023)
    assert (result.status, result.qualifier) == (Status.EJ_UPPNATT, Qualifier.SAKERSTALLT)


def test_without_the_baseline_year_it_cannot_be_judged(agreement, catalogue):
    result = judged(agreement, catalogue, [crimes("2024", 90)], 2024)
    assert result.status is Status.KAN_INTE_BEDOMAS
    assert result.reason == "utgångsåret 2022 saknas"


def test_a_year_already_past_the_baseline_is_decided(agreement, catalogue):
    # 2022: 12 a month = 144. 2025: 40 a month through April = 160, already more than 144.
    rows = months(2022, [12] * 12) + months(2025, [40] * 4)
    result = judged(agreement, catalogue, rows, 2025)
    assert (result.status, result.qualifier) == (Status.EJ_UPPNATT, Qualifier.AVGJORT)
    assert result.target == {"direction": "lower", "baseline_year": 2022}
    assert result.compared_with == {"year": 2022, "value": 144}
    assert result.explanation.startswith("Regel: antalet ska vara lägre än 2022 års 144")


def test_a_year_in_progress_is_projected_against_the_baseline(agreement, catalogue):
    # Half a year at 5 a month projects to about 60 for the year, far below 144: on track.
    rows = months(2022, [12] * 12) + months(2025, [5] * 6)
    result = judged(agreement, catalogue, rows, 2025, today=dt.date(2025, 7, 15))
    assert result.status is Status.PA_VAG
    assert result.probability is not None and result.probability > 0.99
    # At 12 a month, the year runs level with 2022: neither likely nor unlikely to be lower.
    level = months(2022, [12] * 12) + months(2025, [12] * 6)
    assert judged(agreement, catalogue, level, 2025).status is Status.OSAKERT


def test_too_early_in_the_year(agreement, catalogue):
    rows = months(2022, [12] * 12) + months(2025, [5] * 2)
    result = judged(agreement, catalogue, rows, 2025, today=dt.date(2025, 3, 10))
    assert result.status is Status.KAN_INTE_BEDOMAS
    assert result.reason == "för tidigt på året"


def test_the_rule_in_words(agreement, catalogue):
    assert "lägre än år 2022, bedömt varje kalenderår 2023–2026" in described(
        agreement, catalogue, TARGET
    )
