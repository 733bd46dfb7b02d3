"""Om överenskommelsen: parties, period, focus areas, sources and how verdicts are reached."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from goals.agreement import agreement_text
from goals.status import MEANINGS, ROLL_UP_ORDER
from pages.components import status_badge
from pages.data import PageData, page_data
from settings import get_settings

dash.register_page(
    __name__,
    path="/om",
    name="Om överenskommelsen",
    title="Om överenskommelsen – Trygghetsmål",
    order=9,
    in_navigation=True,
)


def layout(**_query: str) -> html.Div:
    data = page_data()
    agreement = data.agreement
    first, last = agreement.period
    return html.Div(
        [
            html.H1("Om överenskommelsen"),
            html.P(agreement.title, className="lead"),
            _section(
                "parter",
                "Parter och period",
                [
                    html.Ul([html.Li(p.name) for p in agreement.parties]),
                    html.P(
                        " ".join(
                            filter(None, [f"Avtalet gäller {first}–{last}.", agreement.reporting])
                        )
                    ),
                ],
            ),
            _section(
                "fokusomraden",
                "Fokusområden",
                [
                    html.Ul([html.Li(a.title) for a in agreement.focus_areas]),
                    html.P(agreement.focus_areas_note) if agreement.focus_areas_note else None,
                ],
            ),
            _section("kallor", "Källor", [_sources_table(data)]),
            _section(
                "status",
                "Så bedöms målen",
                [
                    html.P(
                        "Varje delmål får en status. Ett mål får den första status som något av "
                        "dess delmål har, i tabellens ordning, så ett mål visas aldrig som "
                        "uppnått när en del av det är okänd eller inte nås."
                    ),
                    _status_table(),
                    html.H3("Hur säker är bedömningen?", className="h5 mt-3"),
                    html.P(
                        "Ett kommunalt brottsantal på cirka 100 om året varierar med ±20 av "
                        "slumpen, och en skolårskull på några hundra elever flyttar andelar flera "
                        "procentenheter. Därför säger varje bedömning också om utfallet är "
                        "säkerställt (95 % intervallet ligger helt på ena sidan av målet, eller "
                        "förändringen är signifikant på 5 % nivå) eller inom felmarginalen."
                    ),
                    html.Ul(
                        [
                            html.Li(
                                "Antal: exakt Poissonintervall (Garwood); skillnad mellan två år "
                                "med ett exakt villkorat Poissontest."
                            ),
                            html.Li(
                                "Andelar med antal svarande: Wilsonintervall och score-test för "
                                "två andelar."
                            ),
                            html.Li(
                                "Ett år med bara några månader: prognos med säsongsmönstret från "
                                "tidigare år och sannolikheten att nå målet."
                            ),
                            html.Li(
                                "Trygghetsmätningens index publiceras utan spridning och får ingen "
                                "säkerhetsangivelse; det gör inte heller en andel utan antal svarande "
                                "eller aktivitetsloggen, som är en förteckning och inte ett urval."
                            ),
                        ]
                    ),
                ],
            ),
            _agreement_text(),
        ]
    )


def _section(section_id: str, title: str, children: list) -> html.Section:
    heading_id = f"rubrik-{section_id}"
    return html.Section(
        [html.H2(title, id=heading_id), *children],
        className="mt-4",
        **{"aria-labelledby": heading_id},
    )


def _sources_table(data: PageData) -> dbc.Table:
    used = {data.catalogue.indicator(t.indicator).source for t in data.agreement.targets}
    rows = [
        html.Tr(
            [
                html.Th(source.label, scope="row"),
                html.Td(source.publisher),
                html.Td(source.description),
            ]
        )
        for source_id, source in data.catalogue.sources.items()
        if source_id in used
    ]
    return dbc.Table(
        [
            html.Caption("Källorna som avtalets mål mäts med"),
            html.Thead(
                html.Tr(
                    [
                        html.Th("Källa", scope="col"),
                        html.Th("Utgivare", scope="col"),
                        html.Th("Vad den är", scope="col"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        bordered=True,
        responsive=True,
    )


def _status_table() -> dbc.Table:
    rows = [html.Tr([html.Td(status_badge(s)), html.Td(MEANINGS[s])]) for s in ROLL_UP_ORDER]
    return dbc.Table(
        [
            html.Caption("Statusarna, i den ordning de väger när delmål vägs ihop till ett mål"),
            html.Thead(html.Tr([html.Th("Status", scope="col"), html.Th("När", scope="col")])),
            html.Tbody(rows),
        ],
        bordered=True,
        responsive=True,
    )


def _agreement_text() -> html.Section | None:
    text = agreement_text(get_settings().agreement)
    if text is None:
        return None
    return _section(
        "avtalstext",
        "Avtalstexten",
        [
            html.Details(
                [
                    html.Summary("Visa hela avtalstexten"),
                    html.Pre(text.strip(), className="agreement-text mt-2"),
                ]
            ),
        ],
    )
