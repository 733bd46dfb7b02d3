"""Översikt: every goal of the agreement with its status, the first page the säkerhetsenhet opens."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from goals.changes import changes_since
from goals.models import Goal
from goals.status import ROLL_UP_ORDER, goal_status
from indicators.times import local_time, moment_text
from pages.components import (
    goal_card,
    status_announcement,
    status_badge,
    unknown_agreement,
    year_href,
    year_selector,
)
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    PageData,
    is_agreement,
    page_data,
    query_text,
    read_model,
)

SINCE_PARAMETER = "sedan"
SHOWN_CHANGES = 6  # more wait behind "Visa … till", so the overview stays one screen
NO_GOALS = "Fokusområdet har inga egna mål i avtalsfilen."

dash.register_page(
    __name__,
    path="/",
    name="Översikt",
    title="Översikt – Trygghetsmål",
    order=0,
    in_navigation=True,
)


def _is_agreement(agreement_id: str) -> bool:
    return "/" not in agreement_id and is_agreement(agreement_id)


def _agreement_title(agreement_id: str | None = None) -> str:
    if agreement_id and _is_agreement(agreement_id):
        return f"Översikt: {read_model(agreement_id).agreement.title} – Trygghetsmål"
    return "Avtalet finns inte – Trygghetsmål"


def agreement_layout(agreement_id: str | None = None, **query: str) -> html.Div:
    """/avtal/<id>: the same overview for any agreement of the instance."""
    if agreement_id is None or not _is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return overview(page_data(query.get(YEAR_PARAMETER), agreement_id), query.get(SINCE_PARAMETER))


# Registered after the longer /avtal/<id>/… templates (a lower order wins): Dash matches a
# template's variable across slashes, so this one would otherwise take their addresses.
dash.register_page(
    "pages.oversikt_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>",
    name="Översikt (avtal)",
    title=_agreement_title,
    order=62,
    accepts_path=_is_agreement,
    layout=agreement_layout,
)


def layout(**query: str) -> html.Div:
    return overview(page_data(query.get(YEAR_PARAMETER)), query.get(SINCE_PARAMETER))


def overview(data: PageData, since: str | list[str] | None = None) -> html.Div:
    agreement = data.agreement
    first, last = agreement.period
    overall = agreement.goals_in(None, "effektmal")
    production = agreement.goals_in(None, "produktionsmal")
    return html.Div(
        [
            html.H1("Översikt" if not data.base else f"Översikt: {agreement.title}"),
            html.P(
                f"{agreement.title} ({agreement.kommun.name}). Var står varje mål? Status, "
                "delmål och källa per mål; välj ett mål för detaljer.",
                className="lead",
            ),
            # The menu's Årsuppföljning is the default agreement's; another agreement's overview
            # links its own.
            html.P(
                [
                    dcc.Link(
                        f"Årsuppföljning {data.year}",
                        href=f"{data.base}/arsuppfoljning/{data.year}",
                    ),
                    " · ",
                    html.A("Alla avtal sida vid sida", href=year_href(AGREEMENTS_PATH, data.year)),
                ],
            )
            if data.base
            else None,
            year_selector(
                agreement,
                data.year,
                data.base or "/",
                status_announcement(
                    data.year, (goal_status(g, data.verdicts) for g in agreement.goals)
                ),
            ),
            _year_problem(data),
            _data_notice(data),
            changes_panel(data, query_text(since)),
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


def changes_panel(data: PageData, since: str | None) -> html.Section:
    """ "Sedan senaste importen": what the imports of the latest import day (or since the date
    the user picks, ?sedan=ÅÅÅÅ-MM-DD) changed for this agreement, each status change linking
    to its goal."""
    chosen, problem = _since_date(since)
    found = changes_since(
        data.imports,
        data.import_changes,
        data.agreement.id,
        chosen,
        lambda stamp: local_time(stamp).date(),
    )
    heading = "Sedan senaste importen" if chosen is None else f"Sedan {chosen.isoformat()}"
    goal_of = {t.id: g.id for g in data.agreement.goals for t in g.targets}
    body: list = []
    if problem:
        body.append(dbc.Alert(problem, color="warning"))
    if found.since is None:
        body.append(html.P("Inga exporter har lästs in ännu."))
    else:
        body.append(
            html.P(
                f"{_counted(len(found.files), 'fil inläst', 'filer inlästa')} från "
                f"{found.since.isoformat()}: "
                f"{_counted(found.values, 'ändrat värde', 'ändrade värden')}, "
                f"{_counted(found.new_periods, 'ny period', 'nya perioder')}, "
                f"{_counted(len(found.statuses), 'ändrad bedömning', 'ändrade bedömningar')}.",
                className="mb-1",
            )
        )
        if found.statuses:
            items = [
                html.Li(
                    [
                        dcc.Link(
                            f"{shift.target} {shift.year}",
                            href=year_href(
                                f"{data.base}/mal/{goal_of.get(shift.target, '')}", shift.year
                            ),
                        ),
                        ": ",
                        status_badge(shift.before) if shift.before else "ingen bedömning",
                        " → ",
                        status_badge(shift.after),
                    ]
                )
                for shift in found.statuses
            ]
            body.append(
                html.Ul(
                    items[:SHOWN_CHANGES], className="list-unstyled mb-1", id="andrade-bedomningar"
                )
            )
            if len(items) > SHOWN_CHANGES:
                body.append(
                    html.Details(
                        [
                            html.Summary(f"Visa {len(items) - SHOWN_CHANGES} ändringar till"),
                            html.Ul(items[SHOWN_CHANGES:], className="list-unstyled mb-1"),
                        ]
                    )
                )
        if found.unjudged:
            body.append(
                html.P(
                    f"{found.unjudged} av filerna lästes in innan Trygghetsmål sparade ändrade "
                    "bedömningar; för dem visas inga.",
                    className="small text-body-secondary",
                )
            )
    body.append(
        html.Form(
            [
                html.Label("Visa ändringar sedan", htmlFor="sedan-datum", className="me-2"),
                dcc.Input(
                    id="sedan-datum",
                    name=SINCE_PARAMETER,
                    type="date",
                    value=chosen.isoformat() if chosen else None,
                    className="me-2",
                ),
                dcc.Input(type="hidden", name=YEAR_PARAMETER, value=str(data.year)),
                html.Button("Visa", type="submit", className="btn btn-sm btn-outline-primary"),
            ],
            method="get",
            action=data.base or "/",
            className="small",
        )
    )
    return html.Section(
        [html.H2(heading, className="h4", id="rubrik-andringar"), *body],
        className="mb-3",
        id="andringar",
        **{"aria-labelledby": "rubrik-andringar"},
    )


def _counted(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _since_date(text: str | None) -> tuple[dt.date | None, str | None]:
    if not text:
        return None, None
    try:
        return dt.date.fromisoformat(text.strip()), None
    except ValueError:
        return (
            None,
            f"”{text}” är inget datum (ÅÅÅÅ-MM-DD); visar ändringarna sedan senaste importen.",
        )
