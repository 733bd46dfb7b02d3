"""The goal page's figure and table, built without a browser."""

import datetime as dt
import json

from plotly.utils import PlotlyJSONEncoder

from goals.evidence import Evidence
from goals.history import target_history
from pages.charts import ChartContext, history_table, selected_point, target_figure
from tests.app.pages import text
from tests.unit.rows import AFTER_THE_PERIOD, bou, months, row


def figure_for(agreement, catalogue, target_id, rows, year, today=AFTER_THE_PERIOD):
    target = next(t for t in agreement.targets if t.id == target_id)
    indicator = catalogue.indicator(target.indicator)
    history = target_history(target, agreement, catalogue, Evidence({target_id: rows}), today)
    context = ChartContext(target, agreement, indicator.measure, indicator.unit, year)
    return target_figure(history, context), history, context


def traces(figure):
    return {trace.name: trace for trace in figure.data}


def test_the_figure_has_the_threshold_line_and_the_interval(agreement, catalogue):
    figure, _, _ = figure_for(
        agreement, catalogue, "bostadsinbrott", [row("2019", 96), row("2020", 104)], 2020
    )
    threshold = traces(figure)["Målet: under 100"]
    assert set(threshold.y) == {100} and min(threshold.x) == 2018.5 and max(threshold.x) == 2022.5
    values = traces(figure)["Utfall"]
    assert list(values.x) == [2019, 2020]
    # Table: Garwood 64 → 49.3–81.7, so 96 with the default φ = 1.5 → 73.9–122.6 around 96.
    assert (
        round(values.error_y.array[0], 1) == 26.6 and round(values.error_y.arrayminus[0], 1) == 22.1
    )
    assert "export.csv, rad 2" in values.customdata[0]
    assert figure.layout.separators == ", "


def test_a_partial_year_has_its_projection_with_an_interval(agreement, catalogue):
    figure, _, _ = figure_for(
        agreement, catalogue, "bostadsinbrott", months(2022, [8] * 6), 2022, dt.date(2022, 7, 10)
    )
    assert list(traces(figure)["Hittills i år"].y) == [48]
    projection = traces(figure)["Prognos för helåret"]
    assert list(projection.y) == [96] and projection.error_y.array[0] > 0
    assert "prognos 96" in projection.customdata[0]


def test_preliminary_values_are_marked_apart(agreement, catalogue):
    figure, _, _ = figure_for(
        agreement,
        catalogue,
        "bostadsinbrott",
        [row("2020", 96), row("2021", 88, status="preliminär")],
        2021,
    )
    assert list(traces(figure)["Preliminärt utfall"].x) == [2021]
    assert list(traces(figure)["Utfall"].x) == [2020]


def test_the_baseline_is_marked_for_a_change_rule(agreement, catalogue):
    figure, history, context = figure_for(
        agreement, catalogue, "tobak.ak9", [bou("2016", 20, 300), bou("2021", 15, 300)], 2020
    )
    assert "Jämförelseår 2016: 20\u00a0%" in traces(figure)
    table = as_text(history_table(history, context, "Tobak"))
    assert "Uppnått – inom felmarginalen" in table and "15,9–24,9\u00a0%" in table


def as_text(component):
    return text(json.loads(json.dumps(component, cls=PlotlyJSONEncoder)))


def test_a_selected_point_is_written_out_line_by_line():
    lines = selected_point({"points": [{"customdata": "<b>2021: 203</b><br>sol.csv, rad 15"}]})
    assert [line.children for line in lines] == ["2021: 203", "sol.csv, rad 15"]
    assert selected_point({"points": [{"x": 2021}]}) == [] and selected_point(None) == []


def test_a_later_agreement_shows_earlier_years_as_history_with_its_baseline(tmp_path, catalogue):
    from goals.agreement import load_agreement
    from tests.agreements import later_agreement

    later = load_agreement(str(later_agreement(tmp_path)))
    rows = [row(str(year), 20 - year % 10, measure="andel_pct") for year in (2021, 2022, 2023)]
    target = later.targets[1]  # otrygghet.tm, against 2022
    indicator = catalogue.indicator(target.indicator)
    history = target_history(
        target, later, catalogue, Evidence({target.id: rows}), AFTER_THE_PERIOD
    )
    context = ChartContext(target, later, indicator.measure, indicator.unit, 2023)
    table = as_text(history_table(history, context, "Otrygghet"))
    assert "2021 (före avtalsperioden)" in table
    assert "2022 (jämförelseår, före avtalsperioden)" in table
    assert "2023 (valt år)" in table
    assert "Jämförelseår 2022" in " ".join(traces(target_figure(history, context)))
