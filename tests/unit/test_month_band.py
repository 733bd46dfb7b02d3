"""The normal band of a month, hand-checked against Poisson quantiles worked out on paper.

Poisson(4): P(0) = e⁻⁴ = 0,018 < 0,025 ≤ P(≤ 1) = 5e⁻⁴ = 0,092, so its 2,5 % quantile is 1;
P(≤ 7) = 0,949 < 0,975 ≤ P(≤ 8) = 0,979, so its 97,5 % quantile is 8.
Poisson(2): P(0) = e⁻² = 0,135 ≥ 0,025, quantile 0; P(≤ 4) = 7e⁻² = 0,947 < 0,975 ≤
P(≤ 5) = 0,983, quantile 5.
"""

from __future__ import annotations

import json

from plotly.utils import PlotlyJSONEncoder

from goals.month_band import band_limits, year_band
from goals.series import ALL_MONTHS, YearCount


def _year(year: int, months: dict[int, float]) -> YearCount:
    return YearCount(year, sum(months.values()), frozenset(months), months, "månader")


def test_band_of_eight_with_phi_one_and_a_half_over_three_years_is_2_to_16():
    # φ' = 1,5 · (1 + 1/3) = 2; Poisson(8/2 = 4) quantiles 1 and 8, times 2.
    assert band_limits(8.0, 1.5, 3) == (2, 16)


def test_band_of_three_over_two_years_rounds_the_upper_limit_down():
    # φ' = 1 · (1 + 1/2) = 1,5; Poisson(3/1,5 = 2) quantiles 0 and 5: 0 and 7,5 → 0–7.
    assert band_limits(3.0, 1.0, 2) == (0, 7)


def test_fewer_earlier_years_give_a_wider_band():
    assert band_limits(8.0, 1.0, 1)[1] > band_limits(8.0, 1.0, 3)[1]


COUNTS = {
    2018: _year(2018, {m: 30.0 for m in ALL_MONTHS}),  # older than the three years used
    2019: _year(2019, {m: 7.0 for m in ALL_MONTHS}),
    2020: _year(2020, {m: 8.0 for m in ALL_MONTHS}),
    2021: _year(2021, {m: 9.0 for m in ALL_MONTHS}),
    2022: _year(2022, {1: 17.0, 2: 16.0, 3: 1.0, 4: 2.0, 5: 8.0}),
}


def test_months_of_the_year_against_the_three_years_before():
    band = year_band(COUNTS, 2022, 1.5)
    assert band is not None and band.earlier_years == (2019, 2020, 2021)
    january, february, march, april, may = band.months[:5]
    assert january.expected == 8.0 and (january.low, january.high) == (2, 16)
    assert january.outside == "över"  # 17 > 16
    assert february.outside is None  # 16 is the band's own upper limit
    assert march.outside == "under" and april.outside is None
    assert may.outside is None
    assert band.months[5].value is None and band.months[5].outside is None  # June not yet
    assert [m.month for m in band.outside] == [1, 3]


def test_a_year_without_earlier_complete_years_has_months_but_no_band():
    band = year_band({2022: COUNTS[2022]}, 2022, 1.0)
    assert band is not None and not band.has_band
    assert all(m.low is None and m.outside is None for m in band.months)
    assert year_band(COUNTS, 2023, 1.0) is None


def test_a_month_never_seen_before_has_no_band():
    counts = {
        2021: _year(2021, {m: 0.0 if m == 7 else 4.0 for m in ALL_MONTHS}),
        2022: _year(2022, {m: 3.0 for m in ALL_MONTHS}),
    }
    band = year_band(counts, 2022, 1.0)
    assert band is not None
    assert band.months[6].low is None and band.months[6].outside is None
    assert band.months[0].low is not None


def test_the_goal_page_band_chart_marks_months_outside_with_a_symbol_and_a_word(
    agreement, catalogue
):
    from goals.evidence import Evidence
    from goals.month_band import target_bands
    from pages.charts import band_figure, band_table
    from tests.app.pages import text
    from tests.unit.rows import months

    rows = [
        *months(2019, [7] * 12),
        *months(2020, [8] * 12),
        *months(2021, [9] * 12),
        *months(2022, [40, 8, 0, 8, 8, 8]),
    ]
    target = next(t for t in agreement.targets if t.id == "bostadsinbrott")
    bands = target_bands(target, catalogue, Evidence({"bostadsinbrott": rows}), 2022)
    assert [b.year for b in bands] == [2021, 2022]  # the year before for context
    assert [(m.month, m.outside) for m in bands[-1].outside] == [(1, "över"), (3, "under")]
    figure = band_figure(bands)
    outside = next(t for t in figure.data if t.name == "Utanför det normala")
    assert list(outside.x) == ["jan 2022", "mars 2022"]
    assert list(outside.text) == ["över", "under"]
    assert list(outside.marker.symbol) == ["triangle-up", "triangle-down"]
    table = text(json.loads(json.dumps(band_table(bands, "Bostadsinbrott"), cls=PlotlyJSONEncoder)))
    assert "januari 2022" in table and "▲ över det normala" in table
    assert "▼ under det normala" in table and "december 2021" in table
    assert "ingen uppgift än" in table  # the rest of 2022 is still to come


def test_no_band_without_earlier_complete_years_of_months(agreement, catalogue):
    from goals.evidence import Evidence
    from goals.month_band import target_bands
    from tests.unit.rows import months, row

    target = next(t for t in agreement.targets if t.id == "bostadsinbrott")
    rows = [row("2021", 100), *months(2022, [8] * 6)]
    assert target_bands(target, catalogue, Evidence({"bostadsinbrott": rows}), 2022) == []
