"""Building blocks shared by the pages: status badges, goal cards, the year selector, trends.

No data access here: the pages pass in what pages/data.py read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html
from markdown_it.tree import SyntaxTreeNode

from goals.describe import target_label
from goals.history import YEARS_BEFORE_PERIOD
from goals.models import Agreement, Goal, Target
from goals.status import ROLL_UP_ORDER, Status, Verdict, goal_status
from goals.words import value_text
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    PageData,
    agreement_base,
    instance_agreements,
    trend_values,
)
from report.markdown import markdown_tree
from report.sparkline import sparkline_uri


def status_badge(status: Status, text: str | None = None) -> html.Span:
    """Icon + text + colour, so the status never rests on colour alone."""
    return html.Span(
        [
            html.Span(status.icon, className="status-icon", **{"aria-hidden": "true"}),
            html.Span(text or status.label),
        ],
        className=f"status status-{status.value}",
        **{"data-status": status.value},
    )


def verdict_badge(verdict: Verdict) -> html.Span:
    return status_badge(verdict.status, verdict.short)


def year_href(path: str, year: int) -> str:
    return f"{path}?{urlencode({YEAR_PARAMETER: year})}"


def status_announcement(year: int, statuses: Iterable[Status], noun: str = "mål") -> str:
    """What a screen reader hears after a year is chosen: 'Visar 2021. Mål per status: 6
    uppnått, 5 ej uppnått.'"""
    counts = Counter(statuses)
    parts = [f"{counts[s]} {s.label.lower()}" for s in reversed(ROLL_UP_ORDER) if counts[s]]
    return f"Visar {year}. {noun.capitalize()} per status: {', '.join(parts)}."


def year_selector(
    agreement: Agreement,
    chosen: int,
    path: str,
    announce: str,
    href: Callable[[str, int], str] = year_href,
    label: str = "Bedömningsår:",
) -> html.Nav:
    """Links, not a dropdown: the year lives in the address, so a shared link keeps it. After a
    year is chosen, assets/keyboard.js puts focus back on it and has the page's live region read
    out `announce`."""
    first, last = agreement.period
    links = [
        html.Li(
            html.A(
                str(year),
                href=href(path, year),
                className="nav-link" + (" active" if year == chosen else ""),
                **({"aria-current": "page"} if year == chosen else {}),
            ),
            className="nav-item",
        )
        for year in range(first, last + 1)
    ]
    return html.Nav(
        [
            html.Span(label, className="me-2 fw-semibold", id="arval-rubrik"),
            html.Ul(links, className="nav nav-pills d-inline-flex"),
        ],
        className="year-selector d-flex align-items-center flex-wrap mb-3 no-print",
        id="arval",
        **{"aria-labelledby": "arval-rubrik", "data-announce": announce},
    )


def goal_card(goal: Goal, data: PageData) -> dbc.Card:
    status = goal_status(goal, data.verdicts)
    return dbc.Card(
        dbc.CardBody(
            [
                html.H3(
                    dcc.Link(goal.title, href=year_href(f"{data.base}/mal/{goal.id}", data.year)),
                    className="card-title h5",
                ),
                html.P(
                    [status_badge(status), html.Span(f" {data.year}", className="ms-1")],
                    className="mb-2",
                ),
                html.P(goal.wording, className="wording"),
                html.Ul(
                    [_target_row(t, data) for t in goal.targets],
                    className="target-list",
                    **{"aria-label": f"Delmål för {goal.title}"},
                ),
            ]
        ),
        className="goal-card shadow-sm",
        id=f"mal-{goal.id}",
    )


def _target_row(target: Target, data: PageData) -> html.Li:
    verdict = data.verdicts[target.id]
    return html.Li(
        [
            html.Div(target_label(target, data.catalogue), className="fw-semibold"),
            html.Div(verdict_badge(verdict)),
            html.P(verdict.sentence, className="small mb-1 mt-1 verdict-sentence"),
            trend(target, data),
        ],
        **{"data-target": target.id},
    )


def trend(target: Target, data: PageData) -> html.Div:
    """A sparkline with the same values written out beside it (its text alternative)."""
    first, last = data.agreement.period
    # A wave the year after the period can stand in for the intended one (BoU 2021 for 2020).
    last += target.rule.years_after_period
    values = [
        v for v in trend_values(data, target) if first - YEARS_BEFORE_PERIOD <= v.year <= last
    ]
    source = data.catalogue.source_of(target.indicator).label
    if not values:
        return html.Div(
            f"Källa: {source}. Inga värden inlästa ännu.", className="small text-body-secondary"
        )
    measure = data.catalogue.indicator(target.indicator).measure
    written = " · ".join(
        f"{v.year}: {value_text(v.value, measure)}{'' if v.complete else ' (del av år)'}"
        for v in values
    )
    threshold = target.rule.threshold()
    return html.Div(
        [
            html.Img(
                src=sparkline_uri(values, data.year, threshold),
                alt="",
                width=140,
                height=36,
                className="sparkline me-2",
            ),
            html.Span(
                [html.Span("Trend: ", className="visually-hidden"), written],
                className="small trend-values",
            ),
        ],
        className="d-flex align-items-center flex-wrap mt-1",
        title=f"Källa: {source}",
    )


_MARKDOWN_ELEMENTS = {
    "paragraph": html.P,
    "bullet_list": html.Ul,
    "ordered_list": html.Ol,
    "list_item": html.Li,
    "strong": html.Strong,
    "em": html.Em,
}


def markdown(text: str) -> list:
    """Commentary as Dash elements; only the subset report/markdown.py parses, all as text."""
    return _markdown_children(markdown_tree(text))


def _markdown_children(node: SyntaxTreeNode) -> list:
    return [child for node_child in node.children for child in _markdown_element(node_child)]


def _markdown_element(node: SyntaxTreeNode) -> list:
    if node.type == "text":
        return [node.content]
    if node.type in ("softbreak", "hardbreak"):
        return [html.Br()]
    children = _markdown_children(node)
    # Tight lists hide their paragraphs: the items hold the text directly.
    if node.type == "inline" or (node.type == "paragraph" and node.hidden):
        return children
    return [_MARKDOWN_ELEMENTS[node.type](children)]


def unknown_agreement(agreement_id: str | None) -> html.Div:
    """The page for an address whose agreement id the instance does not have (status 404)."""
    agreements = instance_agreements()
    return html.Div(
        [
            html.H1("Avtalet finns inte"),
            html.P(f"Det finns inget avtal med id ”{agreement_id}”. Avtalen här är:"),
            html.Ul(
                [
                    html.Li(html.A(a, href=agreement_base(a, agreements) or "/"))
                    for a in agreements.ids
                ]
            ),
            html.P(html.A("Alla avtal sida vid sida", href=AGREEMENTS_PATH)),
        ]
    )
