"""EST-lägesbild: the week's picture per factor and area, the trend per factor, the week's main
concerns and events, from the EST imports: what the Thursday meeting looks at.

The week lives in the address (`/lagesbild?vecka=2022-W48`), so a shared link keeps it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html
from plotly.subplots import make_subplots

from est.lagesbild import (
    MIN_ANSWERS,
    RECENT_WEEKS,
    Concern,
    HeatMap,
    Lagesbild,
    Mean,
    Trend,
    Week,
    WeekEvents,
    concern_sentence,
    dated_span_text,
    high_level,
    lagesbild,
    mean_text,
    rise_level,
)
from goals.words import month_name
from indicators.numbers import format_number
from indicators.sources.est import est_settings
from pages.charts import NAVY, plot_text
from pages.data import est_data, query_text
from settings import get_settings

PATH = "/lagesbild"
WEEK_PARAMETER = "vecka"
SELECTOR_WEEKS = 12  # the latest weeks offered as links; older ones sit under "Tidigare veckor"
TREND_COLUMNS = 4
TREND_ROW_PX, TREND_GAP_PX = 190, 70  # a row of small charts, and the room for the next titles
WHOLE_KOMMUN = "Hela kommunen"
# Light to darker: a higher mean (more impact on safety) is darker. The number is in every cell,
# in black, which keeps at least 5:1 contrast even on the darkest colour.
HEAT_COLOURS = [[0, "#fff7ec"], [0.5, "#fdbb84"], [1, "#e34a33"]]

dash.register_page(
    __name__,
    path=PATH,
    name="EST-lägesbild",
    title="EST-lägesbild – Trygghetsmål",
    order=3,
    in_navigation=True,
    charts=True,  # app.draws_charts: the page asks for plotly.js at once
)


def layout(**query: str) -> html.Div:
    picture = current_lagesbild(query_text(query.get(WEEK_PARAMETER)))
    intro = html.P(
        "Veckoenkäten och händelseloggen från EST (effektiv samordning för trygghet): "
        "läget per faktor och område, trenden och veckans orosfaktorer – underlaget "
        "för torsdagens lägesbild.",
        className="lead",
    )
    if picture is None:
        return html.Div([html.H1("EST-lägesbild"), intro, _no_data()])
    return html.Div(
        [
            html.H1("EST-lägesbild"),
            intro,
            week_selector(picture),
            dbc.Alert(picture.problem, color="warning") if picture.problem else None,
            html.P(_about_week(picture), id="lagesbild-vecka"),
            _concerns(picture),
            _heat_map(picture),
            _trend(picture),
            _events(picture),
        ]
    )


def current_lagesbild(week: str | None) -> Lagesbild | None:
    survey, log = est_data()
    return lagesbild(survey, log, est_settings(), week)


def _no_data() -> html.Div:
    return html.Div(
        [
            html.P("Ingen EST-veckoenkät är inläst ännu.", className="fw-semibold mb-1"),
            html.P(
                [
                    "Läs in veckoenkätens export (en rad per svar: Tidstämpel, Vecka, Område/Plats och "
                    "de tolv faktorerna) och gärna händelseloggen på sidan ",
                    dcc.Link("Data och importer", href="/data"),
                    f", lägg filerna i inkorgen ({get_settings().inbox_dir}) eller kör "
                    "trygghetsmal ingest FIL. Faktorerna och svarsskalan står i indicators/est.yaml. "
                    "Lägesbilden visar inga siffror som inte kommer från en inläst fil.",
                ],
                className="mb-0",
            ),
        ],
        className="empty-state",
    )


def week_href(week: Week) -> str:
    return f"{PATH}?{urlencode({WEEK_PARAMETER: week.label})}"


def week_selector(picture: Lagesbild) -> html.Nav:
    """Links, not a dropdown: the week lives in the address, like the year elsewhere."""
    latest = picture.weeks[-SELECTOR_WEEKS:]
    shown = latest if picture.week in latest else (picture.week, *latest)
    earlier = [w for w in picture.weeks if w not in shown]
    return html.Nav(
        [
            html.Span("Vecka:", className="me-2 fw-semibold", id="veckoval-rubrik"),
            *_week_links(shown, picture.week),
            html.Details(
                [
                    html.Summary(f"Tidigare veckor ({len(earlier)})"),
                    *_week_links(earlier, picture.week),
                ],
                className="ms-2",
            )
            if earlier
            else None,
        ],
        className="year-selector d-flex align-items-center flex-wrap mb-3 no-print",
        id="veckoval",
        **{"aria-labelledby": "veckoval-rubrik"},
    )


def _week_links(weeks: tuple[Week, ...] | list[Week], chosen: Week) -> list:
    """Week numbers grouped under their year: '2022: 36 37 38 …'."""
    groups = []
    for year in sorted({w.year for w in weeks}):
        links = [
            html.Li(
                html.A(
                    str(w.number),
                    href=week_href(w),
                    className="nav-link" + (" active" if w == chosen else ""),
                    **({"aria-current": "page"} if w == chosen else {}),
                ),
                className="nav-item",
            )
            for w in weeks
            if w.year == year
        ]
        groups += [
            html.Span(f"{year}:", className="ms-2 me-1"),
            html.Ul(links, className="nav nav-pills d-inline-flex flex-wrap"),
        ]
    return groups


def _about_week(picture: Lagesbild) -> str:
    answers = sorted(m.n for (_, area), m in picture.heat_map.cells.items() if area is None)
    counted = (
        f"{answers[0]} svar per faktor"
        if answers[0] == answers[-1]
        else f"{answers[0]}–{answers[-1]} svar per faktor"
    )
    return (
        f"{picture.week.text().capitalize()} ({_dates_text(picture.week)}): {counted} i "
        f"{len(picture.heat_map.areas)} områden. Skala: {picture.scale_text}; högre värde "
        f"betyder större påverkan på tryggheten. Källa: {', '.join(picture.files)}."
    )


def _dates_text(week: Week) -> str:
    """'14–20 februari', '28 november–4 december'."""
    monday, sunday = week.monday, week.monday + dt.timedelta(days=6)
    if monday.month == sunday.month:
        return f"{monday.day}–{sunday.day} {month_name(sunday.month)}"
    return f"{monday.day} {month_name(monday.month)}–{sunday.day} {month_name(sunday.month)}"


def _section(section_id: str, title: str, children: list) -> html.Section:
    return html.Section(
        [html.H2(title, id=f"rubrik-{section_id}"), *children],
        className="mt-4",
        id=section_id,
        **{"aria-labelledby": f"rubrik-{section_id}"},
    )


def _concerns(picture: Lagesbild) -> html.Section:
    found = picture.concerns
    high, rise = (
        format_number(high_level(picture.scale), 1),
        format_number(rise_level(picture.scale), 1),
    )
    return _section(
        "orosfaktorer",
        "Veckans huvudsakliga orosfaktorer",
        [
            html.P(
                f"Varje faktor i varje område och i hela kommunen {picture.week.text()}. Högst nivå: "
                f"medelvärde minst {high}. Störst ökning: minst {rise} högre än veckan före eller än "
                f"snittet för de {RECENT_WEEKS} veckorna före. Säkerställt betyder att skillnaden är "
                "större än slumpen ger även med den största spridning svaren kan ha (signifikansnivå "
                "5 %); med "
                "några få svar per område är det sällan så."
            ),
            html.H3("Högst nivå", className="h5"),
            _concern_list(
                found.highest,
                picture.week,
                f"Inget medelvärde med minst {MIN_ANSWERS} svar når {high} den här veckan.",
            ),
            html.H3("Störst ökning", className="h5"),
            _concern_list(
                found.rising,
                picture.week,
                f"Inget medelvärde med minst {MIN_ANSWERS} svar har ökat med {rise} eller mer.",
            ),
            html.P(
                f"{found.few_answers} medelvärden bygger på färre än {MIN_ANSWERS} svar och är inte "
                "med i listorna; de står med ”få svar” i tabellen.",
                className="small",
            )
            if found.few_answers
            else None,
        ],
    )


def _concern_list(concerns: tuple[Concern, ...], week: Week, none: str) -> html.Ul | html.P:
    if not concerns:
        return html.P(none)
    return html.Ul([html.Li(concern_sentence(c, week)) for c in concerns])


def _area_name(area: str | None) -> str:
    return WHOLE_KOMMUN if area is None else area or "Område saknas"


def _heat_map(picture: Lagesbild) -> html.Section:
    caption = f"Medelvärde per faktor och område {picture.week.text()}"
    return _section(
        "karta",
        "Läget per faktor och område",
        [
            html.Figure(
                [
                    dcc.Graph(
                        figure=heat_map_figure(picture.heat_map, picture.scale),
                        id="lagesbild-karta",
                        # No modebar: its buttons are English-only; the table below has the values.
                        config={"displayModeBar": False},
                    ),
                    html.Figcaption(
                        f"{caption}. Siffran i rutan är medelvärdet; * betyder färre än "
                        f"{MIN_ANSWERS} svar; en tom ruta att ingen svarade. Samma värden med "
                        "antal svar står i tabellen under.",
                        className="small text-body-secondary",
                    ),
                ],
                className="mb-2",
            ),
            html.Div(
                heat_map_table(picture.heat_map, f"{caption}, med antal svar"),
                className="table-responsive",
            ),
        ],
    )


def heat_map_figure(heat_map: HeatMap, scale: tuple[float, float]) -> go.Figure:
    columns = [*heat_map.areas, None]
    names = [plot_text(_area_name(a)) for a in columns]
    cells = [
        [heat_map.cells.get((factor, area)) for area in columns] for factor, _ in heat_map.factors
    ]
    labels = [label for _, label in heat_map.factors]
    figure = go.Figure(
        go.Heatmap(
            z=[[m.value if m else None for m in row] for row in cells],
            x=names,
            y=labels,
            text=[[_heat_text(m) for m in row] for row in cells],
            texttemplate="%{text}",
            customdata=[
                [
                    f"{label}, {name}: {mean_text(m) if m else 'inga svar'}"
                    for m, name in zip(row, names, strict=True)
                ]
                for row, label in zip(cells, labels, strict=True)
            ],
            hovertemplate="%{customdata}<extra></extra>",
            zmin=scale[0],
            zmax=scale[1],
            colorscale=HEAT_COLOURS,
            textfont=dict(color="#000"),
            xgap=2,
            ygap=2,
            colorbar=dict(title=dict(text="Medel"), thickness=14),
        )
    )
    figure.update_layout(
        separators=", ",
        height=36 * len(labels) + 90,
        margin=dict(l=10, r=10, t=50, b=10),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        xaxis=dict(side="top", showgrid=False),
        yaxis=dict(autorange="reversed", showgrid=False),
    )
    return figure


def _heat_text(mean: Mean | None) -> str:
    if mean is None:
        return ""
    return format_number(mean.value, 1) + ("*" if mean.few else "")


def heat_map_table(heat_map: HeatMap, caption: str) -> html.Table:
    columns = [*heat_map.areas, None]
    header = html.Tr(
        [html.Th("Faktor", scope="col"), *[html.Th(_area_name(a), scope="col") for a in columns]]
    )
    body = [
        html.Tr(
            [
                html.Th(label, scope="row"),
                *[
                    html.Td(_cell_text(heat_map.cells.get((factor, area))), className="text-end")
                    for area in columns
                ],
            ]
        )
        for factor, label in heat_map.factors
    ]
    return html.Table(
        [html.Caption(caption), html.Thead(header), html.Tbody(body)],
        className="table table-sm table-bordered",
        id="lagesbild-tabell",
    )


def _cell_text(mean: Mean | None) -> str:
    return "inga svar" if mean is None else mean_text(mean)


def _trend(picture: Lagesbild) -> html.Section:
    weeks = picture.trend.weeks
    caption = (
        "Medelvärde per faktor och vecka, alla områden tillsammans, "
        f"{dated_span_text(weeks[0], weeks[-1])}"
    )
    return _section(
        "trend",
        "Trend per faktor",
        [
            html.Figure(
                [
                    dcc.Graph(
                        figure=trend_figure(picture.trend, picture.scale),
                        id="lagesbild-trend",
                        config={"displayModeBar": False},
                    ),
                    html.Figcaption(
                        f"{caption}. Veckonummer längs axeln; en vecka utan svar lämnar ett "
                        f"glapp i linjen, och en ofylld punkt bygger på färre än {MIN_ANSWERS} "
                        "svar.",
                        className="small text-body-secondary",
                    ),
                ],
                className="mb-2",
            ),
            html.Details(
                [
                    html.Summary("Trenden i tabellform"),
                    html.Div(trend_table(picture.trend, caption), className="table-responsive"),
                ]
            ),
        ],
    )


def trend_figure(trend: Trend, scale: tuple[float, float]) -> go.Figure:
    """Small multiples, one per factor on the same scale, so twelve lines never tangle."""
    rows = -(-len(trend.factors) // TREND_COLUMNS)
    height = TREND_ROW_PX * rows + 40
    figure = make_subplots(
        rows=rows,
        cols=TREND_COLUMNS,
        shared_xaxes=True,
        shared_yaxes=True,
        subplot_titles=[f.label for f in trend.factors],
        vertical_spacing=TREND_GAP_PX / height,
        horizontal_spacing=0.03,
    )
    mondays = [w.monday.isoformat() for w in trend.weeks]
    for index, factor in enumerate(trend.factors):
        figure.add_trace(
            go.Scatter(
                x=mondays,
                y=[p.value if p else None for p in factor.points],
                mode="lines+markers",
                connectgaps=False,
                showlegend=False,
                line=dict(color=NAVY, width=2),
                marker=dict(
                    color=NAVY,
                    size=6,
                    symbol=["circle-open" if p and p.few else "circle" for p in factor.points],
                ),
                customdata=[
                    f"{factor.label}, {w.text()}: {mean_text(p) if p else 'inga svar'}"
                    for w, p in zip(trend.weeks, factor.points, strict=True)
                ],
                hovertemplate="%{customdata}<extra></extra>",
            ),
            row=index // TREND_COLUMNS + 1,
            col=index % TREND_COLUMNS + 1,
        )
    # Ticks on Mondays, counted back from the chosen week so that it always has its number.
    step = -(-len(trend.weeks) // 7)
    ticks = list(range(len(trend.weeks) - 1, -1, -step))
    figure.update_xaxes(
        tickvals=[mondays[i] for i in ticks],
        ticktext=[str(trend.weeks[i].number) for i in ticks],
        showgrid=False,
    )
    figure.update_yaxes(range=[scale[0] - 0.1, scale[1] + 0.1], gridcolor="#e3e6e8", zeroline=False)
    figure.update_annotations(font=dict(size=13, color="#212529"))
    figure.update_layout(
        separators=", ",
        height=height,
        margin=dict(l=40, r=10, t=30, b=30),
        paper_bgcolor="#fff",
        plot_bgcolor="#fff",
        hovermode="closest",
    )
    return figure


def trend_table(trend: Trend, caption: str) -> html.Table:
    header = html.Tr(
        [html.Th("Vecka", scope="col"), *[html.Th(f.label, scope="col") for f in trend.factors]]
    )
    body = [
        html.Tr(
            [
                html.Th(week.text(), scope="row"),
                *[html.Td(_cell_text(f.points[i]), className="text-end") for f in trend.factors],
            ]
        )
        for i, week in enumerate(trend.weeks)
    ]
    return html.Table(
        [html.Caption(f"{caption}, med antal svar"), html.Thead(header), html.Tbody(body)],
        className="table table-sm table-bordered mt-2",
        id="lagesbild-trendtabell",
    )


def _events(picture: Lagesbild) -> html.Section:
    events, week = picture.events, picture.week
    title = f"Händelser {week.text()}"
    if not events.covered:
        span = events.span
        text = (
            "Ingen händelselogg är inläst."
            if span is None
            else f"Den inlästa händelseloggen täcker {dated_span_text(*span)}, inte {week.text()}."
        )
        return _section("handelser", title, [html.P(text)])
    before = (
        ""
        if events.previous_total is None
        else f" (vecka {week.plus(-1).number}: {format_number(events.previous_total)})"
    )
    if not events.total:
        return _section("handelser", title, [html.P(f"Inga händelser i loggen{before}.")])
    counted = f"{format_number(events.total)} {'händelse' if events.total == 1 else 'händelser'}"
    return _section(
        "handelser",
        title,
        [
            html.P(f"{counted} i loggen{before}."),
            html.Ul(
                [
                    html.Li(
                        f"{heading}: "
                        + ", ".join(
                            f"{_event_name(column, name)} {count}"
                            for name, count in events.by(column)
                        )
                    )
                    for heading, column in (
                        ("Per allvarlighet", 2),
                        ("Per område", 1),
                        ("Per kategori", 0),
                    )
                ]
            ),
            html.Div(
                _event_table(events, f"{title} per kategori, område och allvarlighet"),
                className="table-responsive",
            ),
        ],
    )


def _event_name(column: int, name: str) -> str:
    """A kategori always has a name; a log without an area or severity column leaves them empty."""
    return name or ("Område saknas" if column == 1 else "Allvarlighet saknas")


def _event_table(events: WeekEvents, caption: str) -> html.Table:
    header = html.Tr(
        [html.Th(h, scope="col") for h in ("Kategori", "Område", "Allvarlighet", "Antal")]
    )
    body = [
        html.Tr(
            [
                html.Th(kategori, scope="row"),
                html.Td(_event_name(1, area)),
                html.Td(_event_name(2, level)),
                html.Td(format_number(count), className="text-end"),
            ]
        )
        for kategori, area, level, count in events.rows
    ]
    return html.Table(
        [html.Caption(caption), html.Thead(header), html.Tbody(body)],
        className="table table-sm table-bordered w-auto",
        id="lagesbild-handelsetabell",
    )
