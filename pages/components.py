"""Building blocks shared by the pages: status badges, the year selector, commentary as text.

No data access here: the pages pass in what pages/data.py read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from dash import html
from markdown_it.tree import SyntaxTreeNode

from goals.models import Agreement
from goals.status import ROLL_UP_ORDER, Status, Verdict
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    agreement_base,
    instance_agreements,
)
from report.markdown import markdown_tree


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
