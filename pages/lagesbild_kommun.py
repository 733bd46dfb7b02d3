"""Lägesbild enligt lag (2023:196): the kommun's yearly lägesbild, drafted from the stored
evidence (kommunlagesbild/), one page per year of the agreement's period.

The page shows the same Document as the PDF, Word and HTML downloads; the kommun and the years
are the loaded agreement's, so the page can later live under /avtal/<id>/ unchanged.
"""

from __future__ import annotations

import dash
from dash import html

from goals.evaluate import YearOutsidePeriod, check_year
from kommunlagesbild.content import NoDataForYear, agreement_kommun, lagesbild_from_store
from kommunlagesbild.document import lagesbild_document
from pages.components import year_selector
from pages.data import page_data, read_model
from pages.document_view import document_components

PATH = "/lagesbild-kommun"
DOWNLOADS = (("pdf", "PDF"), ("docx", "Word"), ("html", "HTML"))


def _title(year: str | None = None) -> str:
    return f"Lägesbild {year} – Trygghetsmål" if year else "Lägesbild – Trygghetsmål"


def _is_year(year: str) -> bool:
    if not year.isdigit():
        return False
    try:
        check_year(read_model().agreement, int(year))
    except YearOutsidePeriod:
        return False
    return True


dash.register_page(
    __name__,
    path_template=f"{PATH}/<year>",
    name="Lägesbild (lag 2023:196)",
    title=_title,
    order=4,
    in_navigation=True,
    nav_href=PATH,
    accepts_path=_is_year,
)


def layout(year: str | None = None, **_query: str) -> html.Div:
    if year is None or not _is_year(year):
        return _unknown_year(year)
    model = read_model()
    agreement, store, chosen = model.agreement, model.store, int(year)
    kommun = agreement_kommun(agreement)
    selector = year_selector(
        agreement,
        chosen,
        PATH,
        f"Lägesbild {chosen} för {kommun.name}",
        href=lambda path, y: f"{path}/{y}",
        label="År:",
    )
    try:
        if store is None:
            raise NoDataForYear("Inga uppgifter är inlästa ännu.")
        content = model.memo(
            ("lagesbild-kommun", chosen),
            lambda: lagesbild_from_store(store, agreement, model.catalogue, chosen, model.today),
        )
    except NoDataForYear as exc:
        return html.Div(
            [
                html.H1(f"Lägesbild {chosen}: {kommun.name}"),
                selector,
                html.P(str(exc)),
                html.P(html.A("Läs in filer på sidan Data och importer", href="/data")),
            ]
        )
    blocks = document_components(lagesbild_document(content))
    return html.Div(
        [blocks[0], selector, _downloads(chosen), *blocks[1:]],
        className="annual-report lagesbild-kommun",
    )


def _downloads(year: int) -> html.P:
    return html.P(
        [
            html.Span("Ladda ner för att bearbeta: ", className="fw-semibold"),
            *[
                html.A(
                    label,
                    href=f"{PATH}/{year}.{kind}",
                    className="me-3",
                    download=f"lagesbild-{year}.{kind}",
                )
                for kind, label in DOWNLOADS
            ],
        ],
        className="no-print",
    )


def _unknown_year(year: str | None) -> html.Div:
    first, last = page_data().agreement.period
    return html.Div(
        [
            html.H1("Året finns inte i avtalsperioden"),
            html.P(f"”{year}” är inget år i perioden {first}–{last}. Välj ett år:"),
            html.Ul([html.Li(html.A(str(y), href=f"{PATH}/{y}")) for y in range(first, last + 1)]),
        ]
    )
