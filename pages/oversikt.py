"""Översikt: every goal of the agreement with its status, the first page the säkerhetsenhet opens."""

from __future__ import annotations

from collections import Counter

import dash
import dash_bootstrap_components as dbc
from dash import html

from goals.models import Goal
from goals.status import ROLL_UP_ORDER, goal_status
from indicators.times import moment_text
from pages.components import goal_card, status_announcement, status_badge, year_selector
from pages.data import YEAR_PARAMETER, PageData, page_data

NO_GOALS = "Fokusområdet har inga egna mål i avtalsfilen."

dash.register_page(
    __name__,
    path="/",
    name="Översikt",
    title="Översikt – Trygghetsmål",
    order=0,
    in_navigation=True,
)


def layout(**query: str) -> html.Div:
    data = page_data(query.get(YEAR_PARAMETER))
    agreement = data.agreement
    first, last = agreement.period
    overall = agreement.goals_in(None, "effektmal")
    production = agreement.goals_in(None, "produktionsmal")
    return html.Div(
        [
            html.H1("Översikt"),
            html.P(
                f"{agreement.title}. Var står varje mål? Status, delmål och källa per mål; "
                "välj ett mål för detaljer.",
                className="lead",
            ),
            year_selector(
                agreement,
                data.year,
                "/",
                status_announcement(
                    data.year, (goal_status(g, data.verdicts) for g in agreement.goals)
                ),
            ),
            _year_problem(data),
            _data_notice(data),
            _summary(agreement.goals, data),
            _goal_section(
                "effektmal",
                f"Övergripande effektmål {first}–{last}",
                overall,
                data,
                "Målen som avtalet anger för hela kommunen.",
            ),
            _goal_section(
                "produktionsmal",
                "Produktionsmål",
                production,
                data,
                "Åtaganden i avtalstexten, mätta med säkerhetsenhetens aktivitetslogg.",
            ),
            _focus_areas(data),
        ]
    )


def _year_problem(data: PageData) -> dbc.Alert | None:
    return dbc.Alert(data.year_problem, color="warning") if data.year_problem else None


def _data_notice(data: PageData) -> dbc.Alert:
    if not data.imports:
        text = (
            "Inga exporter har lästs in ännu, så inget mål kan bedömas: varje delmål visar "
            "Kan inte bedömas – data saknas tills statistiken finns i Trygghetsmål."
        )
    else:
        latest = data.imports[-1]
        text = (
            f"Bedömning för {data.year} på {len(data.imports)} inlästa filer, senast "
            f"{latest['file']} ({moment_text(latest['imported_at'])}). Varje delmål säger hur säkert "
            "utfallet är mot slumpen; välj ett mål för förklaringen."
        )
    return dbc.Alert(text, color="secondary", id="datalage")


def _summary(goals: tuple[Goal, ...], data: PageData) -> html.Section:
    counts = Counter(goal_status(goal, data.verdicts) for goal in goals)
    items = [
        html.Li(
            [status_badge(status), html.Span(f" {counts[status]} mål", className="ms-1")],
            className="list-inline-item me-3",
        )
        for status in ROLL_UP_ORDER
        if counts[status]
    ]
    return html.Section(
        [
            html.H2(f"Sammanfattning {data.year}", className="h4", id="rubrik-sammanfattning"),
            html.P(f"{len(goals)} mål med {sum(len(g.targets) for g in goals)} mätbara delmål."),
            html.Ul(items, className="list-inline"),
        ],
        **{"aria-labelledby": "rubrik-sammanfattning"},
    )


def _goal_section(
    section_id: str, title: str, goals: list[Goal], data: PageData, intro: str
) -> html.Section:
    cards = [dbc.Col(goal_card(g, data), lg=6, className="mb-4") for g in goals]
    return html.Section(
        [html.H2(title, id=f"rubrik-{section_id}"), html.P(intro), dbc.Row(cards)],
        className="mt-4",
        **{"aria-labelledby": f"rubrik-{section_id}"},
    )


def _focus_areas(data: PageData) -> html.Section:
    areas = []
    for area in data.agreement.focus_areas:
        goals = data.agreement.goals_in(area.id)
        body = (
            dbc.Row([dbc.Col(goal_card(g, data), lg=6) for g in goals])
            if goals
            else html.P(data.agreement.focus_area_without_goals or NO_GOALS)
        )
        areas.append(html.Div([html.H3(area.title, className="h5"), body], className="mb-3"))
    return html.Section(
        [html.H2("Fokusområden", id="rubrik-fokusomraden"), *areas],
        className="mt-4",
        **{"aria-labelledby": "rubrik-fokusomraden"},
    )
