"""The year so far and the rolling 12 months, hand-checked against the binomial that the exact
conditional test is: with nothing changed, this year's count out of both is Binomial(n, ½)."""

from __future__ import annotations

import pytest
from scipy.stats import binom
from statsmodels.stats.proportion import proportion_confint

from goals.series import ALL_MONTHS, YearCount
from goals.year_to_date import months_through, year_to_date


def _year(year: int, months: dict[int, float]) -> YearCount:
    return YearCount(year, sum(months.values()), frozenset(months), months, "månader")


def _two_sided(k: int, n: int) -> float:
    return min(1.0, 2 * min(binom.cdf(k, n, 0.5), binom.sf(k - 1, n, 0.5)))


def _ratio_interval(k: int, n: int) -> tuple[float, float]:
    low, high = proportion_confint(k, n, alpha=0.05, method="beta")  # Clopper–Pearson
    return low / (1 - low), high / (1 - high)


COUNTS = {
    2021: _year(2021, {m: 10.0 for m in ALL_MONTHS}),  # 120 in the year, 60 to June
    2022: _year(2022, {m: 12.0 for m in range(1, 7)}),  # 72 to June
}


def test_january_to_june_against_the_same_months_last_year():
    found = year_to_date(COUNTS, 2022, phi=1.0)
    assert found is not None
    assert found["through"] == "2022-06"
    assert (found["value"], found["previous"]) == (72, 60)
    assert found["p"] == pytest.approx(_two_sided(72, 132), abs=1e-4)
    assert found["ci_ratio"] == pytest.approx(_ratio_interval(72, 132), abs=1e-4)
    assert found["ci_ratio"][0] < 72 / 60 < found["ci_ratio"][1]


def test_dispersion_divides_the_counts_before_the_test():
    found = year_to_date(COUNTS, 2022, phi=2.0)
    assert found is not None and found["dispersion"] == 2.0
    # 72 and 60 with φ = 2 are tested as 36 and 30.
    assert found["p"] == pytest.approx(_two_sided(36, 66), abs=1e-4)
    assert found["ci_ratio"] == pytest.approx(_ratio_interval(36, 66), abs=1e-4)
    plain = year_to_date(COUNTS, 2022, phi=1.0)
    assert plain is not None and found["p"] > plain["p"]  # wider: less sure of a change


def test_the_rolling_12_months_need_two_years_of_months_before():
    assert year_to_date(COUNTS, 2022, 1.0)["rolling_12_months"] is None  # 2020 has no months
    counts = {2020: _year(2020, {m: 9.0 for m in ALL_MONTHS}), **COUNTS}
    rolling = year_to_date(counts, 2022, 1.0)["rolling_12_months"]
    # July 2021–June 2022: 6 × 10 + 6 × 12 = 132; a year earlier, 6 × 9 + 6 × 10 = 114.
    assert rolling["from"] == "2021-07" and rolling["through"] == "2022-06"
    assert (rolling["value"], rolling["previous"]) == (132, 114)
    assert rolling["p"] == pytest.approx(_two_sided(132, 246), abs=1e-4)


def test_a_year_without_january_or_last_year_without_those_months_has_no_year_to_date():
    assert year_to_date({2022: _year(2022, {2: 5.0, 3: 4.0})}, 2022, 1.0) is None
    assert months_through({2022: _year(2022, {1: 5.0, 2: 4.0, 4: 1.0})}, 2022) == 2
    assert year_to_date({2022: COUNTS[2022]}, 2022, 1.0) is None  # no 2021
    assert year_to_date(COUNTS, 2023, 1.0) is None


def test_a_zero_month_is_a_value_and_both_zero_has_no_p():
    counts = {
        2021: _year(2021, {1: 0.0, 2: 0.0, 3: 0.0}),
        2022: _year(2022, {1: 0.0, 2: 0.0, 3: 0.0}),
    }
    found = year_to_date(counts, 2022, 1.0)
    assert found is not None and found["through"] == "2022-03"
    assert (found["value"], found["previous"], found["p"], found["ci_ratio"]) == (0, 0, None, None)


def test_status_json_gives_year_to_date_for_a_monthly_count(tmp_path):
    from goals.agreement import load_agreement
    from goals.evaluate import evaluate
    from goals.evidence import collect_evidence
    from indicators.catalogue import load_catalogue
    from indicators.ingest import IngestContext, ingest_file
    from indicators.reading import Limits
    from indicators.store import Store
    from tests.imports.files import SOL_HEADER, text_file

    rows = [
        f"Trelleborg;Inbrottsstöld i bostad;{year};{month};{count};..;"
        for year, count in ((2021, 10), (2022, 12))
        for month in ("Januari", "Februari", "Mars", "April", "Maj", "Juni")
    ]
    path = text_file(tmp_path, "sol.csv", [SOL_HEADER, *rows])
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    context = IngestContext(store, tmp_path / "archive", Limits(50_000_000, 300_000_000))
    assert ingest_file(path, context).outcome == "importerad"
    agreement, catalogue = load_agreement("trelleborg-2019-2022"), load_catalogue()
    report = evaluate(agreement, catalogue, collect_evidence(store, agreement, catalogue), 2022)
    target = report.to_json()["goals"][4]["targets"][0]
    assert target["id"] == "bostadsinbrott"
    found = target["year_to_date"]
    assert found["through"] == "2022-06" and (found["value"], found["previous"]) == (72, 60)
    assert found["dispersion"] == target["dispersion"] or target["dispersion"] is None
    skadegorelse = report.to_json()["goals"][5]["targets"][0]
    assert skadegorelse["year_to_date"] is None  # no skadegörelse stored
