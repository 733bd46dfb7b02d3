"""Lägesbild enligt lag (2023:196): the kommun's yearly lägesbild, drafted from the stored
evidence (kommunlagesbild/), one page per year of the agreement's period.

The page shows the same Document as the PDF, Word and HTML downloads; the kommun and the years
are the agreement's: the default one's at /lagesbild-kommun/<år>, any other's at
/avtal/<id>/lagesbild-kommun/<år>.
"""

from __future__ import annotations

import dash
from dash import html

from goals.evaluate import YearOutsidePeriod, check_year
from kommunlagesbild.content import NoDataForYear, agreement_kommun, lagesbild_from_store
from kommunlagesbild.document import lagesbild_document
from pages.components import unknown_agreement, year_selector
from pages.data import AGREEMENTS_PATH, agreement_base, is_agreement, page_data, read_model
from pages.document_view import document_components

PATH = "/lagesbild-kommun"
DOWNLOADS = (("pdf", "PDF"), ("docx", "Word"), ("html", "HTML"))


def _title(year: str | None = None) -> str:
    return f"Lägesbild {year} – Trygghetsmål" if year else "Lägesbild – Trygghetsmål"


def _is_year(year: str, agreement_id: str | None = None) -> bool:
    if not year.isdigit():
        return False
    if agreement_id is not None and not is_agreement(agreement_id):
        return False
    try:
        check_year(read_model(agreement_id).agreement, int(year))
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


def _agreement_title(agreement_id: str | None = None, year: str | None = None) -> str:
    return _title(year)


def agreement_layout(
    agreement_id: str | None = None, year: str | None = None, **_query: str
) -> html.Div:
    """/avtal/<id>/lagesbild-kommun/<år>: the lägesbild of that agreement's kommun."""
    if agreement_id is None or not is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return lagesbild_page(year, agreement_id)


dash.register_page(
    "pages.lagesbild_kommun_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>{PATH}/<year>",
    name="Lägesbild (lag 2023:196, avtal)",
    title=_agreement_title,
    order=61,  # before /avtal/<agreement_id> (62), whose variable would match this address too
    accepts_path=_is_year,
    layout=agreement_layout,
)


def layout(year: str | None = None, **_query: str) -> html.Div:
    return lagesbild_page(year)


def lagesbild_page(year: str | None, agreement_id: str | None = None) -> html.Div:
    """The page of the default agreement (no id) or of the agreement `agreement_id`."""
    if year is None or not _is_year(year, agreement_id):
        return _unknown_year(year, agreement_id)
    model = read_model(agreement_id)
    agreement, store, chosen = model.agreement, model.store, int(year)
    kommun = agreement_kommun(agreement)
    path = agreement_base(agreement.id) + PATH
    selector = year_selector(
        agreement,
        chosen,
        path,
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
        [blocks[0], selector, _downloads(chosen, path), *blocks[1:]],
        className="annual-report lagesbild-kommun",
    )


def _downloads(year: int, path: str = PATH) -> html.P:
    return html.P(
        [
            html.Span("Ladda ner för att bearbeta: ", className="fw-semibold"),
            *[
                html.A(
                    label,
                    href=f"{path}/{year}.{kind}",
                    className="me-3",
                    download=f"lagesbild-{year}.{kind}",
                )
                for kind, label in DOWNLOADS
            ],
        ],
        className="no-print",
    )


def _unknown_year(year: str | None, agreement_id: str | None = None) -> html.Div:
    agreement = page_data(agreement_id=agreement_id).agreement
    first, last = agreement.period
    path = agreement_base(agreement.id) + PATH
    return html.Div(
        [
            html.H1("Året finns inte i avtalsperioden"),
            html.P(f"”{year}” är inget år i perioden {first}–{last}. Välj ett år:"),
            html.Ul([html.Li(html.A(str(y), href=f"{path}/{y}")) for y in range(first, last + 1)]),
        ]
    )
