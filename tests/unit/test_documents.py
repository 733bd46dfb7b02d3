"""The board's document model: what page 1 picks, how changes and target lines read, and that
the charts carry their words and numbers as text."""

from goals.rules import ActivityPerYear, Comparison, ThresholdEveryYear
from goals.status import Status
from report.charts import chart_png, chart_svg
from report.content import annual_report
from report.document import (
    annual_document,
    most_important,
    references,
    signed_change,
    summary_change,
    summary_value,
)
from report.model import Chart, Figure, Heading, Panel, Point, Reference, walk
from report.to_html import document_html
from tests.unit.rows import AFTER_THE_PERIOD, evidence

BAD = {Status.EJ_UPPNATT, Status.INTE_PA_VAG}


def _report(agreement, catalogue):
    return annual_report(agreement, catalogue, evidence(), 2021, AFTER_THE_PERIOD)


def test_page_one_picks_three_to_five_sentences_missed_targets_first(agreement, catalogue):
    report = _report(agreement, catalogue)
    chosen = most_important(report)
    assert 3 <= len(chosen) <= 5
    # Every missed target is there (fewer than five here); 'kan inte bedömas' only fills up.
    missed = {t.target.id for e in report.goals for t in e.targets if t.verdict.status in BAD}
    assert missed == {"skadegorelse", "trafik.fortkorning"}
    assert missed <= {t.target.id for t in chosen}
    assert [t.verdict.status in BAD for t in chosen].count(True) == len(missed)


def test_summary_value_and_change_against_the_value_before(agreement, catalogue):
    report = _report(agreement, catalogue)
    burglary = next(t for e in report.goals for t in e.targets if t.target.id == "bostadsinbrott")
    assert summary_value(burglary, 2021) == "88\u00a0inbrott"
    assert summary_change(burglary, 2021) == ("104 (2020)", "−16")
    assert signed_change(4, 3, "andel_pct") == "−1\u00a0procentenhet"
    assert signed_change(2.25, 2.29, "index_0_6") == "+0,04"
    assert signed_change(5, 5, "antal") == "±0"


def test_each_rule_draws_its_own_line_named_in_words():
    period = (2019, 2022)
    under_100 = ThresholdEveryYear(type="threshold_every_year", op="<", value=100)
    assert references(under_100, None, "antal", period) == (Reference("Mål: under 100", 100.0),)
    lower = Comparison(type="comparison", intended_year=2020, baseline_year=2016, direction="lower")
    baseline = references(lower, {"year": 2016, "value": 4.0}, "andel_pct", period)
    assert baseline == (Reference("2016: 4\u00a0% – målet är lägre", 4.0, "baseline"),)
    yearly = ActivityPerYear(type="activity_per_year", min=1)
    assert references(yearly, None, "antal", period)[0].value == 1
    assert references(lower, None, "andel_pct", period) == ()


def test_every_goal_is_a_chapter_with_a_chart_of_its_targets(agreement, catalogue):
    document = annual_document(_report(agreement, catalogue))
    chapters = [b.text for b in walk(document.blocks) if isinstance(b, Heading) and b.level == 2]
    assert [g.title for g in agreement.goals] == [
        c for c in chapters if c in {g.title for g in agreement.goals}
    ]
    figures = [b for b in walk(document.blocks) if isinstance(b, Figure)]
    assert any("Bostadsinbrott: 2020: 104" in f.alt and "Mål: under 100" in f.alt for f in figures)
    assert "<script>" not in document_html(document)


def test_a_chart_writes_its_values_axis_and_target_as_text():
    panel = Panel(
        "Bostadsinbrott",
        "antal",
        "inbrott",
        (Point(2020, 104, (85, 126)), Point(2021, 61, None, complete=False)),
        (Reference("Mål: under 100", 100),),
        2021,
    )
    svg = chart_svg(Chart((panel,))).decode()
    for text in ("Bostadsinbrott", "104", "61 (del av år)", "Mål: under 100", "inbrott", "2021"):
        assert text in svg
    assert "DejaVu Sans" in svg
    assert chart_png(Chart((panel,))).startswith(b"\x89PNG")


def test_status_is_icon_and_text_in_the_html(agreement, catalogue):
    html = document_html(annual_document(_report(agreement, catalogue)))
    assert f"status-{Status.EJ_UPPNATT.value}'>✕ Ej uppnått" in html
