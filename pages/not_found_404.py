"""The Swedish 404 page; app.py also sets the HTTP status to 404 for these paths."""

import dash
from dash import dcc, html

dash.register_page(__name__, name="Sidan finns inte", title="Sidan finns inte – Trygghetsmål")


def layout(**_query: str) -> html.Div:
    return html.Div(
        [
            html.H1("Sidan finns inte"),
            html.P(
                "Adressen leder inte till någon sida i Trygghetsmål. Kontrollera adressen, "
                "eller gå vidare härifrån:"
            ),
            html.Ul(
                [
                    html.Li(dcc.Link("Översikt över alla mål", href="/")),
                    html.Li(dcc.Link("Om överenskommelsen", href="/om")),
                ]
            ),
        ]
    )
