"""Om överenskommelsen: parties, period, focus areas, sources and how verdicts are reached."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html

from goals.agreement import agreement_text
from goals.status import MEANINGS, ROLL_UP_ORDER
from pages.components import status_badge
from pages.data import PageData, page_data, read_model

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
                        "procentenheter. Därför säger varje bedömning också hur säker den är: "
                        "säkerställd (95 % intervallet ligger helt på ena sidan av målet, eller "
                        "förändringen är signifikant på 5 % nivå), inom slumpvariationen (för "
                        "antal brott) eller inom felmarginalen (för enkäter), eller avgjord (ett "
                        "antal som redan passerat gränsen innan året är slut: det säger vad som "
                        "hänt, inte att det är säkerställt mot slumpen)."
                    ),
                    html.Ul(
                        [
                            html.Li(
                                "Antal brott: anmälda brott varierar mer än rent slumpmässigt "
                                "(serieinbrott, massanmälningar). Överspridningen φ skattas för "
                                "varje serie ur dess månader i hela år (minst 24 månader), annars "
                                "gäller ett försiktigt standardvärde ur indicators/statistics.yaml; "
                                "exakt Poissonintervall (Garwood) vidgat med φ, och skillnaden "
                                "mellan två år med ett exakt villkorat test med intervall för "
                                "förändringen."
                            ),
                            html.Li(
                                "Andelar med antal svarande: Wilsonintervall och score-test för "
                                "två andelar, med intervallet för förändringen i procentenheter "
                                "bredvid testet och en designeffekt per enkät (inställning). Få "
                                "svarande (under 30) eller ett intervall bredare än 20 "
                                "procentenheter sägs ut."
                            ),
                            html.Li(
                                "Ett år med bara några månader: en prognos, och den säger att den "
                                "är en prognos. Takten hittills är bara en skattning, "
                                "säsongsmönstret från tidigare år dras mot lika stora månader när "
                                "historiken är kort, och sannolikheten att nå målet räknas med "
                                "allt detta (gamma–Poisson). Med färre än tre månader är det för "
                                "tidigt på året att bedöma, och samma månader året före visas "
                                "bredvid."
                            ),
                            html.Li(
                                "År i perioden som inte har börjat: från minst tre hela år, en nivå "
                                "som kan ha rört sig (under fem år) eller en trend (från fem år), "
                                "med osäkerheten i nivå och trend inräknad. En sannolikhet skrivs "
                                "aldrig som 0 % eller 100 %."
                            ),
                            html.Li(
                                "Ofullständiga data sägs ut: ett antal från en källa som saknar "
                                "några av indikatorns brottskoder är en nedre gräns. Det kan visa "
                                "att ett mål som ”understiga” inte nås, men aldrig att det nås."
                            ),
                            html.Li(
                                "Sannolikheterna är prövade, inte bara beräknade: i simulerade "
                                "kommunserier nåddes målet ungefär så ofta som bedömningen sa "
                                "(se README)."
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
    text = agreement_text(read_model().agreement_name)
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
