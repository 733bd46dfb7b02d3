"""Mål: one goal of the agreement, its targets, their rules in plain Swedish and their sources."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, callback, ctx, dcc, html, no_update

from goals.breakdowns import Breakdown
from goals.coverage import incomplete_note
from goals.describe import KIND_LABELS, describe_target, target_label
from goals.evidence import related_rows
from goals.models import Goal, Target
from goals.month_band import target_bands
from goals.provenance import target_sources_note
from goals.scorecard import qualifier_meanings, scorecard_row
from goals.status import MEANINGS, Verdict, goal_status
from goals.words import join_words, month_name, period_text
from goals.year_to_date import window_rows
from indicators.catalogue import Catalogue
from indicators.export import breakdown_text
from indicators.numbers import format_number
from indicators.stored import Observation
from pages.bedomning import assessment_part
from pages.charts import (
    ChartContext,
    band_chart,
    band_figure,
    breakdown_table,
    chart_id,
    comparison_chart,
    comparison_figure,
    month_chart,
    selected_point,
    selection_id,
    target_chart,
)
from pages.components import (
    status_announcement,
    status_badge,
    unknown_agreement,
    verdict_badge,
    year_href,
    year_selector,
)
from pages.data import (
    AGREEMENTS_PATH,
    YEAR_PARAMETER,
    PageData,
    TargetDetail,
    agreements_before,
    is_agreement,
    page_data,
    target_comparisons,
    target_detail,
    trend_values,
)
from pages.static_html import static_html

MEASURE_LABELS = {
    "antal": "antal",
    "per_100k": "per 100 000 invånare",
    "index_0_6": "index 0–6",
    "andel_pct": "procent",
}
# Up to this many stored values show at once; more wait behind their summary.
VALUES_SHOWN_OPEN = 20
VALUES_LOADING = "Hämtar värdena …"


def _is_goal(goal_id: str, agreement_id: str | None = None) -> bool:
    if agreement_id is not None and not is_agreement(agreement_id):
        return False
    return goal_id in page_data(agreement_id=agreement_id).agreement.goal_ids


def _title(goal_id: str | None = None, agreement_id: str | None = None) -> str:
    if goal_id and _is_goal(goal_id, agreement_id):
        goal = page_data(agreement_id=agreement_id).agreement.goal(goal_id)
        return f"{goal.title} – Trygghetsmål"
    return "Målet finns inte – Trygghetsmål"


dash.register_page(
    __name__,
    path_template="/mal/<goal_id>",
    name="Mål",
    title=_title,
    accepts_path=_is_goal,
    charts=True,  # app.draws_charts: the page asks for plotly.js at once
)


def agreement_layout(
    agreement_id: str | None = None, goal_id: str | None = None, **query: str
) -> html.Div:
    """/avtal/<id>/mal/<goal>: the same goal page for any agreement of the instance."""
    if agreement_id is None or not is_agreement(agreement_id):
        return unknown_agreement(agreement_id)
    return goal_page(page_data(query.get(YEAR_PARAMETER), agreement_id), goal_id)


dash.register_page(
    "pages.mal_avtal",
    path_template=f"{AGREEMENTS_PATH}/<agreement_id>/mal/<goal_id>",
    name="Mål (avtal)",
    title=_title,
    order=60,  # before /avtal/<agreement_id>, whose variable would match this address too
    accepts_path=_is_goal,
    charts=True,
    layout=agreement_layout,
)


def layout(goal_id: str | None = None, **query: str) -> html.Div:
    return goal_page(page_data(query.get(YEAR_PARAMETER)), goal_id)


def goal_page(data: PageData, goal_id: str | None) -> html.Div:
    if goal_id is None or goal_id not in data.agreement.goal_ids:
        return _unknown_goal(goal_id, data)
    goal = data.agreement.goal(goal_id)
    return html.Div(
        [
            _breadcrumb(goal, data),
            html.H1(goal.title),
            html.P(_kind_line(goal, data), className="text-body-secondary"),
            html.Figure(
                [
                    html.Blockquote(html.P(goal.wording, className="wording mb-0")),
                    html.Figcaption(_quoted_from(goal, data), className="small mt-1"),
                ],
                className="mb-3",
            ),
            year_selector(
                data.agreement,
                data.year,
                f"{data.base}/mal/{goal.id}",
                status_announcement(
                    data.year, (data.verdicts[t.id].status for t in goal.targets), "delmål"
                ),
            ),
            dbc.Alert(data.year_problem, color="warning") if data.year_problem else None,
            html.P(
                [
                    html.Span(f"Status för målet {data.year}: ", className="fw-semibold"),
                    status_badge(goal_status(goal, data.verdicts)),
                ]
            ),
            *[_target_section(target, data) for target in goal.targets],
            _linked_measures(goal, data),
            _reading_notes(goal, data),
            _earlier_agreements(goal, data),
        ]
    )


def _linked_measures(goal: Goal, data: PageData) -> html.Section | None:
    """The year's measures the åtgärdslista links to this goal or its targets, if any."""
    from goals.atgarder import atgarder_for_year
    from kommunlagesbild.atgardsplan import goal_measures

    lines = goal_measures(
        atgarder_for_year(data.agreement, data.evidence.atgarder, data.year), goal
    )
    if not lines:
        return None
    return html.Section(
        [
            html.H2(f"Åtgärder kopplade till målet {data.year}", className="h5", id="atgarder"),
            html.Ul(
                [
                    html.Li(
                        f"{line.name} ({line.responsible}, {line.status.lower()}"
                        + (f"; uppföljning {line.follow_up.label}" if line.follow_up else "")
                        + ")"
                    )
                    for line in lines
                ]
            ),
        ],
        className="mt-4",
        **{"aria-labelledby": "atgarder"},
    )


def _breadcrumb(goal: Goal, data: PageData) -> html.Nav:
    overview = "Översikt" if not data.base else f"Översikt: {data.agreement.title}"
    return html.Nav(
        html.Ol(
            [
                html.Li(
                    dcc.Link(overview, href=year_href(data.base or "/", data.year)),
                    className="breadcrumb-item",
                ),
                html.Li(goal.title, className="breadcrumb-item active", **{"aria-current": "page"}),
            ],
            className="breadcrumb",
        ),
        **{"aria-label": "Du är här"},
    )


def _kind_line(goal: Goal, data: PageData) -> str:
    if goal.focus_area is None:
        where = "övergripande mål"
    else:
        where = next(a.title for a in data.agreement.focus_areas if a.id == goal.focus_area)
    return f"{KIND_LABELS[goal.kind]} · {where} · {len(goal.targets)} delmål"


def _quoted_from(goal: Goal, data: PageData) -> str:
    text = f"Ur {data.agreement.title}."
    return (
        f"{text} Mätindikator enligt avtalet: {goal.measured_with}." if goal.measured_with else text
    )


def _target_section(target: Target, data: PageData) -> html.Section:
    catalogue = data.catalogue
    indicator = catalogue.indicator(target.indicator)
    source = catalogue.sources[indicator.source]
    verdict = data.verdicts[target.id]
    anchor = target.id.replace(".", "-")
    detail = target_detail(data, target)
    context = ChartContext(target, data.agreement, indicator.measure, indicator.unit, data.year)
    caption = f"{target_label(target, catalogue)}, {indicator.unit} per år ({source.label})"
    return html.Section(
        [
            html.H2(target_label(target, catalogue), id=f"delmal-{anchor}", className="h4"),
            html.P([verdict_badge(verdict), html.Span(f" {data.year}", className="ms-1")]),
            html.Div(
                [
                    html.P(
                        verdict.sentence, className="verdict-sentence mb-0", id=f"mening-{anchor}"
                    ),
                    html.Button(
                        "Kopiera meningen",
                        type="button",
                        className="btn btn-outline-secondary btn-sm copy-button ms-2 text-nowrap",
                        **{
                            "data-copy-target": f"mening-{anchor}",
                            "data-copy-status": f"kopierad-{anchor}",
                        },
                    ),
                ],
                className="d-flex align-items-start mb-1",
            ),
            html.P(id=f"kopierad-{anchor}", role="status", className="small mb-2"),
            html.P(period_text(verdict.period, data.year), className="verdict-period")
            if verdict.period
            else None,
            html.P(
                [html.Span("Ofullständigt underlag: ", className="fw-semibold"), note],
                className="verdict-coverage",
            )
            if (note := incomplete_note(verdict.coverage))
            else None,
            html.Details(
                [html.Summary("Varför?"), html.P(verdict.explanation, className="mt-2")],
                className="mb-3 verdict-why",
            ),
            _sources_note(target, data),
            _year_to_date(verdict, anchor),
            assessment_part(target, data) if target.rule.assessed else None,
            target_chart(data, detail.history, context, caption)
            if detail.history.has_values
            else None,
            _months(target, data, detail),
            # Hundreds of cells, the same for everyone until the store changes: built and
            # written as HTML once per state (pages/static_html.py).
            data.memo(
                ("breakdowns-html", target.id, data.year),
                lambda: static_html(_breakdowns(detail.breakdowns, anchor)),
            ),
            _comparisons(target, data, anchor),
            html.Dl(
                [
                    *_term("Regel", describe_target(target, data.agreement, catalogue)),
                    *_term("Indikator", f"{indicator.label}. {indicator.definition}"),
                    *_term(
                        "Källa",
                        [
                            f"{source.label} ({source.publisher})",
                            html.Details(
                                [html.Summary("Om källan"), html.P(source.description)],
                                className="small mt-1",
                            ),
                        ],
                    ),
                    *_term("Geografi", f"{target.geography.name} ({target.geography.code})"),
                    *_term("Delmålets id", html.Code(target.id)),
                    *(
                        []
                        if target.rule.assessed
                        else _term("Ladda ner data", _downloads(target, data.base))
                    ),
                ],
                className="row",
            ),
            None
            if target.rule.assessed
            else _values(
                target,
                data.evidence.rows.get(target.id, []),
                source.label,
                catalogue,
                _values_key(target, data),
            ),
        ],
        className="mt-4 pt-3 border-top",
        **{"aria-labelledby": f"delmal-{anchor}"},
    )


@callback(
    Output(selection_id(MATCH), "children"),
    Input(chart_id(MATCH), "clickData"),
    prevent_initial_call=True,
)
def show_selected_point(click: dict | None) -> list:
    return selected_point(click)


def _year_to_date(verdict: Verdict, anchor: str) -> html.Div | None:
    """The year so far and the rolling 12 months against a year earlier (monthly counts)."""
    if not verdict.year_to_date:
        return None
    header = ["Period", "Antal", "Jämfört med", "Förändring", "Mot slumpen"]
    phi = verdict.year_to_date.get("dispersion")
    return html.Div(
        dbc.Table(
            [
                html.Caption(
                    "Året hittills och rullande 12 månader mot året före; intervallen tar "
                    "hänsyn till slumpen"
                    + (f" och seriens spridning (φ = {_number(phi)})" if phi else "")
                    + "."
                ),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Th(row.label, scope="row"),
                                html.Td(row.value, className="text-end"),
                                html.Td(row.previous),
                                html.Td(row.change),
                                html.Td(row.verdict),
                            ]
                        )
                        for row in window_rows(verdict.year_to_date)
                    ]
                ),
            ],
            bordered=True,
            size="sm",
            className="year-to-date",
            id=f"hittills-{anchor}",
        ),
        className="table-responsive",
    )


def _sources_note(target: Target, data: PageData) -> html.P | None:
    """'Huvudsiffran kommer från …; månadsfördelningen från …' when the chosen year's headline
    and its months or areas were read from different imports."""
    note = data.memo(("sources-note", target.id, data.year), lambda: _mixed_note(target, data))
    if note is None:
        return None
    return html.P(
        [html.Span("Olika källor: ", className="fw-semibold"), note],
        className="sources-note small",
    )


def _mixed_note(target: Target, data: PageData) -> str | None:
    store = None if data.model is None else data.model.store
    related = [] if store is None else related_rows(store, target, data.catalogue)
    return target_sources_note(target, data.catalogue, data.evidence, related, data.year)


def _months(target: Target, data: PageData, detail: TargetDetail) -> html.Div | html.Figure | None:
    """A count with months: the chosen year and the one before against the normal band of the
    same months in earlier years, in words, chart and table; without earlier complete years of
    months, the plain month chart."""
    bands = data.memo(
        ("bands", target.id, data.year),
        lambda: target_bands(target, data.catalogue, data.evidence, data.year),
    )
    if not bands:
        return month_chart(detail.months, target.id) if detail.months else None
    chosen = bands[-1]
    years = chosen.earlier_years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
    outside = chosen.outside
    found = (
        f"Utanför det normala {chosen.year}: "
        + join_words([f"{month_name(m.month)} ({m.outside})" for m in outside])
        + "."
        if outside
        else f"Ingen månad {chosen.year} ligger utanför det normala."
    )
    first = bands[0].year
    shown = f"{first}–{chosen.year}" if first != chosen.year else str(chosen.year)
    caption = (
        f"{target_label(target, data.catalogue)}, antal per månad {shown} med det normala bandet"
    )
    return html.Div(
        [
            html.H3("Månaderna mot det normala", className="h6 mt-3"),
            html.P(
                "Det grå bandet visar vad som ligger inom det normala slumpmässiga variationen "
                f"kring samma månad {span} (snittet av de åren, vidgat med seriens spridning "
                f"φ = {_number(chosen.phi)}). En månad utanför bandet (▲ över, ▼ under) är "
                "ovanlig och värd en närmare titt, men kan också hända av en slump: ungefär en "
                "månad av 20 hamnar utanför även när ingenting har förändrats.",
                className="small",
            ),
            html.P(found, className="fw-semibold small band-summary"),
            band_chart(
                bands,
                target.id,
                caption,
                data.memo(
                    ("band-figure", target.id, data.year),
                    lambda: band_figure(bands).to_plotly_json(),
                ),
            ),
        ],
        className="month-band",
    )


def _breakdowns(found: list[Breakdown], anchor: str) -> html.Div | None:
    if not found:
        return None
    return html.Div(
        [html.H3("Uppdelningar och andra källor", className="h6 mt-3")]
        + [breakdown_table(b, f"uppdelning-{anchor}-{i}") for i, b in enumerate(found, start=1)],
        className="breakdowns",
    )


def _comparisons(target: Target, data: PageData, anchor: str) -> html.Section | None:
    """The kommun beside its län, riket and comparison kommuner where Kolada or Brå's kommun
    indicators are imported; nothing, not even a heading, where they are not."""
    found = target_comparisons(data, target)
    if not found:
        return None
    heading = f"jamforelser-{anchor}"
    return html.Section(
        [
            html.H3("Jämfört med länet, riket och andra kommuner", id=heading, className="h6 mt-3"),
            html.P(
                "Jämförelsematerial med egen definition, per invånare så att olika stora "
                "kommuner går att jämföra. Det är inte delmålets värde och bedöms inte.",
                className="small",
            ),
            *[
                comparison_chart(
                    c,
                    f"{anchor}-{i}",
                    data.memo(
                        ("comparison-figure", target.id, i),
                        lambda c=c: comparison_figure(c).to_plotly_json(),
                    ),
                )
                for i, c in enumerate(found, start=1)
            ],
        ],
        className="comparisons",
        **{"aria-labelledby": heading},
    )


def _downloads(target: Target, base: str) -> list:
    return [
        html.A(
            "CSV",
            href=f"{base}/ladda-ner/{target.id}.csv",
            download=f"trygghetsmal-{target.id}.csv",
            className="me-3",
        ),
        html.A(
            "Excel",
            href=f"{base}/ladda-ner/{target.id}.xlsx",
            download=f"trygghetsmal-{target.id}.xlsx",
        ),
        html.Span(
            " – observationerna bakom delmålet med fil, blad och rad.",
            className="small text-body-secondary",
        ),
    ]


def values_summary_id(target_id: object) -> dict[str, object]:  # a target id, or MATCH
    return {"type": "inlasta-varden", "target": target_id}


def values_table_id(target_id: object) -> dict[str, object]:
    return {"type": "inlasta-varden-tabell", "target": target_id}


def _values_key(target: Target, data: PageData) -> str:
    """Which agreement's target a values table belongs to: two agreements may both have a
    target `trafik.fortkorning`, each measured in its own kommun."""
    return target.id if not data.base else f"{data.agreement.id}:{target.id}"


def _values(
    target: Target, rows: list[Observation], source_label: str, catalogue: Catalogue, key: str
):
    if not rows:
        return html.Div(
            [
                html.P("Inga värden att visa ännu.", className="fw-semibold mb-1"),
                html.P(
                    f"Diagram och tabell för delmålet visas här när data från {source_label} "
                    "har lästs in. Trygghetsmål visar inga siffror som inte kommer från en "
                    "inläst fil.",
                    className="mb-0",
                ),
            ],
            className="empty-state",
        )
    summary = f"Inlästa värden ({len(rows)}) med ursprung"
    if len(rows) <= VALUES_SHOWN_OPEN:
        return html.Details(
            [html.Summary(summary), _values_table(target, rows, catalogue)], open=True
        )
    # Closed, and its table built only when the reader opens it: years of monthly values per
    # crime code are thousands of cells that made up half of what the browser did to show a
    # goal page, for a table most readers never open.
    return html.Details(
        [
            html.Summary(summary, id=values_summary_id(key)),
            html.Div(VALUES_LOADING, id=values_table_id(key)),
        ]
    )


@callback(
    Output(values_table_id(MATCH), "children"),
    Input(values_summary_id(MATCH), "n_clicks"),
    State(values_table_id(MATCH), "children"),
    prevent_initial_call=True,
)
def show_values(_opened: int | None, shown: object):
    """The stored values' table, the first time its details element is opened."""
    if shown != VALUES_LOADING:
        return no_update
    agreement_id, _, target_id = str(ctx.triggered_id["target"]).rpartition(":")
    if agreement_id and not is_agreement(agreement_id):
        return no_update
    data = page_data(agreement_id=agreement_id or None)
    target = next((t for t in data.agreement.targets if t.id == target_id), None)
    if target is None:
        return no_update
    return _values_table(target, data.evidence.rows.get(target.id, []), data.catalogue)


def _values_table(target: Target, rows: list[Observation], catalogue: Catalogue) -> dbc.Table:
    header = ["Period", "Värde", "Mått", "Status", "Uppdelning", "Fil", "Blad", "Rad eller cell"]
    body = [
        html.Tr(
            [
                html.Td(row.period),
                html.Td(_number(row.value), className="text-end"),
                html.Td(MEASURE_LABELS.get(row.measure, row.measure)),
                html.Td(row.revision or "–"),
                html.Td(breakdown_text(row.breakdown, catalogue)),
                html.Td(row.file),
                html.Td(row.sheet or "–"),
                html.Td(row.cell or (f"rad {row.row}" if row.row else "summerat")),
            ]
        )
        for row in rows
    ]
    return dbc.Table(
        [
            html.Caption(f"Lagrade värden bakom delmålet {target.id}, som de lästes in"),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody(body),
        ],
        bordered=True,
        size="sm",
        responsive=True,
        className="mt-2",
    )


def _number(value: float) -> str:
    return format_number(value, 0 if float(value).is_integer() else 2)


def _term(term: str, definition) -> tuple[html.Dt, html.Dd]:
    return html.Dt(term, className="col-sm-3"), html.Dd(definition, className="col-sm-9")


def _reading_notes(goal: Goal, data: PageData) -> html.Section:
    """What the overview's scorecard says about this goal's targets in a word or a glyph, in
    full: the status words, how sure, the trend arrow and the year a value is from."""
    rows = [
        scorecard_row(
            goal,
            target,
            data.catalogue,
            data.verdicts[target.id],
            data.year,
            trend_values(data, target),
        )
        for target in goal.targets
    ]
    statuses = list(dict.fromkeys(row.status for row in rows))
    words = qualifier_meanings([q for row in rows for q in row.qualifiers])
    terms: list = [
        item
        for status in statuses
        for item in (html.Dt(status_badge(status)), html.Dd(MEANINGS[status]))
    ]
    terms += [item for word, meaning in words for item in (html.Dt(word), html.Dd(meaning))]
    trends = [
        html.Li(
            [
                html.Span(row.trend.glyph, **{"aria-hidden": "true"}),
                f" {row.label}: {row.trend.words}",
                f"; värdet {row.value} är från mätningen {row.value_year}"
                if row.value_year
                else "",
                ".",
            ]
        )
        for row in rows
    ]
    return html.Section(
        [
            html.H2("Så läses bedömningen", id="sa-lases", className="h4"),
            html.Dl(terms, className="reading-notes"),
            html.P(
                "Trendpilen på översikten jämför de två senaste hela åren; ett år som inte är "
                "slut räknas inte:",
                className="mb-1",
            ),
            html.Ul(trends, className="list-unstyled"),
        ],
        className="mt-4 pt-3 border-top",
        id="bedomningens-ord",
        **{"aria-labelledby": "sa-lases"},
    )


def _earlier_agreements(goal: Goal, data: PageData) -> html.Section | None:
    """Continuity: a later agreement of the same kommun shows the years before its period as
    history (table and chart above) and points to the agreement those years belonged to."""
    earlier = [
        (agreement, base)
        for agreement, base in agreements_before(data.agreement)
        if agreement.id != data.agreement.id
    ]
    if not earlier:
        return None
    first = data.agreement.period[0]
    items = [
        html.Li(
            [
                html.A(
                    agreement.title,
                    href=f"{base}/mal/{goal.id}" if goal.id in agreement.goal_ids else base or "/",
                ),
                f" ({agreement.period[0]}–{agreement.period[1]}): dess fastställda år står kvar "
                "som de fastställdes, under avtalets årsuppföljning.",
            ]
        )
        for agreement, base in earlier
    ]
    return html.Section(
        [
            html.H2("Tidigare avtal", id="tidigare-avtal", className="h4"),
            html.P(
                f"Åren före {first} visas ovan som historik (märkta ”före avtalsperioden”); "
                "jämförelseåret är märkt. De följdes upp i:"
            ),
            html.Ul(items),
        ],
        className="mt-4 pt-3 border-top",
        **{"aria-labelledby": "tidigare-avtal"},
    )


def _unknown_goal(goal_id: str | None, data: PageData) -> html.Div:
    return html.Div(
        [
            html.H1("Målet finns inte"),
            html.P(f"Avtalet har inget mål med id ”{goal_id}”. Målen i avtalet är:"),
            html.Ul(
                [
                    html.Li(dcc.Link(g.title, href=f"{data.base}/mal/{g.id}"))
                    for g in data.agreement.goals
                ]
            ),
        ]
    )
