"""Årsuppföljning: the annual follow-up for kommunstyrelsen, one page per year of the period.

The page, the HTML, the PDF and the Excel all render report/content.py's AnnualReport.
"""

from __future__ import annotations

import dash
from dash import dcc, html

from goals.evaluate import YearOutsidePeriod, check_year
from goals.status import ROLL_UP_ORDER
from goals.words import interval_text, value_text
from pages.components import status_badge, verdict_badge, year_selector
from pages.data import PageData, annual_report_for, page_data
from report.content import AnnualReport, GoalEntry, TargetEntry
from report.sparkline import sparkline_uri

PATH = "/arsuppfoljning"


def _title(year: str | None = None) -> str:
    return f"Årsuppföljning {year} – Trygghetsmål" if year else "Årsuppföljning – Trygghetsmål"


def _is_year(year: str) -> bool:
    if not year.isdigit():
        return False
    try:
        check_year(page_data().agreement, int(year))
    except YearOutsidePeriod:
        return False
    return True


dash.register_page(__name__, path_template=f"{PATH}/<year>", name="Årsuppföljning", title=_title,
                   order=5, in_navigation=True, nav_href=PATH, accepts_path=_is_year)


def layout(year: str | None = None, **_query: str) -> html.Div:
    data = page_data(year)
    if year is None or not _is_year(year):
        return _unknown_year(year, data)
    report = annual_report_for(data)
    return html.Div([
        html.H1(f"Årsuppföljning {report.year}"),
        html.P(_meta(report), className="text-body-secondary"),
        year_selector(data.agreement, data.year, PATH, href=lambda path, y: f"{path}/{y}",
                      label="Uppföljningsår:"),
        html.P([html.Span("Ladda ner: ", className="fw-semibold"),
                *[html.A(label, href=f"{PATH}/{report.year}.{kind}", className="me-3",
                         download=f"arsuppfoljning-{report.year}.{kind}")
                  for kind, label in (("pdf", "PDF"), ("xlsx", "Excel"), ("html", "HTML"))]],
               className="no-print"),
        _summary(report),
        *[_goal(entry, report.year) for entry in report.goals],
    ], className="annual-report")


def _meta(report: AnnualReport) -> str:
    first, last = report.agreement.period
    parties = ", ".join(p.name for p in report.agreement.parties)
    return (f"{report.agreement.title}. Parter: {parties}. Avtalsperiod {first}–{last}. "
            f"Sammanställd {report.made_on.isoformat()}.")


def _summary(report: AnnualReport) -> html.Section:
    rows = [html.Tr([html.Th(status_badge(s), scope="row"),
                     html.Td(report.goal_counts[s], className="text-end"),
                     html.Td(report.target_counts[s], className="text-end")])
            for s in reversed(ROLL_UP_ORDER)]
    return html.Section([
        html.H2("Sammanfattning", id="sammanfattning"),
        html.Table([html.Caption(f"Mål och delmål per status {report.year}"),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Status", "Mål", "Delmål")])),
                    html.Tbody(rows)], className="table table-sm table-bordered w-auto"),
        _movers("Bättre än året före", report.improved),
        _movers("Sämre än året före", report.worsened),
    ], **{"aria-labelledby": "sammanfattning"})


def _movers(heading: str, entries: list[TargetEntry]) -> html.Div:
    items = [html.Li(f"{t.label}: {t.previous.status.label} → {t.verdict.status.label}")
             for t in entries if t.previous]
    return html.Div([html.H3(heading, className="h6"),
                     html.Ul(items) if items else html.P("Inga delmål.")])


def _goal(entry: GoalEntry, year: int) -> html.Section:
    heading = f"arsmal-{entry.goal.id}"
    return html.Section([
        html.H2(dcc.Link(entry.goal.title, href=f"/mal/{entry.goal.id}?ar={year}"), id=heading,
                className="h4"),
        html.Blockquote(html.P(entry.goal.wording, className="wording mb-0")),
        html.P([f"Status {year}: ", status_badge(entry.status)]),
        *[_target(t, year) for t in entry.targets],
    ], className="annual-goal mt-4 pt-3 border-top", **{"aria-labelledby": heading})


def _target(entry: TargetEntry, year: int) -> html.Div:
    verdict = entry.verdict
    interval = f" (95 % intervall {interval_text(verdict.ci, entry.measure)})" if verdict.ci else ""
    written = " · ".join(f"{v.year}: {value_text(v.value, entry.measure)}"
                         + ("" if v.complete else " (del av år)") for v in entry.trend)
    threshold = getattr(entry.target.rule, "value", None)
    return html.Div([
        html.H3(entry.label, className="h6 mt-3"),
        html.P([verdict_badge(verdict), interval]),
        html.P(verdict.sentence),
        html.P(f"Förändring: {entry.change}", className="small"),
        html.Div([html.Img(src=sparkline_uri(entry.trend, year, threshold, 280, 60), alt="",
                           width=280, height=60, className="me-2"),
                  html.Span(written, className="small")], className="d-flex flex-wrap align-items-center")
        if entry.trend else None,
    ])


def _unknown_year(year: str | None, data: PageData) -> html.Div:
    first, last = data.agreement.period
    return html.Div([
        html.H1("Året finns inte i avtalsperioden"),
        html.P(f"”{year}” är inget år i perioden {first}–{last}. Välj ett år:"),
        html.Ul([html.Li(html.A(str(y), href=f"{PATH}/{y}")) for y in range(first, last + 1)]),
    ])
