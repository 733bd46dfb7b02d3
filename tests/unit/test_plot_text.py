"""Names from files (a file, a sheet, an area) reach plotly's labels as text, never as markup:
plotly reads a subset of HTML in hover texts and axis labels, links included."""

from est.lagesbild import HeatMap, Mean, Week
from goals.points import Origin, YearPoint
from indicators.kinds import Measure, Revision
from pages.charts import ChartContext, hover_text, selected_point

LINK = '<a href="https://evil.example/">klicka</a>.csv'


def test_a_file_name_in_a_hover_text_stays_text(agreement, catalogue):
    target = next(t for t in agreement.targets if t.id == "bostadsinbrott")
    origin = Origin(LINK, "<b>Blad</b>", "rad 2", "2026-11-23T10:00:00+00:00", Revision.SLUTLIG)
    point = YearPoint(2021, 88, None, True, False, 12, (origin,))
    context = ChartContext(target, agreement, Measure.ANTAL, "brott", 2021)
    hover = hover_text(point, context)
    assert "<a " not in hover and "&lt;a href=" in hover and "&lt;b&gt;Blad" in hover
    assert hover.startswith("<b>2021: 88</b>")  # our own markup is kept
    lines = [line.children for line in selected_point({"points": [{"customdata": hover}]})]
    assert lines[1].startswith(LINK + ", blad <b>Blad</b>, rad 2")  # written out as the name


def test_an_area_name_in_the_heat_map_stays_text(dash_app):
    from pages.lagesbild import heat_map_figure  # a page module: after the app exists

    heat_map = HeatMap(Week(2022, 47), (("oro", "Oro"),), (LINK,), {("oro", LINK): Mean(3.0, 12)})
    figure = heat_map_figure(heat_map, (1, 5))
    [trace] = figure.data
    assert all("<a " not in name for name in trace.x)
    assert "&lt;a href=" in trace.x[0] and "&lt;a href=" in trace.customdata[0][0]
